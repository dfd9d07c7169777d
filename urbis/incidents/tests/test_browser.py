"""Browser journey: the analyst imports a police export, sees the hotspot layer and the
near-repeat table; a new burglary raises a cocoon-watch alert whose letter names the streets."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from urbis.core.testing.browser import login_in_browser
from urbis.incidents.models import AddressPoint, CocoonWatch, Incident
from urbis.incidents.services.imports import addresses_import

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _export(tmp_path):  # type: ignore[no-untyped-def]
    """60 burglaries: a tight near-repeat cluster in the west, scattered ones elsewhere."""
    now = timezone.localtime() - dt.timedelta(days=40)
    lines = ["reference,category,occurred_from,occurred_to,lat,lon"]
    for i in range(30):
        start = now + dt.timedelta(days=i // 3, hours=i % 3)
        lat, lon = 51.020 + 0.0003 * (i % 5), 4.460 + 0.0003 * (i % 4)
        lines.append(
            f"PV-{i},burglary-dwelling,{start:%Y-%m-%d %H:%M},"
            f"{start + dt.timedelta(hours=6):%Y-%m-%d %H:%M},{lat:.5f},{lon:.5f}"
        )
    for i in range(30, 60):
        start = now + dt.timedelta(days=i - 30)
        lat, lon = 51.005 + 0.0013 * (i % 30), 4.445 + 0.0025 * ((i * 7) % 29)
        lines.append(f"PV-{i},burglary-dwelling,{start:%Y-%m-%d %H:%M},,{lat:.5f},{lon:.5f}")
    path = tmp_path / "politie-export.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_import_hotspots_knox_and_cocoon_letter(
    live_server, browser_page, _browser, request, city, analyst, coordinator, tmp_path
) -> None:
    addresses_import(
        actor=None,
        filename="adressen.csv",
        data=(
            b"street,number,box,postcode,municipality,lat,lon\n"
            b"Hoogstraat,5,,2800,Mechelen,51.0301,4.4701\n"
            b"Hoogstraat,7,,2800,Mechelen,51.0302,4.4703\n"
            b"Lange Schipstraat,20,,2800,Mechelen,51.0305,4.4708\n"
            b"Verre Laan,1,,2800,Mechelen,51.0450,4.5100\n"
        ),
    )
    page = browser_page
    login_in_browser(page, live_server.url, "analyst")
    page.goto(f"{live_server.url}/incidents/import/")
    page.set_input_files("#id_file", str(_export(tmp_path)))
    page.click("button[type=submit].primary")
    page.wait_for_selector("[data-import-summary]", timeout=60_000)
    assert Incident.objects.count() == 60

    page.goto(f"{live_server.url}/incidents/")
    page.wait_for_selector("#series-chart[data-rendered=true]", timeout=60_000)
    page.wait_for_selector("#weekhour-chart[data-rendered=true]", timeout=60_000)
    page.check("input[name=layer][value=gistar]")
    page.wait_for_selector("[data-incidents-map][data-layer=gistar]", timeout=60_000)
    assert int(page.get_attribute("[data-incidents-map]", "data-features") or 0) > 0
    assert page.locator("path.leaflet-interactive").count() > 0

    page.fill("#id_space", "0,100,200,400")
    page.fill("#id_time", "0,7,14,28")
    page.select_option("form[action$='/knox/run/'] #id_category", label="Woninginbraak")
    page.click("form[action$='/knox/run/'] button[type=submit]")
    page.wait_for_selector("[data-knox-table]", timeout=120_000)
    assert "[0, 100)" in page.locator("[data-knox-table]").inner_text()

    page.goto(f"{live_server.url}/incidents/record/")
    page.fill("#id_reference", "PV-NEW")
    page.select_option("#id_category", label="Woninginbraak")
    page.fill(
        "#id_occurred_from",
        (timezone.localtime() - dt.timedelta(hours=3)).strftime("%Y-%m-%d %H:%M"),
    )
    page.fill("#id_lat", "51.0302")
    page.fill("#id_lon", "4.4702")
    page.click("button[type=submit].primary")
    page.wait_for_selector("[data-cocoon-watch]", timeout=60_000)
    watch = CocoonWatch.objects.get(incident__reference="PV-NEW")
    points = [(a.street, round(a.x), round(a.y)) for a in AddressPoint.objects.all()]
    assert watch.address_count == 3, (
        watch.radius_m,
        watch.basis,
        (round(watch.incident.x), round(watch.incident.y)),
        points,
    )

    # A fresh context for the second persona: clearing the cookies of the first page could race
    # a request still in flight from it, whose answer would log the analyst back in.
    second = _browser.new_context()
    request.addfinalizer(second.close)
    page = second.new_page()
    page.set_default_timeout(15000)
    login_in_browser(page, live_server.url, "coordinator")
    page.wait_for_selector(f'[data-alert="cocoon-{watch.pk}"]', timeout=60_000)
    page.click(f'[data-alert="cocoon-{watch.pk}"] a')
    page.wait_for_selector("[data-streets]", timeout=60_000)
    response = page.request.get(f"{live_server.url}/incidents/cocoon/{watch.pk}/letter-nl.pdf")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert "Hoogstraat" in text and "Lange Schipstraat" in text and "Verre Laan" not in text
    assert "inbraak" in text.lower()
