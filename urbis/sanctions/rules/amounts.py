"""Fine amounts by date: maxima, GAS 4 fixed amounts, GAS 5 speeding tariff (pure).

Every amount is returned as an ``Amount`` naming its rule and legal basis; tables are
``Timeline`` values keyed by the date of the facts (a heavier sanction never applies to earlier
facts), and every function takes an optional table so a municipality can override a BELIEVED
date without code changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from urbis.sanctions.rules.timeline import NotInForce, Timeline


@dataclass(frozen=True)
class Amount:
    value: Decimal
    rule: str
    legal_basis: str
    believed: bool = False  # a [B] fact of gas.md: confirm before relying on it


# GAS-R02, R01: adult maximum. €350 from the entry into force of the law of 24 June 2013
# (1 January 2014); €500 by the law of 11 December 2023 (BS 29 Dec 2023). The switch date is
# BELIEVED: 1 January 2024 per the city of Antwerp; the 10th day after publication would be
# 8 January 2024 — override with ``ADULT_MAXIMUM.with_step(...)`` once confirmed.
ADULT_MAXIMUM_500_FROM = date(2024, 1, 1)
ADULT_MAXIMUM: Timeline[Amount] = Timeline.of(
    (date(2014, 1, 1), Amount(Decimal(350), "GAS-R02", "art. 4 §1 1° GAS law 24 June 2013")),
    (
        ADULT_MAXIMUM_500_FROM,
        Amount(
            Decimal(500),
            "GAS-R01",
            "art. 4 §1 1° GAS law as amended by the law of 11 Dec 2023",
            believed=True,  # the date of entry into force, not the amount
        ),
    ),
    name="adult maximum fine",
)

# GAS-R03: minors' maximum, unchanged by the 2023 reform.
MINOR_MAXIMUM: Timeline[Amount] = Timeline.of(
    (date(2014, 1, 1), Amount(Decimal(175), "GAS-R03", "art. 4 §1 1° and art. 14 ff. GAS law")),
    name="minor maximum fine",
)

# GAS-R33, R34, R35: GAS 4 fixed amounts by category (KB 9 March 2014, in force 1 July 2014,
# amended from 1 September 2018: 55→58, 110→116, category 4 deleted). ``None`` = not (or no
# longer) a GAS infringement.
_KB_PARKING = "KB 9 March 2014 (art. 3 3° GAS law)"
_KB_PARKING_2018 = "KB 9 March 2014 as amended (in force 1 Sep 2018)"
PARKING_AMOUNTS: dict[int, Timeline[Amount | None]] = {
    1: Timeline.of(
        (date(2014, 7, 1), Amount(Decimal(55), "GAS-R33", _KB_PARKING)),
        (date(2018, 9, 1), Amount(Decimal(58), "GAS-R33", _KB_PARKING_2018)),
        name="parking category 1",
    ),
    2: Timeline.of(
        (date(2014, 7, 1), Amount(Decimal(110), "GAS-R34", _KB_PARKING)),
        (date(2018, 9, 1), Amount(Decimal(116), "GAS-R34", _KB_PARKING_2018)),
        name="parking category 2",
    ),
    4: Timeline.of(
        (date(2014, 7, 1), Amount(Decimal(330), "GAS-R35", _KB_PARKING)),
        (date(2018, 9, 1), None),
        name="parking category 4 (level crossing)",
    ),
}


@dataclass(frozen=True)
class SpeedingTariff:
    """GAS-R42: criminal tariff applied by the SA (no discretion)."""

    base: Decimal  # up to ``base_up_to_kmh`` over the limit
    base_up_to_kmh: int
    per_kmh_built_up: Decimal  # built-up area or zone 30
    per_kmh_outside: Decimal


# GAS-R42: €53 up to +10 km/h, then €11 per km/h (built-up/zone 30) or €6 (outside), per
# lo-reninge.be — gas.md asks to confirm the table; GAS 5 in force 1 February 2021.
SPEEDING_TARIFF: Timeline[SpeedingTariff] = Timeline.of(
    (date(2021, 2, 1), SpeedingTariff(Decimal(53), 10, Decimal(11), Decimal(6))),
    name="GAS 5 speeding tariff",
)
SPEEDING_MAX_EXCESS_KMH = 20  # GAS-R38: excess ≤ 20 km/h after correction, else criminal route

# GAS-R51: corona GAS (KB nr. 1 of 6 April 2020), archived cases only.
CORONA_FROM, CORONA_UNTIL = date(2020, 4, 7), date(2020, 6, 30)

ORAL_HEARING_THRESHOLD = Decimal(70)  # GAS-R20, art. 25 (unchanged in 2023? open point 4)
COMMUNITY_SERVICE_MAX_HOURS_ADULT = 30  # GAS-R06, art. 4 §2
COMMUNITY_SERVICE_MAX_HOURS_MINOR = 15  # GAS-R06


def max_fine(
    on: date,
    minor: bool,
    *,
    adults: Timeline[Amount] = ADULT_MAXIMUM,
    minors: Timeline[Amount] = MINOR_MAXIMUM,
) -> Amount:
    """Maximum administrative fine for facts committed ``on`` (GAS-R01..R03).

    Raises ``NotInForce`` for facts before 1 January 2014 (pre-2013-law regime not supported).
    """
    return (minors if minor else adults).at(on)


def parking_amount(
    category: int,
    on: date,
    *,
    tables: dict[int, Timeline[Amount | None]] | None = None,
) -> Amount:
    """Fixed GAS 4 amount for a stopping/parking infringement of ``category`` on ``on``.

    Raises ``NotInForce`` when the category is not a GAS infringement on that date (category 4
    after 31 August 2018, any category before 1 July 2014) and ``ValueError`` for an unknown
    category (there is no category 3).
    """
    table = (tables or PARKING_AMOUNTS).get(category)
    if table is None:
        raise ValueError(f"unknown parking category {category} (known: 1, 2, 4)")
    amount = table.at(on)
    if amount is None:
        raise NotInForce(f"parking category {category} is no GAS infringement on {on}")
    return amount


def speeding_amount(
    excess_kmh: int,
    built_up_or_zone_30: bool,
    on: date,
    *,
    tariff: Timeline[SpeedingTariff] = SPEEDING_TARIFF,
) -> Amount:
    """GAS 5 amount for an excess of ``excess_kmh`` km/h *after* the 6 km/h correction (R42).

    Raises ``ValueError`` outside 1..20 km/h (GAS-R38: above 20 the criminal route applies).
    """
    if not 1 <= excess_kmh <= SPEEDING_MAX_EXCESS_KMH:
        raise ValueError(
            f"GAS-R38: a corrected excess of {excess_kmh} km/h is outside GAS 5 (1-20 km/h)"
        )
    t = tariff.at(on)
    extra = max(0, excess_kmh - t.base_up_to_kmh)
    per_kmh = t.per_kmh_built_up if built_up_or_zone_30 else t.per_kmh_outside
    return Amount(
        t.base + extra * per_kmh,
        "GAS-R42",
        "art. 29quater WVW; criminal tariff fixed by the Flemish Government",
        believed=True,
    )


def corona_amount(on: date) -> Amount:
    """Fixed €250 of the corona GAS (GAS-R51), for facts from 7 April to 30 June 2020."""
    if not CORONA_FROM <= on <= CORONA_UNTIL:
        raise NotInForce(f"corona GAS applied from {CORONA_FROM} to {CORONA_UNTIL}, not on {on}")
    return Amount(Decimal(250), "GAS-R51", "KB nr. 1 of 6 April 2020")


def oral_hearing_right(envisaged_fine: Decimal, minor: bool) -> bool:
    """GAS-R20/R11 (art. 25): a hearing may be requested above €70; a minor is always heard."""
    return minor or envisaged_fine > ORAL_HEARING_THRESHOLD


def community_service_max_hours(minor: bool) -> int:
    """GAS-R06 (art. 4 §2): 30 hours for an adult, 15 for a minor."""
    return COMMUNITY_SERVICE_MAX_HOURS_MINOR if minor else COMMUNITY_SERVICE_MAX_HOURS_ADULT


def check_fine(amount: Decimal, on: date, minor: bool) -> list[str]:
    """Reasons a discretionary fine of ``amount`` is unlawful for facts ``on`` (empty = fine)."""
    reasons: list[str] = []
    if amount <= 0:
        reasons.append("a fine must be a positive amount")
    try:
        maximum = max_fine(on, minor)
    except NotInForce as error:
        return [*reasons, str(error)]
    if amount > maximum.value:
        who = "a minor" if minor else "an adult"
        reasons.append(
            f"{maximum.rule}: the maximum for {who} on {on.isoformat()} is EUR {maximum.value} "
            f"({maximum.legal_basis})"
        )
    return reasons
