"""One report becomes one case (field form, API): idempotent per user, gap-free numbers."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.core.roles import Role, has_role
from urbis.core.types import Actor, actor_user
from urbis.core.uploads import clean_photo
from urbis.sanctions import selectors, timelimits
from urbis.sanctions.models import (
    Article,
    AscertainerKind,
    Ascertainment,
    Case,
    CaseCounter,
    Guardian,
    MunicipalSettings,
    Offender,
    Photo,
    StatusChange,
)
from urbis.sanctions.rules import payment_reference
from urbis.sanctions.rules.vocabulary import is_minor
from urbis.sanctions.rules.workflow import REGISTER_LEGAL_BASIS, Procedure, Status
from urbis.sanctions.services.intake import identity
from urbis.sanctions.services.intake.checks import _fixed_amount, validate
from urbis.sanctions.services.intake.data import (
    AscertainmentData,
    IdempotencyConflict,
    IntakeResult,
    OffenderData,
)


def _next_number(year: int) -> str:
    """Take the next case number of ``year``; the counter row is locked (gap-free)."""
    CaseCounter.objects.get_or_create(year=year)
    counter = CaseCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"GAS-{year}-{counter.last:06d}"


def request_hash(data: AscertainmentData) -> str:
    """A fingerprint of the report, to tell a retry from a different report under one key."""

    return hashlib.sha256(
        json.dumps(asdict(data), sort_keys=True, default=str).encode()
    ).hexdigest()


def _replayed(actor: Actor, key: str, fingerprint: str) -> Case | None:
    existing = (
        Case.objects.filter(
            ascertainment__idempotency_key=key, ascertainment__created_by=actor_user(actor)
        )
        .select_related("ascertainment")
        .first()
    )
    if existing is not None and existing.ascertainment.request_hash not in ("", fingerprint):
        raise IdempotencyConflict(key)
    return existing


def ascertainment_create(
    *,
    actor: Actor,
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
    try:
        article = validate(data)
    except ValidationError as error:
        if identity.is_identity_match(error):
            selectors.identity_shown(user=actor, national_numbers=[data.offender.national_number])
        raise
    try:
        with transaction.atomic():
            case = _create(actor, data, article, idempotency_key, photos or [], fingerprint)
    except (IntegrityError, _AlreadyRegistered) as error:
        # A retry that raced its original: the original committed between the replay check
        # above and this attempt (the reference is now on file), or while this attempt waited
        # on the unique index (IntegrityError). The original's ascertainment and case were
        # committed together, so the replay below finds the case: a retry always gets it.
        if idempotency_key:
            existing = _replayed(actor, idempotency_key, fingerprint)
            if existing is not None:
                return IntakeResult(existing, created=False)
        if isinstance(error, _AlreadyRegistered) or (
            Ascertainment.objects.filter(kind=data.kind, reference=data.reference).exists()
        ):
            raise _duplicate(data.reference) from None
        raise
    return IntakeResult(case, created=True)


class _AlreadyRegistered(Exception):
    """The report's PV or reference is on file already (raised inside the transaction)."""


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


def _officer_user(actor: Actor, kind: str) -> Any:
    """The ascertaining officer as a user: only when that officer files his own report (for
    GAS-R49); staff keying in a police PV are not its author."""

    if kind == AscertainerKind.MUNICIPAL and has_role(actor, Role.ASCERTAINER):
        return actor
    return None


def _known_offender(o: OffenderData) -> Offender | None:
    """The offender already on file, with the address and language of the latest report."""
    offender = selectors.find_offender(o.national_number, o.enterprise_number)
    if offender is None:
        return None
    changed: dict[str, object] = {
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
    if offender.birth_date is None and o.birth_date is not None:
        # Intake checked the report against this birth date ("minor" is decided once).
        changed["birth_date"] = o.birth_date
    if changed:
        for name, value in changed.items():
            setattr(offender, name, value)
        offender.save(update_fields=list(changed))
    return offender


def _new_offender(o: OffenderData) -> Offender:
    """An unsaved offender from a report (both intake paths)."""
    return Offender(
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


def _new_ascertainment(
    actor: Actor, data: AscertainmentData, article: Article, offender: Offender, **extra: Any
) -> Ascertainment:
    """An unsaved ascertainment from a report (both intake paths)."""
    return Ascertainment(
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
        driver_identified=data.driver_identified,
        driver_name=data.driver_name,
        created_by=actor_user(actor),
        **extra,
    )


def _new_case(
    number: str,
    data: AscertainmentData,
    article: Article,
    ascertainment: Ascertainment,
    offender: Offender,
    municipal: MunicipalSettings | None = None,
) -> Case:
    """An unsaved case with its procedure, minority, fixed amount, payment reference, repeat
    offence (GAS-R12, for fines that vary) and decision limit."""

    offence_on = timezone.localtime(data.offence_at).date()
    case = Case(
        number=number,
        ascertainment=ascertainment,
        procedure=article.procedure,
        minor=is_minor(offender.kind, offender.birth_date, offence_on),
        amount=_fixed_amount(article, offence_on, data),
        payment_reference=payment_reference.from_case_number(number),
    )
    if article.procedure not in (Procedure.PARKING, Procedure.SPEEDING):
        # GAS-R12: a repeat offence changes the fine, not a fixed amount.
        case.repeat_of = selectors.earlier_sanction(offender, article.code, data.ascertained_on)
    case.decision_limit = timelimits.decision_limit(case, municipal=municipal)
    return case


def _first_step(case: Case, actor: Actor, at: Any) -> StatusChange:
    return StatusChange(
        case=case,
        at=at,
        actor=actor_user(actor),
        action="register",
        to_status=Status.RECEIVED,
        legal_basis=REGISTER_LEGAL_BASIS,
    )


def _create(
    actor: Actor,
    data: AscertainmentData,
    article: Article,
    idempotency_key: str | None,
    photos: list[Any],
    fingerprint: str = "",
) -> Case:
    o = data.offender
    if Ascertainment.objects.filter(kind=data.kind, reference=data.reference).exists():
        raise _AlreadyRegistered(data.reference)
    offender = _known_offender(o)
    if offender is None:
        offender = _new_offender(o)
        offender.save()
        for guardian in o.guardians:
            Guardian.objects.create(offender=offender, **guardian)
    ascertainment = _new_ascertainment(
        actor,
        data,
        article,
        offender,
        idempotency_key=idempotency_key or None,
        request_hash=fingerprint,
    )
    ascertainment.save()
    for upload in photos:
        # Content-checked and re-encoded without EXIF (GPS) before it is kept.
        content = clean_photo(upload, max_bytes=settings.URBIS_MAX_PHOTO_BYTES)
        photo = Photo(ascertainment=ascertainment)
        photo.image.save(content.name, content, save=False)
        photo.save()
    case = _new_case(_next_number(data.received_on.year), data, article, ascertainment, offender)
    case.save()
    _first_step(case, actor, timezone.now()).save()
    record_event(
        actor=actor,
        action="gas.case_opened",
        target=case,
        data={"article": article.code, "procedure": case.procedure, "reference": data.reference},
    )
    return case
