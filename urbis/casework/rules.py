"""The casework rules a lawyer must review. Pure Python: no Django, no database.

Sources are in ``shared/domain/plan-casework.md`` §3 and §4; each rule names its basis. Rules
the notes mark BELIEVED take their figures from settings (see docs/casework.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass

# --- risk level and approach -------------------------------------------------------------

#: CW-R1 (Veilig Huis screening, departementwvg.be FJC Limburg, VERIFIED): voluntary,
#: low-threshold help at low risk; persistent outreach (aanklampend) at higher risk; fast
#: action at high risk.
APPROACH_BY_RISK = {"low": "voluntary", "medium": "outreach", "high": "fast_action"}


def approach_for(risk_level: str) -> str:
    """CW-R1: the approach that matches a risk level."""
    return APPROACH_BY_RISK[risk_level]


# --- need to know ------------------------------------------------------------------------


def may_see_case(*, is_participant: bool, break_glass_active: bool) -> bool:
    """CW-R2 (art. 458ter §1 Sw.: the instrument says who takes part; GDPR art. 5(1)(f), 32):
    only the case's participants see a case; anyone else — administrators and the coordinator
    included — only through a logged, reasoned, time-boxed break-glass access."""
    return is_participant or break_glass_active


def identity_visible(*, identity_rights: bool, break_glass_active: bool) -> bool:
    """CW-R3 (GDPR art. 5(1)(c) minimisation, art. 25 by default): identities of the persons
    concerned are shown only to participants holding identity rights (and under break-glass);
    everyone else sees the case alias."""
    return identity_rights or break_glass_active


def disclosure_visible(
    *,
    secrecy_class: str,
    viewer: int,
    discloser: int,
    audience: Collection[int],
    viewer_is_participant: bool,
) -> bool:
    """CW-R4 (art. 458ter §2 Sw., CC 52/2021 safeguard 2): the discloser always sees their own
    item; a secret item only its chosen audience; a shareable item every participant unless
    the discloser narrowed the audience. Nobody outside the case ever sees one."""
    if not viewer_is_participant:
        return False
    if viewer == discloser:
        return True
    if secrecy_class == "secret":
        return viewer in audience
    return not audience or viewer in audience


def disclosure_audience_problems(
    *,
    secrecy_class: str,
    discloser: int,
    audience: Collection[int],
    participants: Collection[int],
    attendees: Collection[int] | None,
) -> list[str]:
    """CW-R5 (plan-casework.md §6.4): the audience is chosen among the case's current
    participants (a forged id is refused); a secret item shared at a meeting may go only to
    those who attended it — never to people added later; a secret item names its audience."""
    problems: list[str] = []
    if set(audience) - set(participants):
        problems.append("audience_not_participant")
    if (
        attendees is not None
        and secrecy_class == "secret"
        and set(audience) - set(attendees) - {discloser}
    ):
        problems.append("secret_audience_not_attendee")
    if secrecy_class == "secret" and not set(audience) - {discloser}:
        problems.append("secret_without_audience")
    return problems


# --- the feedback sheet to the police ----------------------------------------------------


@dataclass(frozen=True)
class SheetItem:
    secrecy_class: str
    summary: str


def feedback_sheet_problems(
    *,
    attendees: Collection[int],
    consents: Collection[int],
    items: Iterable[SheetItem],
    content: str,
    secret_texts: Iterable[str],
) -> list[str]:
    """Why a feedback sheet may not be issued (empty list: it may).

    FS-R1 (CC 52/2021 B.x, safeguard 3; law of 30 July 2018 art. 5): the sheet goes to the
    police only with the consensus of *every* member who effectively took part in the
    discussion — one missing consent blocks it.
    FS-R2 (idem): it may not contain secret information disclosed in the meeting — neither a
    secret item attached nor its text copied into the sheet.
    FS-R3: a sheet needs a meeting at which members took part (no consensus of nobody).
    """
    problems: list[str] = []
    if not attendees:
        problems.append("no_attendees")
    if set(attendees) - set(consents):
        problems.append("consensus_missing")
    if any(item.secrecy_class == "secret" for item in items):
        problems.append("secret_item")
    folded = _fold(content)
    for text in secret_texts:
        needle = _fold(text)
        if len(needle) >= 12 and needle in folded:
            problems.append("secret_text")
            break
    return problems


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


# --- consent ----------------------------------------------------------------------------


@dataclass(frozen=True)
class WithdrawalEffects:
    stop_sharing_with_recipient: bool
    end_referrals_to_recipient: bool
    keep_data_under_legal_basis: bool = True


def consent_withdrawal_effects(purpose: str) -> WithdrawalEffects:
    """CW-R6 (GDPR art. 7(3)): withdrawal works for the future only and does not undo what
    was lawful before; data held under the table's own legal basis (art. 6(1)(e)) stays,
    because consent is recorded separately from the legal basis (plan-casework.md §4.1).
    Withdrawn consent to *share* stops new disclosures to that recipient; withdrawn consent to
    the *service* ends open referrals to it (De Sleutel: only with client consent)."""
    return WithdrawalEffects(
        stop_sharing_with_recipient=purpose in {"share", "contact_gp"},
        end_referrals_to_recipient=purpose == "service",
    )


def contact_may_become_case(*, open_case_consent: bool) -> bool:
    """CW-R7 (plan-casework.md §3.4; Vlastrov): a low-threshold contact is never turned into
    a case without the person's consent to exactly that."""
    return open_case_consent


# --- retention and statistics ------------------------------------------------------------


def retention_until(closed_on: dt.date | None, months: int) -> dt.date | None:
    """CW-R8 (GDPR art. 5(1)(e); LIVC-R law: only as long as needed, BELIEVED): retention is
    counted from closure; an open case has no end date yet."""
    if closed_on is None:
        return None
    month = closed_on.month - 1 + months
    year, month = closed_on.year + month // 12, month % 12 + 1
    day = min(closed_on.day, _days_in(year, month))
    return dt.date(year, month, day)


def _days_in(year: int, month: int) -> int:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).day


def suppress_small(count: int, threshold: int) -> int | None:
    """CW-R9 (GDPR art. 89, plan-casework.md §4.3, BELIEVED n < 5): a cell below the threshold
    is published as suppressed (None), never as its count."""
    return None if 0 < count < threshold else count
