"""Intake: an ascertainment becomes a case, after the competence and eligibility rules.

Every refusal names the rule (``domain/gas.md`` §9) and nothing is written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.core.uploads import clean_photo
from urbis.sanctions import selectors
from urbis.sanctions.models import (
    Article,
    AscertainerKind,
    Ascertainment,
    Case,
    CaseCounter,
    Guardian,
    MunicipalSettings,
    Offender,
    OffenderKind,
    Photo,
    StatusChange,
)
from urbis.sanctions.models.catalogue import InfringementType
from urbis.sanctions.rules import amounts, eligibility, identifiers, payment_reference
from urbis.sanctions.workflow import Procedure, Status

# GAS-R38 (art. 29quater WVW): the measured speed is corrected by 6 km/h (rules/eligibility).
SPEED_TOLERANCE_KMH = eligibility.SPEED_CORRECTION_KMH


@dataclass
class OffenderData:
    kind: str
    name: str
    first_name: str = ""
    national_number: str = ""
    enterprise_number: str = ""
    birth_date: dt.date | None = None
    street: str = ""
    postcode: str = ""
    city: str = ""
    country: str = "BE"
    language: str = "nl"
    email: str = ""
    guardians: list[dict[str, str]] = field(default_factory=list)


@dataclass
class AscertainmentData:
    kind: str
    reference: str
    offence_at: dt.datetime
    ascertained_on: dt.date
    received_on: dt.date
    article_code: str
    offender: OffenderData
    description: str
    address: str = ""
    lat: float | None = None
    lon: float | None = None
    plate: str = ""
    speed_limit: int | None = None
    measured_speed: int | None = None
    built_up_area: bool = True
    municipal_device: bool = True
    other_offence: bool = False
    officer: str = ""  # the ascertaining officer's name or number, as on the PV


@dataclass
class IntakeResult:
    case: Case
    created: bool


def _offender_checks(data: OffenderData, errors: dict[str, list[str]]) -> OffenderData:
    if data.kind not in OffenderKind.values:
        errors.setdefault("offender.kind", []).append(_("Natural or legal person."))
    if not data.name.strip():
        errors.setdefault("offender.name", []).append(_("The offender's name is required."))
    if data.kind == OffenderKind.NATURAL and data.national_number:
        try:
            data.national_number = identifiers.validate_national_number(data.national_number)
        except identifiers.IdentifierError:
            errors.setdefault("offender.national_number", []).append(
                _("%(value)s is not a valid Belgian national number.")
                % {"value": data.national_number}
            )
        else:
            if data.birth_date is None:
                data.birth_date = identifiers.birth_date_from_national_number(data.national_number)
    if data.kind == OffenderKind.LEGAL:
        if not data.enterprise_number:
            errors.setdefault("offender.enterprise_number", []).append(
                _("A legal person is identified by its enterprise number.")
            )
        else:
            try:
                data.enterprise_number = identifiers.validate_enterprise_number(
                    data.enterprise_number
                )
            except identifiers.IdentifierError:
                errors.setdefault("offender.enterprise_number", []).append(
                    _("%(value)s is not a valid enterprise number.")
                    % {"value": data.enterprise_number}
                )
    if data.kind == OffenderKind.NATURAL and data.birth_date is None and not data.national_number:
        # GAS-R04/R05/R10: the age decides minimum age, procedure and letters to parents.
        errors.setdefault("offender.birth_date", []).append(
            _("The date of birth or the national number is required.")
        )
    if data.language not in ("nl", "fr", "en"):
        errors.setdefault("offender.language", []).append(_("Dutch, French or English."))
    return data


class Catalogue:
    """Articles and municipal settings read once, for a batch of ascertainments."""

    def __init__(self) -> None:
        self.articles: dict[str, list[Article]] = {}
        for article in Article.objects.order_by("code", "-valid_from"):
            self.articles.setdefault(article.code, []).append(article)
        self.settings = list(MunicipalSettings.objects.order_by("-valid_from"))

    def article_in_force(self, code: str, day: dt.date) -> Article | None:
        return next((a for a in self.articles.get(code, []) if a.in_force_on(day)), None)

    def known(self, code: str) -> bool:
        return code in self.articles

    def settings_on(self, day: dt.date) -> MunicipalSettings:
        found = next((s for s in self.settings if s.valid_from <= day), None)
        return found or MunicipalSettings(valid_from=dt.date(2014, 1, 1))


class _Database:
    """The same look-ups straight from the database (one ascertainment)."""

    def article_in_force(self, code: str, day: dt.date) -> Article | None:
        return selectors.article_in_force(code, day)

    def known(self, code: str) -> bool:
        return Article.objects.filter(code=code).exists()

    def settings_on(self, day: dt.date) -> MunicipalSettings:
        return selectors.settings_on(day)


def validate(
    data: AscertainmentData,
    *,
    today: dt.date | None = None,
    catalogue: Catalogue | None = None,
) -> Article:
    """Check an ascertainment against the intake rules; return the article version in force.

    Raises ``ValidationError`` with per-field messages, each naming its rule."""
    today = today or timezone.localdate()
    lookup: Catalogue | _Database = catalogue or _Database()
    errors: dict[str, list[str]] = {}
    offence_on = timezone.localtime(data.offence_at).date()
    if data.kind not in AscertainerKind.values:
        errors["kind"] = [_("Police, municipal officer or camera.")]
    if not data.reference.strip():
        errors["reference"] = [_("The PV or report number is required.")]
    if not data.description.strip():
        errors["description"] = [_("Describe the facts.")]
    for name, day in (
        ("offence_at", offence_on),
        ("ascertained_on", data.ascertained_on),
        ("received_on", data.received_on),
    ):
        if day > today:
            errors.setdefault(name, []).append(_("This date is in the future."))
    if offence_on > data.ascertained_on:
        errors.setdefault("offence_at", []).append(
            _("The offence cannot be after its ascertainment.")
        )
    if data.received_on < data.ascertained_on:
        errors.setdefault("received_on", []).append(
            _("The report cannot reach the sanctioning official before the ascertainment.")
        )
    offender = _offender_checks(data.offender, errors)
    article = lookup.article_in_force(data.article_code, offence_on)
    if article is None:
        known = lookup.known(data.article_code)
        errors.setdefault("article_code", []).append(
            _("Article %(code)s was not in force on %(day)s.")
            % {"code": data.article_code, "day": offence_on.isoformat()}
            if known
            else _("Unknown article %(code)s.") % {"code": data.article_code}
        )
    if errors or article is None:
        raise ValidationError(errors)

    procedure = article.procedure
    municipal = lookup.settings_on(offence_on)
    rules = eligibility.Procedure(procedure.value)
    # The rules themselves live in the pure module rules/eligibility.py (lawyer-reviewable);
    # here each refusal is said in the user's language, on the field it concerns.
    refusals: list[eligibility.Refusal] = []
    refusals += eligibility.ascertainer_refusals(rules, ASCERTAINER_OF[data.kind])  # R50
    if procedure == Procedure.PARKING:  # R16; the mixed gate is a workflow step
        refusals += eligibility.prosecutor_refusals(
            rules, protocol_agreement=municipal.protocol_parking, prosecutor_declined=None
        )
    age = None
    if offender.kind == OffenderKind.NATURAL and offender.birth_date:
        age = identifiers.age_on(offender.birth_date, offence_on)
        refusals += eligibility.age_refusals(age, municipal_minimum_age=municipal.minimum_age)
        refusals += eligibility.minor_procedure_refusals(rules, age < eligibility.ADULT_AGE)
    if procedure == Procedure.SPEEDING:
        _speeding_checks(data, municipal.speeding_regulation, errors)
        if data.speed_limit is not None and data.measured_speed is not None:
            refusals += [
                refusal
                for refusal in eligibility.speeding_refusals(
                    speed_limit_kmh=data.speed_limit,
                    measured_speed_kmh=data.measured_speed,
                    device_financed_by_local_authority=data.municipal_device,
                    offender=eligibility.OffenderKind(
                        "legal_person" if offender.kind == OffenderKind.LEGAL else "natural_person"
                    ),
                    adult=age is None or age >= eligibility.ADULT_AGE,
                    other_simultaneous_offence=data.other_offence,
                    offence_on=offence_on,
                )
                if refusal.key != "speed_minor"  # said once, by minor_procedure (R05)
            ]
    for refusal in refusals:
        field, message = _say(refusal)
        errors.setdefault(field, []).append(message)
    if age is not None and age < eligibility.ADULT_AGE and not errors:
        if not article.applies_to_minors:
            errors.setdefault("article_code", []).append(
                _("Article %(code)s does not apply to minors.") % {"code": article.code}
            )
        # GAS-R10 (art. 14-19): letters go to the minor and to the parents.
        if not offender.guardians:
            errors.setdefault("offender.guardians", []).append(
                _("GAS-R10: a minor's parents or guardians must be known.")
            )
    if errors:
        raise ValidationError(errors)
    return article


#: Who ascertained, in the terms of art. 21 (camera PVs are police PVs).
ASCERTAINER_OF: dict[str, eligibility.Ascertainer] = {
    AscertainerKind.POLICE: eligibility.Ascertainer.POLICE,
    AscertainerKind.CAMERA: eligibility.Ascertainer.POLICE,
    AscertainerKind.MUNICIPAL: eligibility.Ascertainer.MUNICIPAL_OFFICER,
}


def _say(refusal: eligibility.Refusal) -> tuple[str, str]:
    """The field and the translated sentence of a refusal of the pure rules."""
    said: dict[str, tuple[str, str]] = {
        "age_legal": (
            "offender.birth_date",
            _("GAS-R04: the offender was %(age)s; no GAS below 14."),
        ),
        "age_municipal": (
            "offender.birth_date",
            _("GAS-R04: the offender was %(age)s, under the municipal minimum age of %(minimum)s."),
        ),
        "minor_procedure": (
            "offender.birth_date",
            _("GAS-R05: stopping, parking and speeding GAS do not apply to minors."),
        ),
        "ascertainer_scope": (
            "kind",
            _("GAS-R50: a municipal officer may not ascertain this infringement (art. 21)."),
        ),
        "parking_protocol": (
            "article_code",
            _("GAS-R16: no protocol agreement with the prosecutor for stopping and parking."),
        ),
        "speed_limit": ("speed_limit", _("GAS-R38: only limits of 30 or 50 km/h.")),
        "speed_no_excess": ("measured_speed", _("No excess after the 6 km/h correction.")),
        "speed_excess": (
            "measured_speed",
            _("GAS-R38: %(excess)s km/h over the limit after correction: criminal procedure."),
        ),
        "speed_device": (
            "measured_speed",
            _("GAS-R38: the device must be financed by the local authority."),
        ),
        "speed_other_offence": (
            "measured_speed",
            _("GAS-R38: another simultaneous offence: criminal procedure."),
        ),
        "speed_legal_person": (
            "offender.kind",
            _("GAS-R43: a legal person only when the actual driver is identified."),
        ),
    }
    if refusal.key not in said:
        return "non_field_errors", str(refusal)
    field, template = said[refusal.key]
    return field, template % refusal.params if "%(" in template else template


def _speeding_checks(data: AscertainmentData, adopted: bool, errors: dict[str, list[str]]) -> None:
    """What the municipality and the report must supply before GAS-R38 can be judged."""

    def refuse(message: str) -> None:
        errors.setdefault("measured_speed", []).append(message)

    if not adopted:
        refuse(_("GAS-R38: the municipality has no speeding regulation."))
    if data.measured_speed is None or data.speed_limit is None:
        refuse(_("GAS-R38: the measured speed and the limit are required."))
    if data.kind != AscertainerKind.CAMERA:
        refuse(_("GAS-R38: speeding must be ascertained by an automatic device."))


def _next_number(year: int) -> str:
    """Take the next case number of ``year``; the counter row is locked (gap-free)."""
    CaseCounter.objects.get_or_create(year=year)
    counter = CaseCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"GAS-{year}-{counter.last:06d}"


def _fixed_amount(article: Article, offence_on: dt.date, data: AscertainmentData) -> Decimal | None:
    if article.infringement_type in (InfringementType.PARKING_1, InfringementType.PARKING_2):
        category = 1 if article.infringement_type == InfringementType.PARKING_1 else 2
        return amounts.parking_amount(category, offence_on).value
    if article.infringement_type == InfringementType.SPEEDING:
        assert data.measured_speed is not None and data.speed_limit is not None
        excess = data.measured_speed - SPEED_TOLERANCE_KMH - data.speed_limit
        return amounts.speeding_amount(excess, data.built_up_area, offence_on).value
    return None


class IdempotencyConflict(ValueError):
    """The key was used before for a different report (HTTP 409)."""


def request_hash(data: AscertainmentData) -> str:
    """A fingerprint of the report, to tell a retry from a different report under one key."""
    import hashlib
    import json
    from dataclasses import asdict

    return hashlib.sha256(
        json.dumps(asdict(data), sort_keys=True, default=str).encode()
    ).hexdigest()


def _replayed(actor: Any, key: str, fingerprint: str) -> Case | None:
    existing = (
        Case.objects.filter(ascertainment__idempotency_key=key, ascertainment__created_by=actor)
        .select_related("ascertainment")
        .first()
    )
    if existing is not None and existing.ascertainment.request_hash not in ("", fingerprint):
        raise IdempotencyConflict(key)
    return existing


def ascertainment_create(
    *,
    actor: Any,
    data: AscertainmentData,
    idempotency_key: str | None = None,
    photos: list[Any] | None = None,
) -> IntakeResult:
    """Register an ascertainment and open its case.

    The same ``idempotency_key`` from the same user always returns the first case: a retried
    request never creates a second one, also when two arrive at the same time. The same key
    with a different report raises :class:`IdempotencyConflict`."""
    fingerprint = request_hash(data)
    if idempotency_key:
        existing = _replayed(actor, idempotency_key, fingerprint)
        if existing is not None:
            return IntakeResult(existing, created=False)
    article = validate(data)
    try:
        with transaction.atomic():
            case = _create(actor, data, article, idempotency_key, photos or [], fingerprint)
    except IntegrityError:
        if idempotency_key:
            existing = _replayed(actor, idempotency_key, fingerprint)
            if existing is not None:
                return IntakeResult(existing, created=False)
        if Ascertainment.objects.filter(kind=data.kind, reference=data.reference).exists():
            raise _duplicate(data.reference) from None
        raise
    return IntakeResult(case, created=True)


def _duplicate(reference: str) -> ValidationError:
    case = Case.objects.filter(ascertainment__reference=reference).first()
    return ValidationError(
        {
            "reference": [
                _("This PV or report is already registered as case %(n)s.")
                % {"n": case.number if case else "?"}
            ]
        }
    )


def _officer_user(actor: Any, kind: str) -> Any:
    """The ascertaining officer as a user: only when that officer files his own report (for
    GAS-R49); staff keying in a police PV are not its author."""
    from urbis.core.roles import Role, has_role

    if kind == AscertainerKind.MUNICIPAL and has_role(actor, Role.ASCERTAINER):
        return actor
    return None


def _known_offender(o: OffenderData) -> Offender | None:
    """The offender already on file, with the address and language of the latest report."""
    offender = selectors.find_offender(o.national_number, o.enterprise_number)
    if offender is None:
        return None
    changed = {
        name: value
        for name, value in (
            ("street", o.street),
            ("postcode", o.postcode),
            ("city", o.city),
            ("language", o.language),
            ("email", o.email),
        )
        if value and getattr(offender, name) != value
    }
    if changed:
        for name, value in changed.items():
            setattr(offender, name, value)
        offender.save(update_fields=list(changed))
    return offender


def _create(
    actor: Any,
    data: AscertainmentData,
    article: Article,
    idempotency_key: str | None,
    photos: list[Any],
    fingerprint: str = "",
) -> Case:
    o = data.offender
    if Ascertainment.objects.filter(kind=data.kind, reference=data.reference).exists():
        raise _duplicate(data.reference)
    offender = _known_offender(o)
    if offender is None:
        offender = Offender.objects.create(
            kind=o.kind,
            name=o.name,
            first_name=o.first_name,
            national_number=o.national_number,
            enterprise_number=o.enterprise_number,
            birth_date=o.birth_date,
            street=o.street,
            postcode=o.postcode,
            city=o.city,
            country=o.country,
            language=o.language,
            email=o.email,
        )
        for guardian in o.guardians:
            Guardian.objects.create(offender=offender, **guardian)
    ascertainment = Ascertainment.objects.create(
        kind=data.kind,
        reference=data.reference,
        ascertainer=_officer_user(actor, data.kind),
        officer=data.officer,
        offence_at=data.offence_at,
        ascertained_on=data.ascertained_on,
        received_on=data.received_on,
        article=article,
        offender=offender,
        description=data.description,
        address=data.address,
        lat=data.lat,
        lon=data.lon,
        plate=data.plate,
        speed_limit=data.speed_limit,
        measured_speed=data.measured_speed,
        built_up_area=data.built_up_area,
        municipal_device=data.municipal_device,
        other_offence=data.other_offence,
        idempotency_key=idempotency_key or None,
        request_hash=fingerprint,
        created_by=actor,
    )
    for upload in photos:
        # Content-checked and re-encoded without EXIF (GPS) before it is kept.
        content = clean_photo(upload, max_bytes=settings.URBIS_MAX_PHOTO_BYTES)
        photo = Photo(ascertainment=ascertainment)
        photo.image.save(content.name, content, save=False)
        photo.save()
    offence_on = timezone.localtime(data.offence_at).date()
    age = offender.age_on(offence_on)
    number = _next_number(data.received_on.year)
    case = Case.objects.create(
        number=number,
        ascertainment=ascertainment,
        procedure=article.procedure,
        minor=age is not None and age < 18,
        amount=_fixed_amount(article, offence_on, data),
        payment_reference=payment_reference.from_case_number(number),
    )
    if article.procedure not in (Procedure.PARKING, Procedure.SPEEDING):
        # GAS-R12: a repeat offence changes the fine, not a fixed amount.
        case.repeat_of = selectors.earlier_sanction(offender, article.code, data.ascertained_on)
    from urbis.sanctions import timelimits

    case.decision_limit = timelimits.decision_limit(case)
    case.save(update_fields=["decision_limit", "repeat_of"])
    StatusChange.objects.create(
        case=case,
        at=timezone.now(),
        actor=actor,
        action="register",
        to_status=Status.RECEIVED,
        legal_basis="art. 22 (GAS-R13): PV or report transmitted to the sanctioning official",
    )
    record_event(
        actor=actor,
        action="gas.case_opened",
        target=case,
        data={"article": article.code, "procedure": case.procedure, "reference": data.reference},
    )
    return case


@dataclass
class BulkReport:
    created: list[str] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)
    imported: bool = False


def ascertainments_import(*, actor: Any, content: bytes, import_valid: bool = False) -> BulkReport:
    """Bulk intake (camera and parking batches): every row is checked first; rejected rows are
    reported with their reasons. Nothing is written when a row is rejected, unless the user
    confirmed to import the valid rows."""
    from urbis.sanctions.tabular import RowError, parse_row, read_csv

    report = BulkReport()
    valid: list[tuple[AscertainmentData, Article]] = []
    try:
        rows = list(read_csv(content))
    except (UnicodeDecodeError, Exception) as error:  # csv.Error and decoding problems
        report.rejected.append(
            (1, _("The file is not a readable CSV file (%(e)s).") % {"e": error})
        )
        return report
    catalogue = Catalogue()
    seen: set[tuple[str, str]] = set()
    references = {
        (row.get("kind", "").strip(), row.get("reference", "").strip()) for _n, row in rows
    }
    on_file = {
        (kind, reference): number
        for kind, reference, number in Case.objects.filter(
            ascertainment__reference__in=[r for _k, r in references]
        ).values_list("ascertainment__kind", "ascertainment__reference", "number")
    }
    for number, row in rows:
        try:
            data = parse_row(row)
            key = (data.kind, data.reference)
            if key in on_file:
                raise RowError(_("already registered as case %(n)s") % {"n": on_file[key]})
            if key in seen:
                raise RowError(_("the same PV or report appears twice in the file"))
            seen.add(key)
            valid.append((data, validate(data, catalogue=catalogue)))
        except RowError as error:
            report.rejected.append((number, str(error)))
        except ValidationError as error:
            reasons = "; ".join(
                f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
            )
            report.rejected.append((number, reasons))
    if report.rejected and not import_valid:
        return report
    for start in range(0, len(valid), BULK_CHUNK):
        with transaction.atomic():
            report.created += _bulk_create(actor, valid[start : start + BULK_CHUNK], catalogue)
    report.imported = True
    return report


#: Rows written per transaction in a bulk import (a camera batch of 100,000 takes 50).
BULK_CHUNK = 2000


def _reserve_numbers(year: int, count: int) -> list[str]:
    """Take ``count`` consecutive case numbers of ``year`` under the counter's row lock."""
    CaseCounter.objects.get_or_create(year=year)
    counter = CaseCounter.objects.select_for_update().get(year=year)
    first = counter.last + 1
    counter.last += count
    counter.save(update_fields=["last"])
    return [f"GAS-{year}-{n:06d}" for n in range(first, counter.last + 1)]


