"""Per-area plan indicators from incidents: thefts per 1,000 inhabitants and the share of
domestic burglaries that were near repeats, each by area (compute_by_area), by hand."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from urbis.core.indicators import provider
from urbis.incidents.services.imports import incidents_import

pytestmark = pytest.mark.django_db
HEADER = "reference,category,occurred_from,occurred_to,lat,lon\n"
START, END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)


def _import(rows: list[str]) -> None:
    text = HEADER + "".join(row + "\n" for row in rows)
    result = incidents_import(actor=None, data=text.encode(), filename="f.csv")
    assert not result.rejected, result.rejected


@time_machine.travel("2026-11-20 12:00:00+01:00", tick=False)
def test_thefts_per_1000_inhabitants_by_area(city) -> None:
    west, east = city
    _import(
        [
            "T1,bicycle-theft,2026-03-01T10:00,2026-03-01T11:00,51.02,4.45",
            "T2,bicycle-theft,2026-04-01T10:00,2026-04-01T11:00,51.02,4.46",
            "T3,pickpocketing,2026-05-01T10:00,2026-05-01T11:00,51.02,4.50",
            "T4,bicycle-theft,2025-05-01T10:00,2025-05-01T11:00,51.02,4.50",  # another year
            "B1,burglary-dwelling,2026-05-01T10:00,2026-05-01T11:00,51.02,4.50",  # not a theft
        ]
    )
    by_area = provider("incidents.thefts_per_1000_inhabitants").compute_by_area(START, END)  # type: ignore[union-attr,misc]
    assert set(by_area) == {west.pk, east.pk}
    assert (by_area[west.pk].base_n, by_area[west.pk].value) == (2, pytest.approx(0.2))
    assert (by_area[east.pk].base_n, by_area[east.pk].value) == (1, pytest.approx(0.2))
    city_wide = provider("incidents.thefts_per_1000_inhabitants").compute(START, END)  # type: ignore[union-attr]
    assert city_wide.base_n == sum(v.base_n for v in by_area.values())


@time_machine.travel("2026-11-20 12:00:00+01:00", tick=False)
def test_near_repeat_share_by_area(city, settings) -> None:
    settings.URBIS_INCIDENTS_COCOON_RADIUS_M = 200
    settings.URBIS_INCIDENTS_COCOON_DAYS = 14
    west, east = city
    _import(
        [
            # West: an original and a repeat 3 days later ~70 m away, and one far away.
            "W1,burglary-dwelling,2026-03-01T10:00,2026-03-01T11:00,51.0200,4.4500",
            "W2,burglary-dwelling,2026-03-04T10:00,2026-03-04T11:00,51.0200,4.4510",
            "W3,burglary-dwelling,2026-03-05T10:00,2026-03-05T11:00,51.0400,4.4700",
            # East: two burglaries 40 days apart at the same place (not a near repeat).
            "E1,burglary-dwelling,2026-03-01T10:00,2026-03-01T11:00,51.0200,4.5000",
            "E2,burglary-dwelling,2026-04-10T10:00,2026-04-10T11:00,51.0200,4.5000",
            "X1,bicycle-theft,2026-03-02T10:00,2026-03-02T11:00,51.0200,4.5000",  # not burglary
        ]
    )
    nr = provider("incidents.near_repeat_share")
    by_area = nr.compute_by_area(START, END)  # type: ignore[union-attr,misc]
    assert set(by_area) == {west.pk, east.pk}
    assert by_area[west.pk].base_n == 3 and by_area[west.pk].value == pytest.approx(100 / 3)
    assert by_area[east.pk].base_n == 2 and by_area[east.pk].value == 0.0
    assert nr.compute(START, END).value == pytest.approx(20.0)  # type: ignore[union-attr]
    assert nr.compute_by_area(dt.date(2025, 1, 1), dt.date(2025, 12, 31)) == {}  # type: ignore[union-attr,misc]
