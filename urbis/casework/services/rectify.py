"""The case director corrects a person's data on the case (GDPR art. 16), through core's
rectification: old and new value in the append-only history, the case's partners listed as
the recipients to inform (art. 19)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from urbis.casework.models import Case, CaseSubject, Participant
from urbis.casework.services.common import lock_case, require_open, require_participant
from urbis.core.audit import record_event
from urbis.core.gdpr.models import Rectification
from urbis.core.gdpr.rectification import person_rectify


def case_recipients(case: Case, *, besides: Any = None) -> list[str]:
    """The organisations taking part in the case (each received the person's data)."""
    rows = Participant.objects.filter(case=case, removed_at__isnull=True).select_related(
        "organisation", "user"
    )
    names = {
        str(p.organisation or p.user) for p in rows if besides is None or p.user_id != besides.pk
    }
    return sorted(names)


def subject_rectify(
    *, actor: Any, case: Case, subject_id: int, field: str, value: str, reason: str
) -> Rectification:
    """Only the case director with identity rights corrects a person on the case; a forged
    subject id is refused like a missing one."""
    with transaction.atomic():
        case = lock_case(case)
        require_open(case)
        participant = require_participant(case, actor, director=True)
        if not participant.identity_rights:
            raise ValidationError(_("You do not hold identity rights in this case."))
        subject = CaseSubject.objects.filter(case=case, pk=subject_id).first()
        if subject is None:
            raise ValidationError({"subject": [_("No such person on this case.")]})
        row = person_rectify(
            actor=actor, person=subject.person, field=field, value=value, reason=reason,
            authorised=True, recipients=case_recipients(case, besides=actor),
        )  # fmt: skip
        record_event(
            actor=actor, action="casework.subject_rectified", target=case,
            data={"field": field, "rectification": row.pk},
        )  # fmt: skip
    return row
