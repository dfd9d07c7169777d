"""Eligibility and competence checks — each row cites the rule it refuses on."""

from dataclasses import replace
from datetime import date

import pytest

from urbis.sanctions.rules import eligibility as el
from urbis.sanctions.rules.deadlines import Procedure
from urbis.sanctions.rules.eligibility import Ascertainer, EligibilityFacts, OffenderKind

D = date.fromisoformat


def rules_of(reasons: list[str]) -> list[str]:
    return [reason.split(":")[0] for reason in reasons]


@pytest.mark.parametrize(
    ("age", "minimum", "expected"),
    [
        pytest.param(13, 14, ["GAS-R04"], id="R04-never-below-14"),
        pytest.param(14, 14, [], id="R04-14-when-regulation-says-so"),
        pytest.param(15, 16, ["GAS-R04"], id="R04-15-refused-by-default-16"),
        pytest.param(16, 16, [], id="R04-16-default"),
    ],
)
def test_age(age: int, minimum: int, expected: list[str]) -> None:
    assert rules_of(el.age_refusals(age, municipal_minimum_age=minimum)) == expected


def test_minimum_age_is_14_or_16() -> None:
    with pytest.raises(ValueError):
        el.age_refusals(17, municipal_minimum_age=12)


SPEED_OK = {
    "speed_limit_kmh": 50,
    "measured_speed_kmh": 70,  # corrected 64 → excess 14
    "device_financed_by_local_authority": True,
    "offender": OffenderKind.NATURAL_PERSON,
    "adult": True,
    "other_simultaneous_offence": False,
    "offence_on": D("2025-03-01"),
}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param({}, [], id="R38-all-five-conditions-met"),
        pytest.param(
            {"speed_limit_kmh": 70, "measured_speed_kmh": 90},
            ["GAS-R38"],
            id="R38-limit-70-not-covered",
        ),
        pytest.param({"measured_speed_kmh": 76}, [], id="R38-corrected-excess-20-covered"),
        pytest.param({"measured_speed_kmh": 77}, ["GAS-R38"], id="R38-corrected-excess-21"),
        pytest.param({"measured_speed_kmh": 56}, ["GAS-R38"], id="R38-within-tolerance"),
        pytest.param(
            {"device_financed_by_local_authority": False}, ["GAS-R38"], id="R38-device-not-local"
        ),
        pytest.param({"adult": False}, ["GAS-R38"], id="R38-minor"),
        pytest.param({"other_simultaneous_offence": True}, ["GAS-R38"], id="R38-other-offence"),
        pytest.param(
            {"offender": OffenderKind.LEGAL_PERSON},
            ["GAS-R43"],
            id="R43-legal-person-needs-driver-since-6-may-2024",
        ),
        pytest.param(
            {"offender": OffenderKind.LEGAL_PERSON, "driver_identified": True},
            [],
            id="R43-driver-identified",
        ),
        pytest.param(
            {"offender": OffenderKind.LEGAL_PERSON, "offence_on": D("2024-05-05")},
            [],
            id="R43-before-6-may-2024",
        ),
    ],
)
def test_speeding(changes: dict[str, object], expected: list[str]) -> None:
    arguments = {**SPEED_OK, **changes}
    assert rules_of(el.speeding_refusals(**arguments)) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("procedure", "ascertainer", "refused"),
    [
        pytest.param(
            Procedure.GENERAL, Ascertainer.MUNICIPAL_OFFICER, False, id="R50-municipal-admin"
        ),
        pytest.param(
            Procedure.PARKING, Ascertainer.MUNICIPAL_OFFICER, False, id="R50-municipal-parking"
        ),
        pytest.param(
            Procedure.MIXED_LIGHT, Ascertainer.MUNICIPAL_OFFICER, True, id="R50-municipal-no-mixed"
        ),
        pytest.param(
            Procedure.SPEEDING, Ascertainer.MUNICIPAL_OFFICER, True, id="R50-municipal-no-speeding"
        ),
        pytest.param(
            Procedure.GENERAL, Ascertainer.PARKING_AGENCY, True, id="R50-parking-staff-parking-only"
        ),
        pytest.param(Procedure.MIXED_HEAVY, Ascertainer.POLICE, False, id="R50-police-everything"),
    ],
)
def test_ascertainer(procedure: Procedure, ascertainer: Ascertainer, refused: bool) -> None:
    reasons = el.ascertainer_refusals(procedure, ascertainer)
    assert rules_of(reasons) == (["GAS-R50"] if refused else [])


