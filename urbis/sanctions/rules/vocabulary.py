"""The one vocabulary of the GAS app: procedures, offender kinds, languages (pure).

Models build their ``choices`` from these enums (labels live in ``sanctions/labels.py``), the
rules compute with them, the API names them; the stored values never change.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from urbis.sanctions.rules.identifiers import age_on


class Procedure(StrEnum):
    """Explicit procedure types, not the practitioners' inconsistent "GAS 1-5" numbers
    (gas.md §2)."""

    GENERAL = "general"  # purely administrative infringements, art. 2 §1
    MIXED_LIGHT = "mixed_light"  # mixed infringements of art. 3 2°
    MIXED_HEAVY = "mixed_heavy"  # mixed infringements of art. 3 1°
    PARKING = "parking"  # stopping/parking, C3/F103/F111 cameras, art. 3 3° and art. 29
    SPEEDING = "speeding"  # limited speeding, art. 29quater WVW (Flanders, since 1 Feb 2021)


class OffenderKind(StrEnum):
    """Natural or legal person (stored values of ``Offender.kind``)."""

    NATURAL = "natural"
    LEGAL = "legal"
    # The names the eligibility rules read in (aliases: one value, one vocabulary).
    NATURAL_PERSON = "natural"
    LEGAL_PERSON = "legal"


class Language(StrEnum):
    """Languages of letters and of the offender (language laws on administrative matters)."""

    NL = "nl"
    FR = "fr"
    EN = "en"


MIXED = frozenset({Procedure.MIXED_LIGHT, Procedure.MIXED_HEAVY})
FIXED = frozenset({Procedure.PARKING, Procedure.SPEEDING})  # fixed amounts (§2.4, §2.5)
DISCRETIONARY = frozenset({Procedure.GENERAL, *MIXED})
ALL_PROCEDURES = frozenset(Procedure)

ADULT_AGE = 18  # art. 14 ff.: "minor" is under 18 on the day of the facts


def is_minor(kind: str, birth_date: date | None, offence_on: date) -> bool:
    """The one decision of "minor" (art. 14 ff.): a natural person under 18 on the day of the
    facts. Intake eligibility and the stored case both call this, with the same birth date."""
    if kind != OffenderKind.NATURAL or birth_date is None:
        return False
    return age_on(birth_date, offence_on) < ADULT_AGE
