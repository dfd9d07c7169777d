"""Demo GAS office: the catalogue and a few dozen cases in every stage, relative to today."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from urbis.sanctions.catalogue_seed import seed_catalogue
from urbis.sanctions.models import Case
from urbis.sanctions.services.cases import case_transition
from urbis.sanctions.services.intake import AscertainmentData, OffenderData, ascertainment_create
from urbis.sanctions.services.register import lead_times_refresh

STREETS = ["Grote Markt", "Bruul", "Veemarkt", "IJzerenleen", "Nekkerspoel", "Battel"]
NAMES = [
    ("Peeters", "Jan"),
    ("Janssens", "Els"),
    ("Dubois", "Luc"),
    ("El Idrissi", "Yasmine"),
    ("Maes", "Tom"),
    ("Nowak", "Anna"),
    ("Claes", "Pieter"),
    ("Lambert", "Chloé"),
]
# Valid national numbers (checked with python-stdnum), adults born 1960-1999.
NUMBERS = [
    "85073003328",
    "90020197744",
    "72061512345",
    "66121209876",
    "99110433321",
    "80031056789",
    "93052811122",
    "77090922233",
]


def _valid_numbers() -> list[str]:
    from stdnum.be import nn

    out = []
    for base in NUMBERS:
        first9 = base[:9]
        check = 97 - int(first9) % 97
        number = f"{first9}{check:02d}"
        if nn.is_valid(number):
            out.append(number)
    return out


def load_sanctions_demo(actor: Any) -> str:
    if Case.objects.exists():
        return "already loaded"
    seed_catalogue()
    users = get_user_model().objects
    ascertainer = users.filter(username="ascertainer").first()
    official = users.filter(username="sanctioner").first()
    staff = users.filter(username="gasstaff").first()
    if not (ascertainer and official and staff):
        return "skipped: load the core demo first"
    rng = random.Random(2800)  # noqa: S311 - reproducible demo data, not security
    today = timezone.localdate()
    numbers = _valid_numbers()
    made = 0
    plan = [  # article, days ago, steps
        ("ABP-12", 150, ["send_opening_letter"]),
        ("ABP-15", 140, []),
        ("ABP-31", 40, ["send_opening_letter"]),
        ("ABP-12", 90, ["send_opening_letter", "decide_fine"]),
        ("PARK-1", 20, ["send_parking_notice"]),
        ("PARK-2", 10, []),
        ("SW-526", 30, ["forward_to_prosecutor"]),
        ("ABP-15", 60, ["send_opening_letter", "propose_mediation"]),
        ("PARK-2", 70, ["send_parking_notice", "send_reminder"]),
        ("ABP-31", 100, ["send_opening_letter", "decide_warning"]),
    ] * 3
    for index, (article, days_ago, steps) in enumerate(plan):
        on = today - dt.timedelta(days=days_ago + rng.randint(0, 5))
        name, first = NAMES[index % len(NAMES)]
        data = AscertainmentData(
            kind="police" if article.startswith("SW") else "municipal",
            reference=f"DEMO/{on.year}/{index + 1:04d}",
            offence_at=timezone.make_aware(dt.datetime.combine(on, dt.time(9 + index % 10, 15))),
            ascertained_on=on,
            received_on=on + dt.timedelta(days=2),
            article_code=article,
            description="Demo: feiten zoals beschreven in het proces-verbaal",
            address=f"{STREETS[index % len(STREETS)]} {index + 1}, 2800 Mechelen",
            lat=51.0259 + rng.uniform(-0.01, 0.01),
            lon=4.4776 + rng.uniform(-0.015, 0.015),
            plate=f"1-ABC-{100 + index}" if article.startswith("PARK") else "",
            offender=OffenderData(
                kind="natural",
                name=name,
                first_name=first,
                national_number=numbers[index % len(numbers)] if numbers else "",
                street=f"{STREETS[(index + 2) % len(STREETS)]} {index + 3}",
                postcode="2800",
                city="Mechelen",
                language="fr" if index % 4 == 3 else "nl",
            ),
        )
        case = ascertainment_create(actor=ascertainer, data=data).case
        day = on + dt.timedelta(days=3)
        for action in steps:
            if action.startswith("decide"):
                day = day + dt.timedelta(days=25)
            case = case_transition(
                actor=official if action.startswith("decide") else staff,
                case=case,
                action=action,
                on=min(day, today),
                amount=Decimal(120) if action == "decide_fine" else None,
                motivation="Demomotivering" if action.startswith("decide") else "",
            )
            day += dt.timedelta(days=2)
        made += 1
    lead_times_refresh()  # the dashboard's figures, as the nightly job would
    return f"{made} GAS cases"
