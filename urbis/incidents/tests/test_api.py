"""Staff API: roles, bad input as 400, suppression of small cells, the OpenAPI schema."""

from __future__ import annotations

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from urbis.incidents.models import CocoonWatch

pytestmark = pytest.mark.django_db
NOW = "2026-11-20 12:00:00+01:00"


def api(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(user)
    return client


ENDPOINTS = [
    "/api/v1/incidents/",
    "/api/v1/incidents/near-repeat/",
    "/api/v1/incidents/cocoon-watch/",
    "/api/v1/incidents/layers/gistar/",
    "/api/v1/incidents/import/1/",
]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_outsider_gets_404_anonymous_401(outsider, url) -> None:  # type: ignore[no-untyped-def]
    assert api(outsider).get(url).status_code == 404
    assert api(outsider).post(url, {}).status_code == 404
    assert APIClient().get(url).status_code in (401, 403)


@time_machine.travel(NOW, tick=False)
def test_record_list_and_cocoon_watch_through_the_api(city, analyst, coordinator) -> None:
    client = api(analyst)
    bad = client.post(
        "/api/v1/incidents/",
        {
            "reference": "A1",
            "category": "nope",
            "occurred_from": "2026-11-20T08:00:00+01:00",
            "lat": 91,
            "lon": 4.46,
        },
        format="json",
    )
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) >= {"category", "lat"}
    future = client.post(
        "/api/v1/incidents/",
        {
            "reference": "A1",
            "category": "vandalism",
            "occurred_from": "2026-12-20T08:00:00+01:00",
            "lat": 51.02,
            "lon": 4.46,
        },
        format="json",
    )
    assert future.status_code == 400 and "occurred_to" in future.json()["errors"]
    made = client.post(
        "/api/v1/incidents/",
        {
            "reference": "A2",
            "category": "burglary-dwelling",
            "occurred_from": "2026-11-20T08:00:00+01:00",
            "lat": 51.02,
            "lon": 4.46,
        },
        format="json",
    )
    assert made.status_code == 201, made.json()
    assert made.json()["area"] == "T-W"
    listed = client.get("/api/v1/incidents/", {"category": "burglary-dwelling"}).json()
    assert [r["reference"] for r in listed["results"]] == ["A2"]
    assert client.get("/api/v1/incidents/", {"start": "nope"}).status_code == 400
    watch = CocoonWatch.objects.get()
    assert client.get("/api/v1/incidents/cocoon-watch/").json()["results"][0]["incident"] == "A2"
    assert (
        client.post(f"/api/v1/incidents/cocoon-watch/{watch.pk}/letters-sent/").status_code == 404
    )
    sent = api(coordinator).post(f"/api/v1/incidents/cocoon-watch/{watch.pk}/letters-sent/")
    assert sent.status_code == 200 and sent.json()["status"] == "letters_sent"
    again = api(coordinator).post(f"/api/v1/incidents/cocoon-watch/{watch.pk}/letters-sent/")
    assert again.status_code == 400


