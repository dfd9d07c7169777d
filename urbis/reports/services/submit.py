"""A citizen, a partner application (Open311) or the desk files a report."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from urbis.core import extent, geo
from urbis.core.audit import record_event
from urbis.core.models import AreaKind
from urbis.core.types import Actor
from urbis.reports import conf
from urbis.reports.models import (
    Assignment,
    CategoryVersion,
    Open311Key,
    Report,
    Reporter,
    Source,
    StatusChange,
)
from urbis.reports.rules import attributes as attribute_rules
from urbis.reports.rules import routing, sla, text
from urbis.reports.services import setup_cache
from urbis.reports.services.common import (
    check_photos,
    follow_url,
    mail_reporters,
    reporter_language,
    save_photos,
)
from urbis.reports.workflow import Actor as By
from urbis.reports.workflow import Status

ATTRIBUTE_MESSAGES = {
    "required": gettext_lazy("This question must be answered."),
    "unknown_value": gettext_lazy("This is not one of the allowed answers."),
    "one_value": gettext_lazy("Give one answer only."),
    "not_a_number": gettext_lazy("Give a number."),
    "not_a_datetime": gettext_lazy("Give a date and time (ISO 8601)."),
    "too_long": gettext_lazy("This answer is too long."),
}


@dataclass
class ReportInput:
    category_code: str
    description: str = ""
    lat: float | None = None
    lon: float | None = None
    address: str = ""
    attributes: dict[str, list[str]] = field(default_factory=dict)
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    media_url: str = ""
    language: str = ""  # the reporter's (nl/fr/en); empty: the request's language


@dataclass
class SubmitResult:
    report: Report
    created: bool


class ThrottledError(Exception):
    """Too many reports from one key or one address in the last hour (HTTP 429)."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def address_hash(address: str) -> str:
    """A keyed hash of the client address: counts a flood without keeping the address."""
    if not address:
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def in_city(lat: float, lon: float) -> bool:
    """Inside the city's extent (``urbis.core.extent``: URBIS_CITY_BBOX, else the areas)."""
    return extent.contains(extent.city_bbox() or conf.FALLBACK_CITY_BBOX, lat, lon)


def _category_version(code: str, *, staff: bool) -> CategoryVersion | None:
    version = setup_cache.current_versions().get(code)
    if version is None or (not version.is_public and not staff):
        return None
    return version


def validate(data: ReportInput, *, staff: bool = False) -> tuple[CategoryVersion, dict[str, Any]]:
    """The category version and the cleaned attributes, or ValidationError with every problem
    keyed by field (``category``, ``location``, ``description``, ``attribute.<code>``,
    ``email``)."""
    version = _category_version(data.category_code, staff=staff)
    errors: dict[str, list[str]] = {}
    if version is None:
        errors["category"] = [_("Unknown category %(code)s.") % {"code": data.category_code[:40]}]
    errors |= _location_errors(data)
    errors |= _text_errors(data)
    errors |= _contact_errors(data)
    cleaned: dict[str, Any] = {}
    if version is not None:
        definitions = attribute_rules.parse_definitions(version.attributes)
        cleaned, problems = attribute_rules.check_answers(definitions, data.attributes)
        for code, problem in problems.items():
            errors[f"attribute.{code}"] = [str(ATTRIBUTE_MESSAGES[problem])]
    if errors or version is None:
        raise ValidationError(errors)
    return version, cleaned


def _location_errors(data: ReportInput) -> dict[str, list[str]]:
    """A pin inside the city (both coordinates) or an address."""
    if (data.lat is None) != (data.lon is None):
        return {"location": [_("Give both latitude and longitude.")]}
    if data.lat is not None and data.lon is not None:
        try:
            geo.validate_lat_lon(data.lat, data.lon)
            inside = in_city(data.lat, data.lon)
        except (ValidationError, ValueError, TypeError):
            inside = False
        return {} if inside else {"location": [_("This location is outside the city.")]}
    if not data.address.strip():
        return {"location": [_("A location is required: a pin on the map or an address.")]}
    return {}