@pytest.mark.parametrize(
    ("procedure", "protocol", "declined", "expected"),
    [
        pytest.param(Procedure.PARKING, False, None, ["GAS-R16"], id="R16-parking-needs-protocol"),
        pytest.param(Procedure.PARKING, True, None, [], id="R16-parking-with-protocol"),
        pytest.param(Procedure.MIXED_HEAVY, False, None, ["GAS-R15"], id="R15-heavy-waits"),
        pytest.param(Procedure.MIXED_HEAVY, False, True, [], id="R15-heavy-declined"),
        pytest.param(Procedure.MIXED_HEAVY, True, None, [], id="R15-heavy-with-protocol"),
        pytest.param(Procedure.MIXED_LIGHT, False, None, [], id="R14-light-may-wait-out"),
        pytest.param(Procedure.MIXED_LIGHT, True, False, ["GAS-R14/R15"], id="R14-prosecuted"),
        pytest.param(Procedure.GENERAL, False, None, [], id="general-no-prosecutor"),
    ],
)
def test_prosecutor(
    procedure: Procedure, protocol: bool, declined: bool | None, expected: list[str]
) -> None:
    reasons = el.prosecutor_refusals(
        procedure, protocol_agreement=protocol, prosecutor_declined=declined
    )
    assert rules_of(reasons) == expected


def test_role_separation() -> None:  # GAS-R49
    assert rules_of(
        el.role_refusals(sanctioning_official="a", ascertaining_officer="a", mediator="a")
    ) == [
        "GAS-R49",
        "GAS-R49",
    ]
    assert el.role_refusals(sanctioning_official="a", ascertaining_officer="b", mediator="c") == []


@pytest.mark.parametrize(
    ("previous", "expected"),
    [
        pytest.param(["2023-03-10"], True, id="R12-exactly-24-months-before"),
        pytest.param(["2023-03-09"], False, id="R12-one-day-too-early"),
        pytest.param(["2025-03-10"], False, id="R12-same-day-is-not-before"),
        pytest.param([], False, id="R12-first-offence"),
    ],
)
def test_repeat_offence(previous: list[str], expected: bool) -> None:
    assert el.is_repeat_offence(D("2025-03-10"), [D(d) for d in previous]) is expected


BASE = EligibilityFacts(procedure=Procedure.GENERAL, offence_on=D("2025-03-01"))


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        pytest.param(BASE, [], id="adult-general-ok"),
        pytest.param(
            replace(BASE, birth_date=D("2010-03-02")), ["GAS-R04"], id="R04-14-by-default-16"
        ),
        pytest.param(
            replace(BASE, birth_date=D("2010-03-01"), municipal_minimum_age=14),
            [],
            id="R04-14-allowed-by-regulation",
        ),
        pytest.param(
            replace(
                BASE,
                procedure=Procedure.PARKING,
                protocol_agreement=True,
                birth_date=D("2008-03-02"),
            ),
            ["GAS-R05"],
            id="R05-minor-parking",
        ),
        pytest.param(
            replace(
                BASE,
                procedure=Procedure.SPEEDING,
                birth_date=D("2008-03-02"),
                speed_limit_kmh=30,
                measured_speed_kmh=45,
                device_financed_by_local_authority=True,
            ),
            ["GAS-R05"],
            id="R05-minor-speeding-said-once",
        ),
        pytest.param(
            replace(BASE, procedure=Procedure.SPEEDING), ["GAS-R38"], id="R38-speeds-missing"
        ),
        pytest.param(
            replace(
                BASE, procedure=Procedure.MIXED_LIGHT, ascertainer=Ascertainer.MUNICIPAL_OFFICER
            ),
            ["GAS-R50"],
            id="R50-through-refusals",
        ),
    ],
)
def test_refusals(facts: EligibilityFacts, expected: list[str]) -> None:
    assert rules_of(el.refusals(facts)) == expected


def test_minor_safeguards() -> None:
    assert el.minor_safeguards(False) == []
    assert rules_of(el.minor_safeguards(True)) == ["GAS-R08", "GAS-R09", "GAS-R10", "GAS-R11"]
