"""Demo data, automatic plan indicators, the CPTED crime context through core.nearby."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings

from urbis.core import nearby
from urbis.core.indicators import provider
from urbis.incidents.indicators import near_repeat_flags
from urbis.incidents.models import AddressPoint, Incident

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
@time_machine.travel("2026-11-20 12:00:00+01:00", tick=False)
def test_demo_loads_labelled_synthetic_incidents_and_fills_the_burglary_indicator() -> None:
    call_command("demo", "--quiet-logins")
    incidents = Incident.objects.all()
    assert incidents.count() > 500
    assert not incidents.filter(is_synthetic=False).exists()
    assert set(incidents.values_list("source", flat=True)) == {"SYNTHETIC DEMO"}
    assert incidents.exclude(area=None).count() > 0.9 * incidents.count()
    assert AddressPoint.objects.filter(is_synthetic=True).count() > 1000
    count = incidents.count()
    call_command("demo", "--quiet-logins")
    assert Incident.objects.count() == count  # idempotent

    # Through core's registries only (apps stay independent): the plan's nightly job, and
    # its model looked up by name.
    from django.apps import apps

    from urbis.core import nightly

    nightly.run_job("plan.indicators")
    indicator_model = apps.get_model("plan", "Indicator")
    burglary = indicator_model.objects.get(code="BURG-1")
    assert burglary.provider_code == "incidents.burglaries_per_1000_dwellings"
    measurement = burglary.measurements.filter(area=None).last()
    assert measurement is not None and measurement.value > 0
    # ... and the same rate per neighbourhood, one measurement per area with dwellings.
    per_area = burglary.measurements.exclude(area=None)
    assert per_area.count() > 1 and per_area.filter(value__gt=0).exists()
    share = provider("incidents.near_repeat_share").compute(
        dt.date(2026, 1, 1), dt.date(2026, 11, 20)
    )  # type: ignore[union-attr]
    assert share.value is not None and 0 < share.value < 100


def test_near_repeat_flags_by_hand() -> None:
    xy = np.array([[0.0, 0.0], [50.0, 0.0], [1000.0, 0.0], [60.0, 0.0]])
    days = np.array([0.0, 3.0, 4.0, 30.0])
    assert near_repeat_flags(xy, days, 200, 14).tolist() == [False, True, False, False]


@time_machine.travel("2026-11-20 12:00:00+01:00", tick=False)
def test_cpted_context_counts_incidents_through_core_nearby(city) -> None:
    from urbis.incidents.services.imports import incidents_import

    incidents_import(
        actor=None,
        filename="x.csv",
        data=(
            b"reference,category,occurred_from,lat,lon\n"
            b"N1,vandalism,2026-11-01,51.0200,4.4600\nN2,vandalism,2026-11-01,51.0205,4.4600\n"
            b"N3,vandalism,2026-11-01,51.0300,4.4600\n"
        ),
    )
    counts = {
        c.code: c.count
        for c in nearby.counts_near(51.0201, 4.46, 250, dt.date(2026, 1, 1), dt.date(2026, 11, 20))
    }
    assert counts["incidents.crime"] == 2


def test_nightly_job_is_registered() -> None:
    from urbis.core import nightly

    assert "incidents.knox_refresh" in [job.name for job in nightly.registered_jobs()]


@time_machine.travel("2026-11-20 12:00:00+01:00", tick=False)
def test_burglaries_per_1000_dwellings_per_area(city) -> None:
    from urbis.incidents.models import AreaDwellings
    from urbis.incidents.services.imports import incidents_import

    west, east = city
    AreaDwellings.objects.create(area=west, year=2024, dwellings=9000)
    AreaDwellings.objects.create(area=west, year=2026, dwellings=4000)  # the latest counts
    AreaDwellings.objects.create(area=east, year=2025, dwellings=2000)
    incidents_import(
        actor=None,
        filename="b.csv",
        data=(
            b"reference,category,occurred_from,lat,lon\n"
            b"A,burglary-dwelling,2026-03-01,51.02,4.45\n"
            b"B,burglary-attempt,2026-04-01,51.02,4.46\n"
            b"C,burglary-business,2026-04-01,51.02,4.47\n"  # not a dwelling
            b"D,burglary-dwelling,2025-12-31,51.02,4.46\n"  # the year before
            b"E,burglary-dwelling,2026-05-01,51.02,4.50\n"
        ),
    )
    source = provider("incidents.burglaries_per_1000_dwellings")
    assert source is not None and source.compute_by_area is not None
    by_area = source.compute_by_area(dt.date(2026, 1, 1), dt.date(2026, 11, 19))
    assert by_area[west.pk].base_n == 2 and by_area[west.pk].value == pytest.approx(0.5)
    assert by_area[east.pk].base_n == 1 and by_area[east.pk].value == pytest.approx(0.5)
    city_wide = source.compute(dt.date(2026, 1, 1), dt.date(2026, 11, 19))
    assert city_wide.base_n == 3 and city_wide.value == pytest.approx(0.5)
    AreaDwellings.objects.filter(area=east).delete()  # no dwellings: no figure for the area
    assert east.pk not in source.compute_by_area(dt.date(2026, 1, 1), dt.date(2026, 11, 19))
