"""A starter police-regulation catalogue (Mechelen-like ABP articles) for the demo and tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from urbis.sanctions.models import Article, MotivationTemplate, MunicipalSettings
from urbis.sanctions.models.catalogue import InfringementType

ARTICLES = [
    # code, type, nl, fr, en, max fine, minors
    (
        "ABP-12",
        InfringementType.ADMINISTRATIVE,
        "Sluikstorten",
        "Dépôt clandestin",
        "Illegal dumping",
        None,
        True,
    ),
    (
        "ABP-15",
        InfringementType.ADMINISTRATIVE,
        "Zwerfvuil achterlaten",
        "Abandon de déchets",
        "Littering",
        Decimal("350"),
        True,
    ),
    (
        "ABP-31",
        InfringementType.ADMINISTRATIVE,
        "Nachtlawaai",
        "Tapage nocturne",
        "Night-time noise",
        None,
        True,
    ),
    ("SW-526", InfringementType.MIXED_LIGHT, "Graffiti", "Graffiti", "Graffiti", None, True),
    (
        "SW-398",
        InfringementType.MIXED_HEAVY,
        "Opzettelijke slagen",
        "Coups volontaires",
        "Assault",
        None,
        True,
    ),
    (
        "PARK-1",
        InfringementType.PARKING_1,
        "Parkeerverbod (E1)",
        "Interdiction de stationner (E1)",
        "No-parking sign (E1)",
        None,
        False,
    ),
    (
        "PARK-2",
        InfringementType.PARKING_2,
        "Parkeren op het voetpad",
        "Stationnement sur le trottoir",
        "Parking on the pavement",
        None,
        False,
    ),
    (
        "SPEED-29Q",
        InfringementType.SPEEDING,
        "Snelheidsovertreding (art. 29quater WVW)",
        "Excès de vitesse (art. 29quater)",
        "Speeding (art. 29quater WVW)",
        None,
        False,
    ),
]


def seed_catalogue() -> None:
    MunicipalSettings.objects.get_or_create(valid_from=dt.date(2014, 1, 1))
    for code, kind, nl, fr, en, maximum, minors in ARTICLES:
        Article.objects.get_or_create(
            code=code,
            valid_from=dt.date(2014, 1, 1),
            defaults={
                "infringement_type": kind,
                "title_nl": nl,
                "title_fr": fr,
                "title_en": en,
                "max_fine": maximum,
                "applies_to_minors": minors,
            },
        )
    MotivationTemplate.objects.get_or_create(
        code="facts-established",
        defaults={
            "title": "Facts established, defence not convincing",
            "text_nl": (
                "De feiten zijn bewezen door het proces-verbaal; het verweer weerlegt ze niet."
            ),
            "text_fr": "Les faits sont établis par le procès-verbal; la défense ne les réfute pas.",
            "text_en": "The facts are established by the report; the defence does not rebut them.",
        },
    )
