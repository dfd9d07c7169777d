"""Cocoon watch: zone from a known Knox table and from the fallback; addresses; letter PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from urbis.incidents import rules, selectors
from urbis.incidents.letters import letter_pdf
from urbis.incidents.models import Category, CocoonWatch, KnoxRun, PreventionTask, ZoneBasis
from urbis.incidents.services import cocoon
from urbis.incidents.services.imports import addresses_import

pytestmark = pytest.mark.django_db
INF = float("inf")

VIGNETTE_RATIO = [
    [1.8028, 0.4044, 0.6128],
    [1.4121, 0.8622, 0.5171],
    [1.0144, 0.9499, 1.0511],
    [0.9754, 0.9807, 1.0072],
]
VIGNETTE_P = [
    [0.001, 1.0, 0.943],
    [0.001, 0.929, 1.0],
    [0.435, 0.785, 0.312],
    [0.696, 0.635, 0.479],
]


@pytest.mark.parametrize(
    ("ratio", "p", "expected"),
    [
        pytest.param(VIGNETTE_RATIO, VIGNETTE_P, (200.0, 7, True), id="nearrepeat-vignette-4.1"),
        pytest.param(
            [[1.0, 1.0, 1.0]] * 4,
            [[0.5, 0.5, 0.5]] * 4,
            (200.0, 14, False),
            id="none-significant-default",
        ),
        pytest.param(
            [[1.1, 1.3, 1.0]] + [[1.0, 1.0, 1.0]] * 3,
            [[0.04, 0.01, 0.5]] + [[0.5, 0.5, 0.5]] * 3,
            (0.1, 14, True),
            id="latest-significant-time-band",
        ),
        pytest.param(
            [[1.0, 1.0, 1.0]] * 3 + [[2.0, 1.0, 1.0]],
            [[0.5, 0.5, 0.5]] * 3 + [[0.001, 0.5, 0.5]],
            (600.0, 7, True),
            id="farthest-significant-space-band",
        ),
        pytest.param(
            [[0.5, 1.0, 1.0]] * 4,
            [[0.001, 0.5, 0.5]] * 4,
            (200.0, 14, False),
            id="significantly-below-1-ignored",
        ),
    ],
)
def test_zone_from_knox_table(ratio, p, expected) -> None:  # type: ignore[no-untyped-def]
    zone = rules.zone_from_knox(
        [0, 0.1, 200, 400, 600],
        [0, 7, 14, 21],
        ratio,
        p,
        alpha=0.05,
        min_ratio=1.0,
        default_radius_m=200,
        default_days=14,
    )
    assert (zone.radius_m, zone.days, zone.from_knox) == expected


def test_infinite_band_never_sets_the_zone() -> None:
    zone = rules.zone_from_knox(
        [0, 100, INF],
        [0, 7, INF],
        [[1.0, 1.0], [1.0, 3.0]],
        [[0.5, 0.5], [0.5, 0.001]],
        alpha=0.05,
        min_ratio=1.0,
        default_radius_m=200,
        default_days=14,
    )
    assert not zone.from_knox


def _addresses() -> None:
    text = (
        "street,number,box,postcode,municipality,lat,lon\n"
        "Bruul,1,,2800,Mechelen,51.0260,4.4780\n"  # next to the burglary
        "Bruul,3,B,2800,Mechelen,51.0262,4.4782\n"
        "Befferstraat,10,,2800,Mechelen,51.0270,4.4790\n"  # ~130 m
        "Verre Straat,99,,2800,Mechelen,51.0400,4.5000\n"  # ~2 km: outside
    )
    addresses_import(actor=None, data=text.encode(), filename="a.csv")


NOW = "2026-11-20 12:00:00+01:00"


@time_machine.travel(NOW, tick=False)
def test_burglary_by_hand_uses_the_fallback_and_says_so(city, analyst) -> None:
    _addresses()
    incident = cocoon.incident_record(
        actor=analyst,
        reference="PV-1",
        category=Category.objects.get(code="burglary-dwelling"),
        occurred_from=timezone.now() - dt.timedelta(hours=10),
        occurred_to=timezone.now() - dt.timedelta(hours=2),
        lat=51.0259,
        lon=4.4779,
    )
    watch = CocoonWatch.objects.get(incident=incident)
    assert watch.basis == ZoneBasis.DEFAULT and watch.knox_run is None
    assert (watch.radius_m, watch.days, watch.address_count) == (200, 14, 3)
    assert watch.ends_on - watch.starts_on == dt.timedelta(days=14)
    task = PreventionTask.objects.get(watch=watch)
    assert task.assigned_role == "coordinator"


@time_machine.travel(NOW, tick=False)
def test_zone_comes_from_the_citys_latest_knox_run(city, analyst) -> None:
    _addresses()
    category = Category.objects.get(code="burglary-dwelling")
    KnoxRun.objects.create(
        category=category,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 10, 31),
        parameters={"space_breaks": [0, 0.1, 100, 400, 600], "time_breaks": [0, 7, 14, 21]},
        result={"ratio": VIGNETTE_RATIO, "p_value": VIGNETTE_P},
    )
    incident = cocoon.incident_record(
        actor=analyst,
        reference="PV-2",
        category=category,
        occurred_from=timezone.now() - dt.timedelta(hours=3),
        occurred_to=timezone.now() - dt.timedelta(hours=1),
        lat=51.0259,
        lon=4.4779,
    )
    watch = incident.cocoon
    assert watch.basis == ZoneBasis.KNOX
    assert (watch.radius_m, watch.days) == (100, 7)
    assert watch.address_count == 2  # the two Bruul addresses; Befferstraat lies ~130 m away


@time_machine.travel(NOW, tick=False)
def test_letter_pdf_names_the_streets_inside_and_letters_sent_is_recorded(
    city, coordinator
) -> None:
    _addresses()
    incident = cocoon.incident_record(
        actor=coordinator,
        reference="PV-3",
        category=Category.objects.get(code="burglary-attempt"),
        occurred_from=timezone.now() - dt.timedelta(hours=3),
        occurred_to=timezone.now() - dt.timedelta(hours=1),
        lat=51.0259,
        lon=4.4779,
    )
    watch = incident.cocoon
    addresses = selectors.addresses_in(x=incident.x, y=incident.y, radius_m=watch.radius_m)
    for language, title in (("nl", "inbraak"), ("fr", "cambriolage"), ("en", "burglary")):
        text = "".join(
            p.extract_text()
            for p in PdfReader(io.BytesIO(letter_pdf(watch, addresses, language))).pages
        )
        assert "Bruul" in text and "Befferstraat" in text and "Verre Straat" not in text
        assert title in text.lower(), language
    sent = cocoon.letters_sent(actor=coordinator, watch=watch)
    assert sent.letters_count == 3 and sent.letters_sent_at is not None
    assert not PreventionTask.objects.filter(watch=watch, done_at__isnull=True).exists()
    with pytest.raises(ValidationError):
        cocoon.letters_sent(actor=coordinator, watch=watch)


@time_machine.travel(NOW, tick=False)
def test_evaluation_compares_warned_and_not_warned_zones(city, coordinator) -> None:
    category = Category.objects.get(code="burglary-dwelling")
    base = timezone.now() - dt.timedelta(days=30)
    for i, (lat, days) in enumerate([(51.010, 0), (51.0101, 3), (51.040, 0)]):
        cocoon.incident_record(
            actor=coordinator,
            reference=f"E{i}",
            category=category,
            occurred_from=base + dt.timedelta(days=days),
            occurred_to=base + dt.timedelta(days=days),
            lat=lat,
            lon=4.46,
        )
    result = selectors.cocoon_evaluation()
    assert result.warned == 0 and result.not_warned == 3 and result.not_warned_repeats == 1
