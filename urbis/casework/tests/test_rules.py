"""The casework rules as tables; each id cites the rule and its basis."""

from __future__ import annotations

import datetime as dt

import pytest

from urbis.casework import rules
from urbis.casework.rules import SheetItem


@pytest.mark.parametrize(
    ("risk", "approach"),
    [
        pytest.param("low", "voluntary", id="CW-R1 low risk: voluntary help"),
        pytest.param("medium", "outreach", id="CW-R1 higher risk: persistent outreach"),
        pytest.param("high", "fast_action", id="CW-R1 high risk: fast action"),
    ],
)
def test_approach_follows_risk(risk: str, approach: str) -> None:
    assert rules.approach_for(risk) == approach


@pytest.mark.parametrize(
    ("participant", "glass", "expected"),
    [
        pytest.param(True, False, True, id="CW-R2 participant sees the case"),
        pytest.param(False, False, False, id="CW-R2 anyone else (admin, coordinator) does not"),
        pytest.param(False, True, True, id="CW-R2 break-glass opens it"),
    ],
)
def test_may_see_case(participant: bool, glass: bool, expected: bool) -> None:
    assert rules.may_see_case(is_participant=participant, break_glass_active=glass) is expected


@pytest.mark.parametrize(
    ("rights", "glass", "expected"),
    [
        pytest.param(True, False, True, id="CW-R3 identity rights show the name"),
        pytest.param(False, False, False, id="CW-R3 without them only the alias"),
        pytest.param(False, True, True, id="CW-R3 break-glass shows identities"),
    ],
)
def test_identity_visible(rights: bool, glass: bool, expected: bool) -> None:
    assert rules.identity_visible(identity_rights=rights, break_glass_active=glass) is expected


@pytest.mark.parametrize(
    ("klass", "viewer", "audience", "participant", "expected"),
    [
        pytest.param("secret", 1, set(), True, True, id="CW-R4 discloser sees own secret"),
        pytest.param("secret", 2, {3}, True, False, id="CW-R4 secret: outside audience hidden"),
        pytest.param("secret", 3, {3}, True, True, id="CW-R4 secret: audience sees it"),
        pytest.param("shareable", 2, set(), True, True, id="CW-R4 shareable: every participant"),
        pytest.param("shareable", 2, {3}, True, False, id="CW-R4 shareable narrowed"),
        pytest.param("shareable", 2, set(), False, False, id="CW-R4 never outside the case"),
    ],
)
def test_disclosure_visible(
    klass: str, viewer: int, audience: set[int], participant: bool, expected: bool
) -> None:
    assert (
        rules.disclosure_visible(
            secrecy_class=klass,
            viewer=viewer,
            discloser=1,
            audience=audience,
            viewer_is_participant=participant,
        )
        is expected
    )


@pytest.mark.parametrize(
    ("klass", "audience", "attendees", "problems"),
    [
        pytest.param("secret", {2}, None, [], id="CW-R5 secret to a participant"),
        pytest.param("secret", {9}, None, ["audience_not_participant"], id="CW-R5 forged id"),
        pytest.param(
            "secret", set(), None, ["secret_without_audience"], id="CW-R5 secret names its audience"
        ),
        pytest.param(
            "secret",
            {3},
            {1, 2},
            ["secret_audience_not_attendee"],
            id="CW-R5 secret at meeting: attendees only",
        ),
        pytest.param("shareable", set(), {1}, [], id="CW-R5 shareable to all"),
    ],
)
def test_disclosure_audience(
    klass: str, audience: set[int], attendees: set[int] | None, problems: list[str]
) -> None:
    assert (
        rules.disclosure_audience_problems(
            secrecy_class=klass,
            discloser=1,
            audience=audience,
            participants={1, 2, 3},
            attendees=attendees,
        )
        == problems
    )


SECRET = "The person told the CAW about a relapse in March."


