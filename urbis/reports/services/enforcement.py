"""The enforcement team in the field: visits with findings, and one action that turns a finding
into a GAS ascertainment.

The hand-off calls exactly one public entry point of the sanctions app,
``urbis.sanctions.services.intake.ascertainment_create`` (ARCHITECTURE §4.6; the import-linter
independence contract allows only this import, ADR 0002). The report keeps the case number and
its status, never the offender's personal data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.core.types import Actor, person_actor
from urbis.reports.models import Report, SpeedCheck, Visit
from urbis.reports.rules import text as text_rules
from urbis.reports.services.common import check_photos, locked, save_photos
from urbis.sanctions.services.intake import AscertainmentData, OffenderData, ascertainment_create


def visit_record(
    *,
    actor: Actor,
    report: Report,
    findings: str,
    offence_observed: bool = False,
    lat: float | None = None,
    lon: float | None = None,
    photos: list[Any] | None = None,
) -> Visit:
    """An officer's visit: what was found, where, with photos (re-encoded without EXIF)."""
    if not findings.strip():
        raise ValidationError({"findings": [_("Describe what you found.")]})
    if len(findings) > text_rules.MAX_DESCRIPTION:
        raise ValidationError({"findings": [_("This text is too long.")]})
    contents = check_photos(photos or [])
    with transaction.atomic():
        report = locked(report)
        visit = Visit.objects.create(
            report=report,
            officer=person_actor(actor),
            at=timezone.now(),
            findings=text_rules.clean(findings),
            offence_observed=offence_observed,
            lat=lat,
            lon=lon,
        )
        save_photos(report, contents, visit=visit)
        record_event(
            actor=actor,
            action="reports.visit_recorded",
            target=report,
            data={"visit": visit.pk, "offence": offence_observed},
        )
    return visit


@dataclass
class FindingData:
    """Who committed the offence, as the officer identified them on the spot."""

    offender_kind: str
    offender_name: str
    offender_first_name: str = ""
    national_number: str = ""
    enterprise_number: str = ""
    birth_date: dt.date | None = None
    street: str = ""
    postcode: str = ""
    city: str = ""
    language: str = "nl"
    article_code: str = ""  # default: the category's suggested article


def finding_to_gas(*, actor: Actor, report: Report, visit: Visit, data: FindingData) -> Report:
    """Turn a visit's finding into a GAS ascertainment, pre-filled from the report (facts,
    place, time, photos, suggested article). Idempotent: a second click returns the first
    case. Raises ValidationError with the intake's per-field messages."""
    version = report.category_version
    if not version.gas_eligible:
        raise ValidationError({"report": [_("Findings in this category do not become GAS cases.")]})
    if visit.report_id != report.pk or not visit.offence_observed:
        raise ValidationError({"visit": [_("Choose a visit where an offence was observed.")]})
    local = timezone.localtime(visit.at)
    ascertainment = AscertainmentData(
        kind="municipal",
        reference=f"URB-R{report.pk}-V{visit.pk}",
        offence_at=visit.at,
        ascertained_on=local.date(),
        received_on=timezone.localdate(),
        article_code=(data.article_code or version.gas_article_code).strip(),
        offender=OffenderData(
            kind=data.offender_kind,
            name=data.offender_name,
            first_name=data.offender_first_name,
            national_number=data.national_number,
            enterprise_number=data.enterprise_number,
            birth_date=data.birth_date,
            street=data.street,
            postcode=data.postcode,
            city=data.city,
            language=data.language,
        ),
        description=visit.findings,
        address=report.address,
        lat=visit.lat if visit.lat is not None else report.lat,
        lon=visit.lon if visit.lon is not None else report.lon,
        officer=person_actor(actor).get_full_name() or person_actor(actor).get_username(),
    )
    photos = [photo.image for photo in visit.photos.all()]
    for photo in photos:
        photo.open("rb")
    try:
        result = ascertainment_create(
            actor=actor,
            data=ascertainment,
            idempotency_key=f"urbis-report-{report.pk}-visit-{visit.pk}",
            photos=photos,
        )
    finally:
        for photo in photos:
            photo.close()
    with transaction.atomic():
        report = locked(report)
        report.gas_case_number = result.case.number
        report.gas_case_status = str(result.case.status)
        report.updated_at = timezone.now()
        report.save(update_fields=["gas_case_number", "gas_case_status", "updated_at"])
        record_event(
            actor=actor,
            action="reports.gas_case_opened",
            target=report,
            data={"case": result.case.number, "visit": visit.pk},
        )
    return report


def speed_check_record(*, actor: Actor, street: str, done_on: dt.date, result: str) -> SpeedCheck:
    """A speed check done in a street residents complained about, with its result."""
    errors = {}
    if not street.strip() or len(street) > 200:
        errors["street"] = [_("Give the street (at most 200 characters).")]
    if not result.strip() or len(result) > 500:
        errors["result"] = [_("Give the result (at most 500 characters).")]
    if done_on > timezone.localdate():
        errors["done_on"] = [_("This date is in the future.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        check = SpeedCheck.objects.create(
            street=street.strip(), done_on=done_on, result=result.strip(), actor=person_actor(actor)
        )
        record_event(
            actor=actor, action="reports.speed_check", target=check, data={"street": check.street}
        )
    return check