def _bulk_create(
    actor: Any, rows: list[tuple[AscertainmentData, Article]], catalogue: Catalogue
) -> list[str]:
    """The batched form of :func:`_create` for bulk intake: a few queries per chunk."""
    from urbis.sanctions import timelimits

    identities = {d.offender.national_number for d, _a in rows if d.offender.national_number}
    enterprises = {d.offender.enterprise_number for d, _a in rows if d.offender.enterprise_number}
    known: dict[str, Offender] = {}
    for existing in Offender.objects.filter(national_number__in=identities):
        known.setdefault(existing.national_number, existing)
    for existing in Offender.objects.filter(enterprise_number__in=enterprises):
        known.setdefault(existing.enterprise_number, existing)
    new_offenders: list[Offender] = []
    offenders: list[Offender] = []
    for data, _article in rows:
        o = data.offender
        key = o.national_number or o.enterprise_number
        found = known.get(key) if key else None
        if found is None:
            offender = Offender(
                kind=o.kind,
                name=o.name,
                first_name=o.first_name,
                national_number=o.national_number,
                enterprise_number=o.enterprise_number,
                birth_date=o.birth_date,
                street=o.street,
                postcode=o.postcode,
                city=o.city,
                country=o.country,
                language=o.language,
                email=o.email,
            )
            new_offenders.append(offender)
            if key:
                known[key] = offender
        else:
            offender = found
        offenders.append(offender)
    Offender.objects.bulk_create(new_offenders)
    ascertainments = [
        Ascertainment(
            kind=data.kind,
            reference=data.reference,
            ascertainer=_officer_user(actor, data.kind),
            officer=data.officer,
            offence_at=data.offence_at,
            ascertained_on=data.ascertained_on,
            received_on=data.received_on,
            article=article,
            offender=offender,
            description=data.description,
            address=data.address,
            lat=data.lat,
            lon=data.lon,
            plate=data.plate,
            speed_limit=data.speed_limit,
            measured_speed=data.measured_speed,
            built_up_area=data.built_up_area,
            municipal_device=data.municipal_device,
            other_offence=data.other_offence,
            created_by=actor,
        )
        for (data, article), offender in zip(rows, offenders, strict=True)
    ]
    Ascertainment.objects.bulk_create(ascertainments)
    numbers: dict[int, list[str]] = {}
    for year in sorted({data.received_on.year for data, _article in rows}):
        count = sum(1 for data, _article in rows if data.received_on.year == year)
        numbers[year] = _reserve_numbers(year, count)
    cases = []
    for (data, article), ascertainment, offender in zip(
        rows, ascertainments, offenders, strict=True
    ):
        offence_on = timezone.localtime(data.offence_at).date()
        age = offender.age_on(offence_on)
        number = numbers[data.received_on.year].pop(0)
        case = Case(
            number=number,
            ascertainment=ascertainment,
            procedure=article.procedure,
            minor=age is not None and age < 18,
            amount=_fixed_amount(article, offence_on, data),
            payment_reference=payment_reference.from_case_number(number),
        )
        if article.procedure not in (Procedure.PARKING, Procedure.SPEEDING):
            # GAS-R12: a repeat offence changes the fine, not a fixed amount.
            case.repeat_of = selectors.earlier_sanction(offender, article.code, data.ascertained_on)
        case.decision_limit = timelimits.decision_limit(
            case, municipal=catalogue.settings_on(data.ascertained_on)
        )
        cases.append(case)
    Case.objects.bulk_create(cases)
    now = timezone.now()
    StatusChange.objects.bulk_create(
        StatusChange(
            case=case,
            at=now,
            actor=actor,
            action="register",
            to_status=Status.RECEIVED,
            legal_basis="art. 22 (GAS-R13): PV or report transmitted to the sanctioning official",
        )
        for case in cases
    )
    record_event(
        actor=actor,
        action="gas.cases_imported",
        target=("sanctions.case", f"{cases[0].number}..{cases[-1].number}" if cases else "-"),
        data={"count": len(cases), "numbers": [c.number for c in cases]},
    )
    return [case.number for case in cases]