@pytest.mark.parametrize(
    ("attendees", "consents", "items", "content", "problems"),
    [
        pytest.param({1, 2, 3}, {1, 2, 3}, [SheetItem("shareable", "x")], "Follow-up agreed.", [],
                     id="FS-R1 everyone consented, nothing secret: issue"),
        pytest.param({1, 2, 3}, {1, 2}, [], "Follow-up agreed.", ["consensus_missing"],
                     id="FS-R1 one member's consent missing: refused"),
        pytest.param({1, 2}, {1, 2, 9}, [], "ok", [], id="FS-R1 extra consents do not matter"),
        pytest.param({1}, {1}, [SheetItem("secret", SECRET)], "ok", ["secret_item"],
                     id="FS-R2 a secret item attached: refused"),
        pytest.param({1}, {1}, [], f"Summary: {SECRET.lower()}", ["secret_text"],
                     id="FS-R2 secret text copied into the sheet: refused"),
        pytest.param(set(), set(), [], "ok", ["no_attendees"], id="FS-R3 no one took part"),
        pytest.param({1, 2}, set(), [SheetItem("secret", SECRET)], "ok",
                     ["consensus_missing", "secret_item"], id="FS-R1+R2 both reasons listed"),
    ],
)  # fmt: skip
def test_feedback_sheet(
    attendees: set[int],
    consents: set[int],
    items: list[SheetItem],
    content: str,
    problems: list[str],
) -> None:
    assert (
        rules.feedback_sheet_problems(
            attendees=attendees,
            consents=consents,
            items=items,
            content=content,
            secret_texts=[SECRET],
        )
        == problems
    )


@pytest.mark.parametrize(
    ("purpose", "stop_sharing", "end_referrals"),
    [
        pytest.param("share", True, False, id="CW-R6 share withdrawn: no new sharing"),
        pytest.param("contact_gp", True, False, id="CW-R6 GP contact withdrawn"),
        pytest.param("service", False, True, id="CW-R6 service withdrawn: referrals end"),
        pytest.param("open_case", False, False, id="CW-R6 data under legal basis stays"),
    ],
)
def test_consent_withdrawal(purpose: str, stop_sharing: bool, end_referrals: bool) -> None:
    effects = rules.consent_withdrawal_effects(purpose)
    assert effects.stop_sharing_with_recipient is stop_sharing
    assert effects.end_referrals_to_recipient is end_referrals
    assert effects.keep_data_under_legal_basis


@pytest.mark.parametrize(
    ("consent", "expected"),
    [
        pytest.param(False, False, id="CW-R7 no consent: never a case"),
        pytest.param(True, True, id="CW-R7 with consent to open a case"),
    ],
)
def test_contact_conversion(consent: bool, expected: bool) -> None:
    assert rules.contact_may_become_case(open_case_consent=consent) is expected


@pytest.mark.parametrize(
    ("closed", "months", "until"),
    [
        pytest.param(None, 60, None, id="CW-R8 open case: no end yet"),
        pytest.param(dt.date(2020, 1, 31), 1, dt.date(2020, 2, 29), id="CW-R8 month end clamps"),
        pytest.param(
            dt.date(2021, 6, 15), 60, dt.date(2026, 6, 15), id="CW-R8 five years from closure"
        ),
        pytest.param(
            dt.date(2026, 1, 15), -36, dt.date(2023, 1, 15), id="CW-R8 backwards for cutoffs"
        ),
    ],
)
def test_retention_until(closed: dt.date | None, months: int, until: dt.date | None) -> None:
    assert rules.retention_until(closed, months) == until


@pytest.mark.parametrize(
    ("count", "shown"),
    [
        pytest.param(0, 0, id="CW-R9 zero is shown"),
        pytest.param(1, None, id="CW-R9 one is suppressed"),
        pytest.param(4, None, id="CW-R9 four is suppressed"),
        pytest.param(5, 5, id="CW-R9 five is shown"),
    ],
)
def test_small_cells(count: int, shown: int | None) -> None:
    assert rules.suppress_small(count, 5) == shown
