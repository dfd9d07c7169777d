"""Writes on what is shared: disclosures, feedback sheets, referrals, consent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from urbis.casework import rules
from urbis.casework.models import (
    Case,
    CaseSubject,
    Consent,
    Disclosure,
    FeedbackSheet,
    Meeting,
    Participant,
    Referral,
    SheetConsent,
)
from urbis.casework.services.common import lock_case, require_open, require_participant
from urbis.core.audit import record_event
from urbis.core.models import Organisation
from urbis.core.types import Actor

SHEET_MESSAGES = {
    "no_attendees": gettext_lazy(
        "Nobody took part in this meeting: there is no consensus to record."
    ),
    "consensus_missing": gettext_lazy(
        "Every member who took part in the discussion must consent before the sheet is "
        "issued (Constitutional Court 52/2021)."
    ),
    "secret_item": gettext_lazy("A feedback sheet can never include information marked secret."),
    "secret_text": gettext_lazy("The sheet's text repeats information marked secret."),
}


def _participant_ids(case: Case) -> set[int]:
    return set(
        Participant.objects.filter(case=case, removed_at__isnull=True).values_list(
            "user_id", flat=True
        )
    )


def disclosure_add(
    *,
    actor: Actor,
    case: Case,
    basis: str,
    secrecy_class: str,
    summary: str,
    audience_ids: Sequence[int] = (),
    meeting: Meeting | None = None,
) -> Disclosure:
    """Record what a partner shares, on which basis, with which class and audience (CW-R5)."""
    with transaction.atomic():
        case = lock_case(case)
        require_open(case)
        participant = require_participant(case, actor)
        if meeting is not None and meeting.case_id != case.pk:
            raise ValidationError({"meeting": [_("No such meeting in this case.")]})
        attendees = None
        if meeting is not None:
            attendees = set(meeting.attendees.values_list("pk", flat=True))
        problems = rules.disclosure_audience_problems(
            secrecy_class=secrecy_class,
            discloser=participant.user_id,
            audience=set(audience_ids),
            participants=_participant_ids(case),
            attendees=attendees,
        )
        messages = {
            "audience_not_participant": _("Only participants of the case can be chosen."),
            "secret_audience_not_attendee": _(
                "Information marked secret at a meeting can only go to those who attended it."
            ),
            "secret_without_audience": _("Choose who may see information marked secret."),
        }
        if problems:
            raise ValidationError({"audience": [messages[p] for p in problems]})
        disclosure = Disclosure.objects.create(
            case=case,
            meeting=meeting,
            disclosed_by=participant.user,
            organisation=participant.organisation,
            basis=basis,
            secrecy_class=secrecy_class,
            summary=summary,
            at=timezone.now(),
        )
        disclosure.audience.set(set(audience_ids))
        # The audit event names the item, never its content.
        record_event(
            actor=actor,
            action="casework.disclosed",
            target=case,
            data={"disclosure": disclosure.pk, "class": secrecy_class, "basis": basis},
        )
    return disclosure


def sheet_draft(
    *,
    actor: Actor,
    case: Case,
    meeting: Meeting,
    content: str,
    item_ids: Sequence[int] = (),
    recipient: str = "Local police",
) -> FeedbackSheet:
    """Draft a feedback sheet from a meeting. Secret items are refused already here."""
    with transaction.atomic():
        case = lock_case(case)
        require_open(case)
        participant = require_participant(case, actor)
        if not case.table.feedback_sheets:
            raise ValidationError(_("This table does not issue feedback sheets."))
        if meeting.case_id != case.pk:
            raise ValidationError({"meeting": [_("No such meeting in this case.")]})
        items = list(Disclosure.objects.filter(case=case, pk__in=set(item_ids)))
        if len(items) != len(set(item_ids)):
            raise ValidationError({"items": [_("No such disclosure in this case.")]})
        problems = rules.feedback_sheet_problems(
            attendees={0},  # consensus is checked at issue; here only the content
            consents={0},
            items=[rules.SheetItem(d.secrecy_class, d.summary) for d in items],
            content=content,
            secret_texts=_secret_texts(case),
        )
        if problems:
            raise ValidationError({"content": [str(SHEET_MESSAGES[p]) for p in problems]})
        sheet = FeedbackSheet.objects.create(
            case=case,
            meeting=meeting,
            content=content,
            recipient=recipient,
            created_by=participant.user,
            created_at=timezone.now(),
        )
        sheet.items.set(items)
        record_event(
            actor=actor, action="casework.sheet_drafted", target=case, data={"sheet": sheet.pk}
        )
    return sheet


def _secret_texts(case: Case) -> list[str]:
    return list(
        Disclosure.objects.filter(case=case, secrecy_class="secret").values_list(
            "summary", flat=True
        )
    )


def sheet_consent(*, actor: Actor, case: Case, sheet_id: int) -> SheetConsent:
    """A member who took part gives their consent to the sheet (their own only)."""
    with transaction.atomic():
        case = lock_case(case)
        participant = require_participant(case, actor)
        sheet = FeedbackSheet.objects.filter(case=case, pk=sheet_id, status="draft").first()
        if sheet is None:
            raise ValidationError({"sheet": [_("No such draft sheet.")]})
        if not sheet.meeting.attendees.filter(pk=participant.user_id).exists():
            raise ValidationError({"sheet": [_("Only members who took part can consent.")]})
        consent, _created = SheetConsent.objects.get_or_create(
            sheet=sheet, user=actor, defaults={"at": timezone.now()}
        )
        record_event(
            actor=actor, action="casework.sheet_consented", target=case, data={"sheet": sheet.pk}
        )
    return consent


def sheet_issue(*, actor: Actor, case: Case, sheet_id: int) -> FeedbackSheet:
    """Issue the sheet to the police: refused unless every member who took part consented and
    nothing secret is in it (FS-R1, FS-R2). The refusal is itself recorded."""
    with transaction.atomic():
        case = lock_case(case)
        require_participant(case, actor)
        sheet = (
            FeedbackSheet.objects.select_for_update()
            .filter(case=case, pk=sheet_id, status="draft")
            .first()
        )
        if sheet is None:
            raise ValidationError({"sheet": [_("No such draft sheet.")]})
        problems = rules.feedback_sheet_problems(
            attendees=set(sheet.meeting.attendees.values_list("pk", flat=True)),
            consents=set(sheet.consents.values_list("user_id", flat=True)),
            items=[rules.SheetItem(d.secrecy_class, d.summary) for d in sheet.items.all()],
            content=sheet.content,
            secret_texts=_secret_texts(case),
        )
        if not problems:
            sheet.status = "issued"
            sheet.issued_at = timezone.now()
            sheet.save(update_fields=["status", "issued_at"])
            record_event(
                actor=actor, action="casework.sheet_issued", target=case, data={"sheet": sheet.pk}
            )
            return sheet
    # The refusal is recorded outside the rolled-back block, then reported to the user.
    record_event(
        actor=actor,
        action="casework.sheet_refused",
        target=case,
        data={"sheet": sheet.pk, "problems": problems},
    )
    raise ValidationError({"sheet": [str(SHEET_MESSAGES[p]) for p in problems]})


def referral_add(
    *,
    actor: Actor,
    case: Case,
    service: str,
    organisation: Organisation | None = None,
    referred_on: dt.date | None = None,
) -> Referral:
    with transaction.atomic():
        case = lock_case(case)
        require_open(case)
        require_participant(case, actor)
        referral = Referral.objects.create(
            case=case,
            service=service,
            organisation=organisation,
            referred_on=referred_on or timezone.localdate(),
        )
        record_event(
            actor=actor,
            action="casework.referred",
            target=case,
            data={"referral": referral.pk, "service": service},
        )
    return referral


def referral_set_status(*, actor: Actor, case: Case, referral_id: int, status: str) -> Referral:
    with transaction.atomic():
        case = lock_case(case)
        require_participant(case, actor)
        referral = Referral.objects.select_for_update().filter(case=case, pk=referral_id).first()
        if referral is None:
            raise ValidationError({"referral": [_("No such referral.")]})
        before = referral.status
        referral.status = status
        referral.save(update_fields=["status"])
        record_event(
            actor=actor,
            action="casework.referral_status",
            target=case,
            data={"referral": referral.pk, "from": before, "to": status},
        )
    return referral


def consent_record(
    *,
    actor: Actor,
    case: Case,
    subject_id: int,
    purpose: str,
    recipient: Organisation | None = None,
    given_on: dt.date | None = None,
    evidence: str = "",
) -> Consent:
    """Consent per purpose and recipient, separate from the table's legal basis."""
    with transaction.atomic():
        case = lock_case(case)
        require_open(case)
        require_participant(case, actor)
        subject = CaseSubject.objects.filter(case=case, pk=subject_id).first()
        if subject is None:
            raise ValidationError({"subject": [_("No such person in this case.")]})
        consent = Consent.objects.create(
            case=case,
            subject=subject,
            purpose=purpose,
            recipient=recipient,
            given_on=given_on or timezone.localdate(),
            evidence=evidence,
        )
        record_event(
            actor=actor,
            action="casework.consent_given",
            target=case,
            data={"consent": consent.pk, "purpose": purpose},
        )
    return consent


def consent_withdraw(*, actor: Actor, case: Case, consent_id: int) -> Consent:
    """Withdrawal works for the future (CW-R6): open referrals to the recipient end when the
    consent was to the service."""
    with transaction.atomic():
        case = lock_case(case)
        require_participant(case, actor)
        consent = (
            Consent.objects.select_for_update()
            .filter(case=case, pk=consent_id, withdrawn_on__isnull=True)
            .first()
        )
        if consent is None:
            raise ValidationError({"consent": [_("No such consent in force.")]})
        consent.withdrawn_on = timezone.localdate()
        consent.save(update_fields=["withdrawn_on"])
        effects = rules.consent_withdrawal_effects(consent.purpose)
        ended = 0
        if effects.end_referrals_to_recipient and consent.recipient_id:
            ended = Referral.objects.filter(
                case=case,
                organisation_id=consent.recipient_id,
                status__in=["proposed", "sent", "accepted"],
            ).update(status="ended")
        record_event(
            actor=actor,
            action="casework.consent_withdrawn",
            target=case,
            data={"consent": consent.pk, "referrals_ended": ended},
        )
    return consent
