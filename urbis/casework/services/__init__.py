"""Casework services: every write (ADR 0001)."""

from urbis.casework.services.cases import (
    action_add,
    action_complete,
    break_glass_open,
    case_assess,
    case_close,
    case_open,
    meeting_record,
    participant_add,
    participant_remove,
    subject_add,
)
from urbis.casework.services.common import step_refused
from urbis.casework.services.contacts import contact_convert, contact_convert_check, contact_log
from urbis.casework.services.rectify import subject_rectify
from urbis.casework.services.sharing import (
    consent_record,
    consent_withdraw,
    disclosure_add,
    referral_add,
    referral_set_status,
    sheet_consent,
    sheet_draft,
    sheet_issue,
)

__all__ = [
    "action_add",
    "action_complete",
    "break_glass_open",
    "case_assess",
    "case_close",
    "case_open",
    "consent_record",
    "consent_withdraw",
    "contact_convert",
    "contact_convert_check",
    "contact_log",
    "disclosure_add",
    "meeting_record",
    "participant_add",
    "participant_remove",
    "referral_add",
    "referral_set_status",
    "sheet_consent",
    "sheet_draft",
    "sheet_issue",
    "step_refused",
    "subject_add",
    "subject_rectify",
]
