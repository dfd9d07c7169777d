"""Pages and downloads: the analyst and coordinator use them, an outsider gets nothing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from urbis.core.testing.fixtures import verified_client
from urbis.incidents.models import Category, CocoonWatch, ImportRun, Incident
from urbis.incidents.services import cocoon

pytestmark = pytest.mark.django_db
NOW = "2026-11-20 12:00:00+01:00"

PAGES = [
    ("incidents:workbench", []),
    ("incidents:import", []),
    ("incidents:record", []),
    ("incidents:cocoon_list", []),
    ("incidents:evaluation", []),
    ("incidents:layer", ["gistar", "json"]),
    ("incidents:chart", ["weekhour", "json"]),
]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_outsider_gets_404_and_anonymous_the_login(client, outsider, planner, name, args) -> None:  # type: ignore[no-untyped-def]
    url = reverse(name, args=args)
    assert verified_client(outsider).get(url).status_code == 404
    assert verified_client(planner).get(url).status_code == 404
    assert verified_client(outsider).post(url).status_code == 404
    response = client.get(url)
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_outsider_cannot_post_to_post_only_urls(outsider) -> None:
    for name in ("incidents:knox_start", "incidents:forecast_use"):
        assert verified_client(outsider).post(reverse(name)).status_code == 404
        assert verified_client(outsider).get(reverse(name)).status_code == 404


@time_machine.travel(NOW, tick=False)
def test_analyst_workbench_layers_and_downloads(
    city, analyst, django_capture_on_commit_callbacks
) -> None:
    client = verified_client(analyst)
    upload = SimpleUploadedFile(
        "export.csv",
        b"reference,category,occurred_from,lat,lon\n"
        + b"".join(
            f"R{i},vandalism,2026-11-0{1 + i % 9} 10:00,51.02{i % 7},4.46{i % 5}\n".encode()
            for i in range(40)
        ),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("incidents:import"), {"file": upload, "source": "PZ"})
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "incidents:import_run", args=[run.pk]
    )
    assert run.status == "done" and run.imported == 40
    page = client.get(reverse("incidents:import_run", args=[run.pk]))
    assert b"New 40" in page.content
    assert client.get(reverse("incidents:import_status", args=[run.pk])).json()["imported"] == 40
    assert client.get(reverse("incidents:workbench")).status_code == 200
    for kind in ("points", "kde", "gistar", "choropleth", "forecast"):
        for fmt in ("json", "geojson", "csv", "png"):
            response = client.get(reverse("incidents:layer", args=[kind, fmt]), {"cell": 200})
            assert response.status_code == 200, (kind, fmt, response.content[:200])
    gistar = client.get(reverse("incidents:layer", args=["gistar", "json"]), {"cell": 200}).json()
    assert gistar["n_counted"] == 40
    for kind in ("series", "weekhour"):
        for fmt in ("json", "csv", "png"):
            assert client.get(reverse("incidents:chart", args=[kind, fmt])).status_code == 200


@time_machine.travel(NOW, tick=False)
def test_bad_filters_get_400_with_field_errors(city, analyst) -> None:
    client = verified_client(analyst)
    response = client.get(
        reverse("incidents:layer", args=["kde", "json"]), {"start": "yesterday", "cell": "1"}
    )
    assert response.status_code == 400
    assert "start" in response.json()["errors"]
    response = client.get(reverse("incidents:layer", args=["kde", "json"]), {"cell": "10\x00"})
    assert response.status_code == 400
    assert client.get(reverse("incidents:layer", args=["nope", "json"])).status_code == 404


@time_machine.travel(NOW, tick=False)
def test_knox_run_from_the_page_shows_the_table(city, analyst) -> None:
    for i in range(12):
        cocoon.incident_record(
            actor=analyst,
            reference=f"K{i}",
            category=Category.objects.get(code="vandalism"),
            occurred_from=timezone.now() - dt.timedelta(days=3 * i, hours=1),
            occurred_to=timezone.now() - dt.timedelta(days=3 * i),
            lat=51.02 + 0.0005 * (i % 3),
            lon=4.46,
        )
    client = verified_client(analyst)
    response = client.post(
        reverse("incidents:knox_start"),
        {
            "category": Category.objects.get(code="vandalism").pk,
            "start": "2026-01-01",
            "end": "2026-11-20",
            "space": "0,100,200",
            "time": "0,7,14",
            "metric": "manhattan",
            "permutations": 99,
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("incidents:workbench") + "?category=vandalism")
    assert b"data-knox-table" in page.content
    bad = client.post(reverse("incidents:knox_start"), {"space": "5,1"})
    assert bad.status_code == 400


@time_machine.travel(NOW, tick=False)
def test_cocoon_letter_only_for_the_coordinator_and_alert_on_dashboard(
    city, analyst, coordinator
) -> None:
    incident = cocoon.incident_record(
        actor=analyst,
        reference="PV-9",
        category=Category.objects.get(code="burglary-dwelling"),
        occurred_from=timezone.now() - dt.timedelta(hours=5),
        occurred_to=timezone.now() - dt.timedelta(hours=1),
        lat=51.02,
        lon=4.46,
    )
    watch = CocoonWatch.objects.get(incident=incident)
    letter = reverse("incidents:cocoon_letter", args=[watch.pk, "nl"])
    assert verified_client(analyst).get(letter).status_code == 404
    response = verified_client(coordinator).get(letter)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    dashboard = verified_client(coordinator).get(reverse("core:dashboard")).content.decode()
    assert f'data-alert="cocoon-{watch.pk}"' in dashboard
    assert (
        verified_client(coordinator)
        .post(reverse("incidents:cocoon_sent", args=[watch.pk]))
        .status_code
        == 302
    )
    assert (
        f'data-alert="cocoon-{watch.pk}"'
        not in verified_client(coordinator).get(reverse("core:dashboard")).content.decode()
    )
    assert (
        verified_client(analyst).post(reverse("incidents:cocoon_sent", args=[watch.pk])).status_code
        == 404
    )
    assert Incident.objects.count() == 1


@time_machine.travel(NOW, tick=False)
def test_record_by_hand_rejects_future_and_redirects_to_the_watch(city, coordinator) -> None:
    client = verified_client(coordinator)
    category = Category.objects.get(code="burglary-dwelling").pk
    bad = client.post(
        reverse("incidents:record"),
        {
            "reference": "F1",
            "category": category,
            "occurred_from": "2026-12-30 10:00",
            "lat": 51.02,
            "lon": 4.46,
            "precision": "exact",
        },
    )
    assert bad.status_code == 400 and b"future" in bad.content
    good = client.post(
        reverse("incidents:record"),
        {
            "reference": "F2",
            "category": category,
            "occurred_from": "2026-11-20 08:00",
            "lat": 51.02,
            "lon": 4.46,
            "precision": "exact",
        },
    )
    assert good.status_code == 302 and "/incidents/cocoon/" in good["Location"]
