"""Can this case go the GAS route at all? Competence and eligibility checks (pure).

Each check returns a list of refusal reasons, each starting with the rule it applies
(``"GAS-R38: ..."``); an empty list means "no objection found by this check". ``refusals``
runs them all for one case.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from urbis.core.calendar import add_months
from urbis.sanctions.rules.deadlines import MIXED, Procedure
from urbis.sanctions.rules.identifiers import age_on
from urbis.sanctions.rules.vocabulary import ADULT_AGE as ADULT_AGE
from urbis.sanctions.rules.vocabulary import OffenderKind as OffenderKind
from urbis.sanctions.rules.vocabulary import is_minor


class Ascertainer(StrEnum):
    """Who ascertained the facts (art. 21)."""

    POLICE = "police"  # police officers and agents, special field guards: everything
    MUNICIPAL_OFFICER = "municipal_officer"  # municipal/provincial/regional/intermunicipal staff,
    # autonomous municipal companies, community guards: purely administrative + parking
    PARKING_AGENCY = "parking_agency"  # parking company / Brussels parking agency: parking only


class Refusal(str):
    """One refusal: reads as its English sentence (``"GAS-R38: ..."``) and also carries the
    rule, a stable ``key`` and the ``params`` a caller needs to say it in the user's language.
    """

    rule: str
    key: str
    params: dict[str, object]

    def __new__(cls, text: str, *, key: str, **params: object) -> Refusal:
        refusal = super().__new__(cls, text)
        refusal.rule = text.split(":", 1)[0]
        refusal.key = key
        refusal.params = params
        return refusal


LEGAL_MINIMUM_AGE = 14  # GAS-R04: no GAS below 14, whatever the regulation says
DEFAULT_MINIMUM_AGE = 16  # GAS-R04: unless the municipal regulation chose 14
SPEED_LIMITS_IN_SCOPE = frozenset({30, 50})  # GAS-R38
SPEED_CORRECTION_KMH = 6  # GAS-R38: measuring tolerance deducted below 100 km/h
SPEED_MAX_EXCESS_KMH = 20  # GAS-R38
# GAS-R43: since the amendment of art. 29quater WVW of 6 May 2024 (single source: confirm).
LEGAL_PERSON_DRIVER_RULE_FROM = date(2024, 5, 6)
REPEAT_WINDOW_MONTHS = 24  # GAS-R12, art. 7


def age_refusals(
    age_at_facts: int, *, municipal_minimum_age: int = DEFAULT_MINIMUM_AGE
) -> list[Refusal]:
    """GAS-R04 (art. 14 ff.): no GAS below 14; below 16 unless the regulation chose 14."""
    if municipal_minimum_age not in (14, 16):
        raise ValueError("the municipal minimum age is 14 or 16")
    if age_at_facts < LEGAL_MINIMUM_AGE:
        return [
            Refusal(
                f"GAS-R04: the offender was {age_at_facts}; no GAS below 14 years",
                key="age_legal",
                age=age_at_facts,
                minimum=LEGAL_MINIMUM_AGE,
            )
        ]
    if age_at_facts < municipal_minimum_age:
        return [
            Refusal(
                f"GAS-R04: the offender was {age_at_facts}; this municipality's regulation sets "
                f"the minimum age at {municipal_minimum_age}",
                key="age_municipal",
                age=age_at_facts,
                minimum=municipal_minimum_age,
            )
        ]
    return []


def minor_procedure_refusals(procedure: Procedure, minor: bool) -> list[Refusal]:
    """GAS-R05 (KB 9 Mar 2014; art. 29quater WVW): parking and speeding GAS for adults only."""
    if minor and procedure in (Procedure.PARKING, Procedure.SPEEDING):
        return [
            Refusal(
                f"GAS-R05: the {procedure.value} procedure applies to adults and legal persons "
                "only",
                key="minor_procedure",
                procedure=procedure.value,
            )
        ]
    return []


def speeding_refusals(
    *,
    speed_limit_kmh: int,
    measured_speed_kmh: int,
    device_financed_by_local_authority: bool,
    offender: OffenderKind,
    adult: bool,
    other_simultaneous_offence: bool,
    offence_on: date,
    driver_identified: bool = False,
    correction_kmh: int = SPEED_CORRECTION_KMH,
) -> list[Refusal]:
    """GAS-R38 and R43 (art. 29quater WVW): the five cumulative conditions of GAS 5.

    Any refusal sends the case to the criminal route (or ends it when there is no excess).
    """
    reasons: list[Refusal] = []
    if speed_limit_kmh not in SPEED_LIMITS_IN_SCOPE:
        reasons.append(
            Refusal(
                f"GAS-R38: the limit was {speed_limit_kmh} km/h; GAS 5 covers 30 and 50",
                key="speed_limit",
                limit=speed_limit_kmh,
            )
        )
    excess = measured_speed_kmh - correction_kmh - speed_limit_kmh
    if excess <= 0:
        reasons.append(
            Refusal(
                f"GAS-R38: after the {correction_kmh} km/h correction there is no excess "
                f"({measured_speed_kmh} km/h measured)",
                key="speed_no_excess",
                correction=correction_kmh,
                measured=measured_speed_kmh,
            )
        )
    elif excess > SPEED_MAX_EXCESS_KMH:
        reasons.append(
            Refusal(
                f"GAS-R38: the corrected excess is {excess} km/h; GAS 5 covers at most "
                f"{SPEED_MAX_EXCESS_KMH} km/h",
                key="speed_excess",
                excess=excess,
                maximum=SPEED_MAX_EXCESS_KMH,
            )
        )
    if not device_financed_by_local_authority:
        reasons.append(
            Refusal(
                "GAS-R38: the automatic device must be fully financed by the local authority",
                key="speed_device",
            )
        )
    if offender is OffenderKind.NATURAL_PERSON and not adult:
        reasons.append(Refusal("GAS-R38: a minor cannot get a GAS 5 fine", key="speed_minor"))
    if other_simultaneous_offence:
        reasons.append(
            Refusal(
                "GAS-R38: another offence was committed at the same time",
                key="speed_other_offence",
            )
        )
    if (
        offender is OffenderKind.LEGAL_PERSON
        and offence_on >= LEGAL_PERSON_DRIVER_RULE_FROM
        and not driver_identified
    ):
        reasons.append(
            Refusal(
                "GAS-R43: since 6 May 2024 a legal person is under GAS 5 only when the police "
                "identified the actual driver",
                key="speed_legal_person",
            )
        )
    return reasons


def ascertainer_refusals(procedure: Procedure, ascertainer: Ascertainer) -> list[Refusal]:
    """GAS-R50 (art. 21): municipal officers ascertain purely administrative infringements and
    parking only; parking staff parking only; the police everything."""
    allowed = {
        Ascertainer.POLICE: set(Procedure),
        Ascertainer.MUNICIPAL_OFFICER: {Procedure.GENERAL, Procedure.PARKING},
        Ascertainer.PARKING_AGENCY: {Procedure.PARKING},
    }[ascertainer]
    if procedure not in allowed:
        return [
            Refusal(
                f"GAS-R50: a {ascertainer.value.replace('_', ' ')} may not ascertain a "
                f"{procedure.value.replace('_', ' ')} infringement",
                key="ascertainer_scope",
                ascertainer=ascertainer.value,
                procedure=procedure.value,
            )
        ]
    return []


def prosecutor_refusals(
    procedure: Procedure, *, protocol_agreement: bool, prosecutor_declined: bool | None
) -> list[Refusal]:
    """GAS-R14, R15, R16 (art. 3, 23): the prosecutor gate."""
    if procedure is Procedure.PARKING and not protocol_agreement:
        return [
            Refusal(
                "GAS-R16: parking GAS requires a protocol agreement with the prosecutor",
                key="parking_protocol",
            )
        ]
    if procedure not in MIXED:
        return []
    if prosecutor_declined is False:
        return [
            Refusal(
                "GAS-R14/R15: the prosecutor prosecutes; no administrative fine",
                key="prosecuted",
            )
        ]
    if (
        procedure is Procedure.MIXED_HEAVY
        and not protocol_agreement
        and prosecutor_declined is not True
    ):
        return [
            Refusal(
                "GAS-R15: without protocol, a mixed infringement of art. 3 1° may be fined only "
                "after the prosecutor said he will not prosecute",
                key="prosecutor_consent",
            )
        ]
    return []


def role_refusals(
    *,
    sanctioning_official: str | None,
    ascertaining_officer: str | None = None,
    mediator: str | None = None,
) -> list[Refusal]:
    """GAS-R49 (KB SA, art. 6): the SA is neither the ascertaining officer nor the mediator."""
    reasons: list[Refusal] = []
    if sanctioning_official is None:
        return reasons
    if sanctioning_official == ascertaining_officer:
        reasons.append(
            Refusal(
                "GAS-R49: the sanctioning official ascertained the facts of this case",
                key="role_ascertainer",
            )
        )
    if sanctioning_official == mediator:
        reasons.append(
            Refusal(
                "GAS-R49: the sanctioning official is the mediator of this case",
                key="role_mediator",
            )
        )
    return reasons


def is_repeat_offence(new_ascertained_on: date, previous_sanctions_on: Iterable[date]) -> bool:
    """GAS-R12 (art. 7): the offender was sanctioned for the same infringement in the 24 months
    before the new ascertainment (the caller passes the dates of those earlier sanctions)."""
    window_start = add_months(new_ascertained_on, -REPEAT_WINDOW_MONTHS)
    return any(window_start <= d < new_ascertained_on for d in previous_sanctions_on)


def minor_safeguards(minor: bool) -> list[str]:
    """What the procedure must include for a minor (GAS-R08..R11); empty for an adult."""
    if not minor:
        return []
    return [
        "GAS-R08: offer local mediation before any fine (art. 18)",
        "GAS-R09: the minor is assisted by a (free) lawyer (art. 16)",
        "GAS-R10: every letter goes to the minor and to the parents/guardians",
        "GAS-R11: the minor is always heard; appeal to the youth court",
    ]


@dataclass(frozen=True, kw_only=True)
class EligibilityFacts:
    procedure: Procedure
    offence_on: date
    offender: OffenderKind = OffenderKind.NATURAL_PERSON
    birth_date: date | None = None
    municipal_minimum_age: int = DEFAULT_MINIMUM_AGE
    ascertainer: Ascertainer = Ascertainer.POLICE
    protocol_agreement: bool = False
    prosecutor_declined: bool | None = None
    sanctioning_official: str | None = None
    ascertaining_officer: str | None = None
    mediator: str | None = None
    # GAS 5 only
    speed_limit_kmh: int | None = None
    measured_speed_kmh: int | None = None
    device_financed_by_local_authority: bool = False
    other_simultaneous_offence: bool = False
    driver_identified: bool = False


def refusals(facts: EligibilityFacts) -> list[Refusal]:
    """Every reason, found in the facts, why this case cannot (yet) be fined under GAS."""
    reasons: list[Refusal] = []
    age = None
    if facts.offender is OffenderKind.NATURAL_PERSON and facts.birth_date is not None:
        age = age_on(facts.birth_date, facts.offence_on)
        reasons += age_refusals(age, municipal_minimum_age=facts.municipal_minimum_age)
    minor = is_minor(facts.offender, facts.birth_date, facts.offence_on)
    reasons += minor_procedure_refusals(facts.procedure, minor)
    reasons += ascertainer_refusals(facts.procedure, facts.ascertainer)
    reasons += prosecutor_refusals(
        facts.procedure,
        protocol_agreement=facts.protocol_agreement,
        prosecutor_declined=facts.prosecutor_declined,
    )
    reasons += role_refusals(
        sanctioning_official=facts.sanctioning_official,
        ascertaining_officer=facts.ascertaining_officer,
        mediator=facts.mediator,
    )
    if facts.procedure is Procedure.SPEEDING:
        if facts.speed_limit_kmh is None or facts.measured_speed_kmh is None:
            reasons.append(
                Refusal(
                    "GAS-R38: the speed limit and the measured speed are needed",
                    key="speed_missing",
                )
            )
        else:
            reasons += [
                r
                for r in speeding_refusals(
                    speed_limit_kmh=facts.speed_limit_kmh,
                    measured_speed_kmh=facts.measured_speed_kmh,
                    device_financed_by_local_authority=facts.device_financed_by_local_authority,
                    offender=facts.offender,
                    adult=not minor,
                    other_simultaneous_offence=facts.other_simultaneous_offence,
                    offence_on=facts.offence_on,
                    driver_identified=facts.driver_identified,
                )
                if not (minor and r.startswith("GAS-R38: a minor"))  # already said by R05
            ]
    return reasons
