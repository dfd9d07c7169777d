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
    ("incidents:addresses", []),
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
def test_knox_run_from_the_page_shows_the_table(
    city, analyst, django_capture_on_commit_callbacks
) -> None:
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
    with django_capture_on_commit_callbacks(execute=True):
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


ADDRESSES = (
    "street,number,box,postcode,municipality,lat,lon\n"
    "Bruul,1,,2800,Mechelen,51.0260,4.4780\n"
    "Bruul,3,B,2800,Mechelen,51.0262,4.4782\n"
    "Bruul,1,,2800,Mechelen,51.0260,4.4780\n"  # line 4: duplicate
    "Befferstraat,,,2800,Mechelen,51.0270,4.4790\n"  # line 5: no number
    "Verre Straat,9,,2800,Mechelen,40.0,4.5\n"  # line 6: outside the city
    "Markt,2,,2800,Mechelen,north,4.47\n"  # line 7: not a number
)


def _upload(text: str, name: str = "register.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode())


def test_address_register_import_page_lists_each_rejected_row(city, analyst) -> None:
    from urbis.incidents.models import AddressPoint

    client = verified_client(analyst)
    url = reverse("incidents:addresses")
    page = client.get(url)
    assert page.status_code == 200 and "0 addresses" in page.content.decode()
    response = client.post(url, {"file": _upload(ADDRESSES)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "New 2, updated 0, unchanged 0, rejected 4." in html
    rejected = response.context["rejected"]
    assert [line for line, _reason in rejected] == [4, 5, 6, 7]
    assert "duplicate address in the file" in rejected[0][1]
    assert "required" in rejected[1][1]
    assert "outside" in rejected[2][1]
    assert "not numbers" in rejected[3][1]
    assert "<td>6</td>" in html
    assert sorted(AddressPoint.objects.values_list("street", "number", "box")) == [
        ("Bruul", "1", ""),
        ("Bruul", "3", "B"),
    ]
    again = client.post(url, {"file": _upload(ADDRESSES)})
    assert "New 0, updated 0, unchanged 2, rejected 4." in again.content.decode()
    assert AddressPoint.objects.count() == 2


@pytest.mark.parametrize(
    ("upload", "field", "message"),
    [
        (_upload("name,place\nx,y\n"), "file", "another layout"),
        (_upload("a,b\n", "register.pdf"), "file", ".csv or .xlsx"),
        (
            _upload("street,number,postcode,municipality,x,y\nBruul,1,2800,Mechelen,1,2\n"),
            "crs",
            "Unknown CRS",
        ),
    ],
    ids=["another-layout", "not-a-table", "unknown-crs"],
)
def test_address_register_page_refuses_a_bad_file_and_writes_nothing(  # type: ignore[no-untyped-def]
    city, analyst, upload, field, message
) -> None:
    from urbis.incidents.models import AddressPoint

    data = {"file": upload}
    if field == "crs":
        data["crs"] = "EPSG:999999"
    response = verified_client(analyst).post(reverse("incidents:addresses"), data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert AddressPoint.objects.count() == 0


def test_address_register_page_with_no_valid_row_is_a_400(city, coordinator) -> None:
    text = "street,number,box,postcode,municipality,lat,lon\nBruul,,,2800,Mechelen,51.026,4.478\n"
    response = verified_client(coordinator).post(
        reverse("incidents:addresses"), {"file": _upload(text)}
    )
    assert response.status_code == 400
    assert "nothing was imported" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "heading", "summary"),
    [("nl", "Adressenregister", "Nieuw 2"), ("fr", "Registre des adresses", "Nouveaux 2")],
)
def test_address_register_page_in_dutch_and_french(
    city, analyst, language, heading, summary
) -> None:  # type: ignore[no-untyped-def]
    client = verified_client(analyst)
    response = client.post(
        reverse("incidents:addresses"),
        {"file": _upload(ADDRESSES)},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    html = response.content.decode()
    assert heading in html and summary in html


@time_machine.travel(NOW, tick=False)
def test_record_by_hand_in_the_year_one_is_a_400_not_a_500(city, coordinator) -> None:
    response = verified_client(coordinator).post(
        reverse("incidents:record"),
        {
            "reference": "Y1",
            "category": Category.objects.get(code="vandalism").pk,
            "occurred_from": "0001-01-01 00:00",
            "lat": 51.02,
            "lon": 4.46,
            "precision": "exact",
        },
    )
    assert response.status_code == 400 and b"before 1900" in response.content
    assert not Incident.objects.exists()


def test_import_page_names_the_size_limit(city, analyst, settings) -> None:
    settings.URBIS_INCIDENTS_MAX_BYTES = 1024 * 1024
    upload = SimpleUploadedFile("big.csv", b"reference,category\n" + b"R,vandalism\n" * 100_000)
    response = verified_client(analyst).post(reverse("incidents:import"), {"file": upload})
    assert response.status_code == 400
    assert b"larger than the limit of 1 MB" in response.content
    assert not ImportRun.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_evaluation_leaves_out_open_windows_and_unfinished_weeks(city, coordinator) -> None:
    from urbis.incidents.services import forecasts

    category = Category.objects.get(code="burglary-dwelling")
    now = timezone.now()
    for reference, days_ago in (("OLD", 40), ("NEW", 1)):
        cocoon.incident_record(
            actor=coordinator,
            reference=reference,
            category=category,
            occurred_from=now - dt.timedelta(days=days_ago, hours=2),
            occurred_to=now - dt.timedelta(days=days_ago),
            lat=51.02 if reference == "OLD" else 51.04,
            lon=4.46,
        )
    new = CocoonWatch.objects.get(incident__reference="NEW")
    cocoon.letters_sent(actor=coordinator, watch=new)
    forecasts.forecast_use(actor=coordinator, category=None, at=now.date(), coverage=0.05)
    page = verified_client(coordinator).get(reverse("incidents:evaluation"))
    assert page.status_code == 200
    evaluation = page.context["cocoon"]
    # the warned burglary of yesterday has 13 days of its window to go: not counted yet
    assert (evaluation.warned, evaluation.not_warned, evaluation.pending) == (0, 1, 1)
    assert b"data-pending" in page.content
    (_run, score), *_ = page.context["rows"]
    assert not score["complete"] and score["pai"] is None and score["hit_rate"] is None
    assert b"week not over" in page.content


@time_machine.travel(NOW, tick=False)
def test_workbench_says_how_many_windows_are_too_long_to_place_in_time(city, analyst) -> None:
    from urbis.incidents.services.imports import incidents_import

    text = (
        "reference,category,occurred_from,occurred_to,lat,lon\n"
        "S1,vandalism,2026-11-01 10:00,2026-11-01 12:00,51.02,4.47\n"
        "L1,vandalism,2026-11-01 10:00,2026-11-06 10:00,51.02,4.47\n"  # 5 days > 72 h
    )
    incidents_import(actor=None, data=text.encode(), filename="x.csv")
    client = verified_client(analyst)
    page = client.get(reverse("incidents:workbench"))
    assert b'data-left-out="1"' in page.content
    assert b"window is too long to place in time" in page.content
    series = client.get(reverse("incidents:chart", args=["series", "json"])).json()
    assert sum(series["counts"]) == 1 and series["imprecise"] == 1
