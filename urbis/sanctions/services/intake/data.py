"""What an ascertainment report holds, as intake receives it (form, API, CSV)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from urbis.sanctions.models import (
    Case,
)
from urbis.sanctions.rules import eligibility

# GAS-R38 (art. 29quater WVW): the measured speed is corrected by 6 km/h (rules/eligibility).
SPEED_TOLERANCE_KMH = eligibility.SPEED_CORRECTION_KMH


@dataclass
class OffenderData:
    kind: str
    name: str
    first_name: str = ""
    national_number: str = ""
    enterprise_number: str = ""
    birth_date: dt.date | None = None
    street: str = ""
    postcode: str = ""
    city: str = ""
    country: str = "BE"
    language: str = "nl"
    email: str = ""
    guardians: list[dict[str, str]] = field(default_factory=list)
    # The person filing confirmed that the offender on file under this national number is the
    # one of the report, although the names differ (services/intake/identity.py).
    same_person: bool = False


@dataclass
class AscertainmentData:
    kind: str
    reference: str
    offence_at: dt.datetime
    ascertained_on: dt.date
    received_on: dt.date
    article_code: str
    offender: OffenderData
    description: str
    address: str = ""
    lat: float | None = None
    lon: float | None = None
    plate: str = ""
    speed_limit: int | None = None
    measured_speed: int | None = None
    built_up_area: bool = True
    municipal_device: bool = True
    other_offence: bool = False
    # GAS-R43: a legal person's vehicle, with the actual driver identified by the police.
    driver_identified: bool = False
    driver_name: str = ""
    officer: str = ""  # the ascertaining officer's name or number, as on the PV


@dataclass
class IntakeResult:
    case: Case
    created: bool


class IdempotencyConflict(ValueError):
    """The key was used before for a different report (HTTP 409)."""