def _text_errors(data: ReportInput) -> dict[str, list[str]]:
    """Media URL, address and description: lengths, schemes, no markup."""
    errors: dict[str, list[str]] = {}
    if data.media_url:
        try:
            if len(data.media_url) > 500:
                raise ValidationError("too long")
            URLValidator(schemes=["http", "https"])(data.media_url)
        except ValidationError:
            errors["media_url"] = [_("Give an http(s) URL of at most 500 characters.")]
    if len(data.address) > 300:
        errors["address"] = [_("At most 300 characters.")]
    if len(data.description) > text.MAX_DESCRIPTION:
        errors["description"] = [_("At most %(n)d characters.") % {"n": text.MAX_DESCRIPTION}]
    elif text.has_markup(data.description):
        errors["description"] = [_("HTML is not allowed in the description.")]
    return errors


def _contact_errors(data: ReportInput) -> dict[str, list[str]]:
    """The reporter's optional contact details: lengths, a valid e-mail address."""
    errors: dict[str, list[str]] = {}
    for name, value, limit in (
        ("first_name", data.first_name, 100),
        ("last_name", data.last_name, 100),
        ("email", data.email, 254),
        ("phone", data.phone, 40),
    ):
        if len(value) > limit:
            errors[name] = [_("At most %(n)d characters.") % {"n": limit}]
    if data.email and "email" not in errors:
        try:
            validate_email(data.email)
        except ValidationError:
            errors["email"] = [_("Enter a valid e-mail address.")]
    return errors


def fingerprint_of(data: ReportInput, *, source: str, key: Open311Key | None, token: str) -> str:
    """What makes a retried submission the same one: the form's one-time token, or for Open311
    the key and the whole content (a client that retries sends the same fields)."""
    if token:
        material = f"{source}:token:{token}"
    else:
        material = f"{source}:{key.pk if key else '-'}:" + json.dumps(
            [
                data.category_code,
                data.description,
                data.lat,
                data.lon,
                data.address,
                sorted(data.attributes.items()),
                data.email,
                data.phone,
                data.first_name,
                data.last_name,
            ],
            default=str,
        )
    return hashlib.sha256(material.encode()).hexdigest()


def _throttle(key: Open311Key | None, submitter: str) -> None:
    """At most URBIS_REPORTS_POSTS_PER_HOUR_KEY reports per key and …_ADDRESS per client
    address in the last hour (one query over the two indexes)."""
    if key is None and not submitter:
        return
    since = timezone.now() - timedelta(hours=1)
    by_key = Q(open311_key=key) if key is not None else Q(pk__in=[])
    by_address = Q(submitter_hash=submitter) if submitter else Q(pk__in=[])
    counts = Report.objects.filter(by_key | by_address, created_at__gte=since).aggregate(
        key=Count("pk", filter=by_key), address=Count("pk", filter=by_address)
    )
    key_limit = int(conf.get("URBIS_REPORTS_POSTS_PER_HOUR_KEY"))  # type: ignore[call-overload]
    address_limit = int(conf.get("URBIS_REPORTS_POSTS_PER_HOUR_ADDRESS"))  # type: ignore[call-overload]
    if key is not None and counts["key"] >= key_limit:
        raise ThrottledError("key")
    if submitter and counts["address"] >= address_limit:
        raise ThrottledError("address")


def areas_at(lat: float | None, lon: float | None) -> tuple[int | None, frozenset[str]]:
    """The id of the point's neighbourhood (for indicators) and the codes of every area
    covering it (for routing), from core's cached area rows (no query per report)."""
    if lat is None or lon is None:
        return None, frozenset()
    hits = [
        (pk, code, kind, box)
        for pk, code, kind, box, geometry in extent.area_rows()
        if extent.contains(box, lat, lon)
        and geo.contains(geometry, lat, lon, cache_key=f"{pk}:{code}")
    ]
    neighbourhoods = [h for h in hits if h[2] == AreaKind.NEIGHBOURHOOD]
    neighbourhoods.sort(key=lambda h: (h[3][3] - h[3][1]) * (h[3][2] - h[3][0]))
    return (neighbourhoods[0][0] if neighbourhoods else None), frozenset(h[1] for h in hits)