@time_machine.travel(NOW, tick=False)
def test_import_layers_and_near_repeat(city, analyst, django_capture_on_commit_callbacks) -> None:
    client = api(analyst)
    rows = "".join(
        f"R{i},vandalism,2026-11-{1 + i % 19:02d} 10:00,51.02{i % 7},4.46{i % 5}\n"
        for i in range(30)
    )
    upload = SimpleUploadedFile(
        "e.csv", ("reference,category,occurred_from,lat,lon\n" + rows).encode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        queued = client.post("/api/v1/incidents/import/", {"file": upload}, format="multipart")
    assert queued.status_code == 202
    run = client.get(f"/api/v1/incidents/import/{queued.json()['id']}/").json()
    assert run["status"] == "done" and run["imported"] == 30
    layer = client.get("/api/v1/incidents/layers/gistar/", {"cell": 200})
    assert (
        layer.status_code == 200
        and layer.json()["kind"] == "gistar"
        and layer.json()["cached"] is False
    )
    assert client.get("/api/v1/incidents/layers/gistar/", {"cell": 200}).json()["cached"] is True
    assert client.get("/api/v1/incidents/layers/gistar/", {"cell": 5}).status_code == 400
    assert client.get("/api/v1/incidents/layers/nope/").status_code == 404
    knox = client.post(
        "/api/v1/incidents/near-repeat/",
        {
            "category": "vandalism",
            "start": "2026-01-01",
            "end": "2026-11-20",
            "space_breaks": [0, 100, 200],
            "time_breaks": [0, 7, 14],
            "permutations": 99,
        },
        format="json",
    )
    assert knox.status_code == 201, knox.json()
    assert len(knox.json()["result"]["observed"]) == 2
    bad = client.post(
        "/api/v1/incidents/near-repeat/",
        {
            "category": "vandalism",
            "start": "2026-01-01",
            "end": "2026-11-20",
            "space_breaks": [5, 1],
        },
        format="json",
    )
    assert bad.status_code == 400


@time_machine.travel(NOW, tick=False)
def test_area_counts_suppress_small_cells(city, planner) -> None:
    from urbis.incidents.services.imports import incidents_import

    rows = "".join(f"W{i},vandalism,2026-11-01,51.02,4.45\n" for i in range(6)) + "".join(
        f"E{i},vandalism,2026-11-01,51.02,4.50\n" for i in range(2)
    )
    incidents_import(
        actor=None,
        data=("reference,category,occurred_from,lat,lon\n" + rows).encode(),
        filename="x.csv",
    )
    body = {r["code"]: r for r in api(planner).get("/api/v1/incidents/area-counts/").json()}
    assert body["T-W"]["count"] == 6 and not body["T-W"]["suppressed"]
    assert body["T-E"]["count"] is None and body["T-E"]["suppressed"]


def test_schema_lists_the_incident_endpoints(analyst) -> None:
    response = api(analyst).get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = (
        response.json()["paths"] if response["Content-Type"].startswith("application/json") else {}
    )
    text = response.content.decode()
    assert "/api/v1/incidents/layers/{kind}/" in text and "/api/v1/incidents/area-counts/" in text
    _ = paths


ODD = ["", "\x00", "x" * 5000, "-1", "1e309", "nan", "2026-13-45", "[]", "{}", "0,0,0", "9" * 40]


@pytest.mark.parametrize("value", ODD)
def test_no_server_error_on_odd_input(city, analyst, value) -> None:  # type: ignore[no-untyped-def]
    client = api(analyst)
    for url in (
        "/api/v1/incidents/",
        "/api/v1/incidents/layers/kde/",
        "/api/v1/incidents/area-counts/",
    ):
        for name in ("category", "start", "end", "area", "weekday", "hour", "cell", "at", "per"):
            response = client.get(url, {name: value})
            assert response.status_code < 500, (url, name, value)
    body = {
        "reference": value,
        "category": value,
        "occurred_from": value,
        "lat": value,
        "lon": value,
    }
    assert client.post("/api/v1/incidents/", body, format="json").status_code < 500
    knox = {"category": "vandalism", "start": value, "end": value, "space_breaks": [0, value]}
    assert client.post("/api/v1/incidents/near-repeat/", knox, format="json").status_code < 500


def test_list_filters_are_in_the_schema(analyst) -> None:
    schema = api(analyst).get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    import json

    operation = json.loads(schema.content)["paths"]["/api/v1/incidents/"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert names >= {"category", "start", "end", "area", "weekday", "hour", "page"}


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"weekday": "7"}, "weekday"),
        ({"weekday": "mon"}, "weekday"),
        ({"hour": "24"}, "hour"),
        ({"hour": "1,x"}, "hour"),
        ({"start": "2026-13-01"}, "start"),
        ({"start": "2026-11-10", "end": "2026-11-01"}, "end"),
        ({"area": "NOPE"}, "area"),
        ({"category": "x" * 41}, "category"),
    ],
    ids=lambda v: str(v)[:30] if isinstance(v, dict) else v,
)
def test_a_bad_filter_is_a_400_naming_the_parameter(city, analyst, params, named) -> None:  # type: ignore[no-untyped-def]
    response = api(analyst).get("/api/v1/incidents/", params)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [named]


@time_machine.travel(NOW, tick=False)
def test_list_filters_narrow_by_area_weekday_and_hour(city, analyst) -> None:
    client = api(analyst)
    for reference, when, lon in [
        ("F1", "2026-11-16T09:30:00+01:00", 4.46),  # Monday 09:30, west
        ("F2", "2026-11-17T21:00:00+01:00", 4.46),  # Tuesday 21:00, west
    ]:
        made = client.post(
            "/api/v1/incidents/",
            {
                "reference": reference,
                "category": "vandalism",
                "occurred_from": when,
                "lat": 51.02,
                "lon": lon,
            },
            format="json",
        )
        assert made.status_code == 201, made.json()

    def refs(**params: str) -> list[str]:
        response = client.get("/api/v1/incidents/", params)
        assert response.status_code == 200, response.json()
        return sorted(r["reference"] for r in response.json()["results"])

    assert refs(weekday="0") == ["F1"]
    assert refs(weekday="1,2", hour="21") == ["F2"]
    assert refs(hour="9,21") == ["F1", "F2"]
    assert refs(area="T-W", start="2026-11-17") == ["F2"]
    assert refs(area="T-E") == []
    assert refs(category="vandalism,bicycle-theft", end="2026-11-16") == ["F1"]


@time_machine.travel(NOW, tick=False)
def test_a_date_in_the_year_one_is_a_400(city, analyst) -> None:
    response = api(analyst).post(
        "/api/v1/incidents/",
        {
            "reference": "Y1",
            "category": "vandalism",
            "occurred_from": "0001-01-01T00:00:00Z",
            "lat": 51.02,
            "lon": 4.46,
        },
        format="json",
    )
    assert response.status_code == 400, response.content
    assert "before 1900" in str(response.json())