def route(version: CategoryVersion, area_codes: frozenset[str], at: Any) -> tuple[Any, Any, Any]:
    """(team id, assignee id, rule) by the first matching routing rule, else the category's
    team."""
    specs = [
        routing.RouteRule(
            rule_id=pk, order=order, team_id=team, category=category, area=area, start=start,
            end=end, assignee_id=assignee,
        )
        for pk, order, team, category, area, start, end, assignee in setup_cache.routing_rules()
    ]  # fmt: skip
    local = timezone.localtime(at).time()
    match = routing.first_match(specs, category=version.category.code, areas=area_codes, at=local)
    if match is None:
        return version.team_id, None, None
    return match.team_id, match.assignee_id, match.rule_id


def report_submit(
    *,
    actor: Actor,
    data: ReportInput,
    source: str = Source.WEB,
    photos: list[Any] | None = None,
    open311_key: Open311Key | None = None,
    submission_token: str = "",
    client_address: str = "",
) -> SubmitResult:
    """File a report: checked whole first (nothing half-written), routed, given a due date,
    and the reporter mailed the private follow link.

    A retried submission (the same form token, or the same Open311 key and content) returns the
    first report with ``created=False`` — also when both arrive at the same moment (the unique
    fingerprint decides)."""
    staff = source in (Source.PHONE, Source.OFFICER)
    fingerprint = fingerprint_of(data, source=source, key=open311_key, token=submission_token)
    existing = Report.objects.filter(fingerprint=fingerprint).first()
    if existing is not None:
        return SubmitResult(existing, created=False)
    version, cleaned = validate(data, staff=staff)
    contents = check_photos(photos or [])
    submitter = address_hash(client_address)
    _throttle(open311_key, submitter)
    try:
        with transaction.atomic():
            report = _create(
                actor, data, version, cleaned, source, open311_key, fingerprint, submitter, contents
            )
    except IntegrityError:
        existing = Report.objects.filter(fingerprint=fingerprint).first()
        if existing is None:
            raise
        return SubmitResult(existing, created=False)
    return SubmitResult(report, created=True)


def _create(
    actor: Actor,
    data: ReportInput,
    version: CategoryVersion,
    cleaned: dict[str, Any],
    source: str,
    key: Open311Key | None,
    fingerprint: str,
    submitter: str,
    contents: list[Any],
) -> Report:
    now = timezone.now()
    area, area_codes = areas_at(data.lat, data.lon)
    team_id, assignee_id, rule = route(version, area_codes, now)
    report = Report.objects.create(
        token=secrets.token_urlsafe(32),
        category_id=version.category_id,
        category_version=version,
        status=Status.NEW,
        description=text.clean(data.description),
        lat=data.lat,
        lon=data.lon,
        address=text.clean(data.address),
        area_id=area,
        source=source,
        attributes=cleaned,
        team_id=team_id,
        assignee_id=assignee_id,
        created_at=now,
        updated_at=now,
        due_on=sla.due_date(
            timezone.localdate(now), days=version.sla_days, working_days=version.sla_working_days
        ),
        open311_key=key,
        media_url=data.media_url,
        open311_token=secrets.token_hex(16) if key is not None else None,
        fingerprint=fingerprint,
        submitter_hash=submitter,
    )
    Reporter.objects.create(
        report=report,
        first_name=data.first_name.strip(),
        last_name=data.last_name.strip(),
        email=data.email.strip(),
        phone=data.phone.strip(),
        language=data.language or reporter_language(),
        original=True,
        created_at=now,
    )
    by = By.STAFF if getattr(actor, "is_authenticated", False) else By.REPORTER
    StatusChange.objects.create(
        report=report, at=now, actor=_user(actor), by=by, from_status="", to_status=Status.NEW
    )
    Assignment.objects.create(
        report=report,
        at=now,
        actor=None,
        team_id=team_id,
        assignee_id=assignee_id,
        rule_id=rule,
        note="routing rule" if rule else "category team",
    )
    save_photos(report, contents)
    record_event(
        actor=actor,
        action="reports.report_filed",
        target=report,
        data={"category": version.category.code, "version": version.version, "source": source},
    )
    if data.email:
        mail_reporters(
            report,
            lambda _private: (
                _("Your report number %(n)s") % {"n": report.pk},
                _("Thank you. Follow your report (keep this link private): %(url)s")
                % {"url": follow_url(report)},
            ),
        )
    return report


def _user(actor: Actor) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None
