"""Open311 GeoReport v2: every method in XML and JSON, the errors, XML/JSON parity, and the
field rules of the spec (GeoReport_v2/index.md); test_open311_schemas.py validates every JSON
answer against them with jsonschema."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client

from urbis.reports import services
from urbis.reports.models import Report
from urbis.reports.tests import conftest

pytestmark = pytest.mark.django_db


def xml_root(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314  (our own server's output, in a test)


W3C = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$")


@pytest.fixture
def key(categories) -> str:
    _row, raw = services.open311_key_create(actor=None, name="partner-app")
    return raw


def spark(element: ET.Element) -> Any:
    """The Spark convention: an element with repeated children is an array, a leaf a value."""
    children = list(element)
    if not children:
        return [] if element.tag in LIST_PARENTS else element.text
    names = [c.tag for c in children]
    if len(set(names)) == 1 and len(names) >= 1 and element.tag in LIST_PARENTS:
        return [spark(c) for c in children]
    return {c.tag: spark(c) for c in children}


LIST_PARENTS = {
    "services",
    "service_requests",
    "errors",
    "attributes",
    "values",
    "endpoints",
    "formats",
    "service_request_updates",
}


def scalar(value: Any) -> Any:
    """JSON value as XML text (true/false, numbers, null → None)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None or value == "":
        return None
    return str(value)


def normalise(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    return scalar(value)


def get_both(client: Client, path: str, **params: Any) -> tuple[Any, ET.Element, Any, Any]:
    xml = client.get(f"/open311/v2/{path}.xml", params)
    js = client.get(f"/open311/v2/{path}.json", params)
    assert xml.status_code == js.status_code
    assert xml["Content-Type"] == "text/xml; charset=utf-8"
    assert js["Content-Type"] == "application/json; charset=utf-8"
    assert xml.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    root = xml_root(xml.content)
    assert normalise(js.json()) == normalise(spark(root)), "XML/JSON parity"
    return xml, root, js, js.json()


def post(client: Client, fmt: str = "xml", **fields: Any) -> Any:
    return client.post(f"/open311/v2/requests.{fmt}", fields)


def test_discovery(client: Client) -> None:
    _xml, root, _js, data = get_both(client, "discovery")
    assert root.tag == "discovery"
    assert data["key_service"] and data["contact"]
    endpoint = data["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["formats"] == ["text/xml", "application/json"]
    assert endpoint["url"].endswith("/open311/v2")


def test_service_list_hides_staff_only_categories(client: Client, categories) -> None:
    _xml, root, _js, data = get_both(client, "services")
    assert root.tag == "services" and all(child.tag == "service" for child in root)
    by_code = {s["service_code"]: s for s in data}
    assert sorted(by_code) == ["illegal-dumping", "littering", "speeding"]
    dumping = by_code["illegal-dumping"]
    assert dumping["metadata"] is True and by_code["littering"]["metadata"] is False
    assert dumping["type"] == "realtime"
    for service in data:
        assert set(service) == {
            "service_code",
            "service_name",
            "description",
            "metadata",
            "type",
            "keywords",
            "group",
        }


def test_service_definition(client: Client, categories) -> None:
    _xml, root, _js, data = get_both(client, "services/illegal-dumping")
    assert root.tag == "service_definition"
    assert data["service_code"] == "illegal-dumping"
    first = data["attributes"][0]
    assert first["code"] == "volume" and first["datatype"] == "singlevaluelist"
    assert first["required"] is True and first["variable"] is True and first["order"] == 1
    assert first["values"] == [
        {"key": "bag", "name": "a few bags"},
        {"key": "van", "name": "a van load"},
    ]


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_unknown_service_is_404_in_the_error_format(client: Client, categories, fmt) -> None:
    response = client.get(f"/open311/v2/services/nope.{fmt}")
    assert response.status_code == 404
    if fmt == "xml":
        root = xml_root(response.content)
        assert root.tag == "errors" and root[0].tag == "error"
        assert root[0].find("code").text == "404" and root[0].find("description").text
    else:
        assert response.json()[0]["code"] == 404


def test_jurisdiction_id(client: Client, categories) -> None:
    assert (
        client.get("/open311/v2/services.xml", {"jurisdiction_id": "mechelen.be"}).status_code
        == 200
    )
    assert client.get("/open311/v2/services.xml", {"jurisdiction_id": ""}).status_code == 200
    other = client.get("/open311/v2/services.json", {"jurisdiction_id": "gent.be"})
    assert other.status_code == 404 and "gent.be" in other.json()[0]["description"]


def test_post_creates_and_get_shows_it(client: Client, key: str) -> None:
    response = post(
        client,
        "xml",
        api_key=key,
        service_code="illegal-dumping",
        lat="51.0286",
        long="4.4801",
        address_string="Bruul 12, 2800 Mechelen",
        email="an@example.org",
        first_name="An",
        description="Mattress\nand bags",
        **{"attribute[volume]": "van", "attribute[kinds][]": ["wood", "tyres"]},
    )
    assert response.status_code == 201
    root = xml_root(response.content)
    assert root.tag == "service_requests" and root[0].tag == "request"
    request_id = root[0].find("service_request_id").text
    assert root[0].find("token") is None  # realtime: id XOR token
    report = Report.objects.get(pk=int(request_id))
    assert report.source == "open311" and report.attributes == {
        "volume": "van",
        "kinds": ["wood", "tyres"],
    }
    _xml, root, _js, data = get_both(client, f"requests/{request_id}")
    item = data[0]
    assert item["service_request_id"] == request_id and item["status"] == "open"
    assert item["service_code"] == "illegal-dumping" and item["lat"] == 51.0286
    assert item["long"] == 4.4801 and item["zipcode"] == "2800"
    assert W3C.match(item["requested_datetime"]) and W3C.match(item["expected_datetime"])
    assert "An" not in str(data) and "an@example.org" not in str(data)  # no personal data


def test_statuses_are_open_closed_with_detail_in_notes(client: Client, key, public_space) -> None:
    post(client, api_key=key, service_code="littering", lat="51.0286", long="4.4801")
    report = Report.objects.get()
    services.report_transition(
        actor=public_space, report=report, to_status="no_action", text="Private land"
    )
    _x, _r, _j, data = get_both(client, f"requests/{report.pk}")
    assert data[0]["status"] == "closed"
    assert (
        "No action possible" in data[0]["status_notes"]
        and "Private land" in data[0]["status_notes"]
    )
    assert data[0]["expected_datetime"] is None


def test_get_requests_filters(client: Client, key) -> None:
    for code in ("littering", "speeding", "littering"):
        post(
            client,
            api_key=key,
            service_code=code,
            lat="51.0286",
            long="4.4801",
            description=f"{code} {Report.objects.count()}",
        )
    ids = [str(r.pk) for r in Report.objects.order_by("pk")]
    _x, _r, _j, data = get_both(client, "requests", service_code="littering")
    assert sorted(r["service_request_id"] for r in data) == [ids[0], ids[2]]
    _x, _r, _j, data = get_both(
        client, "requests", service_request_id=f"{ids[1]},{ids[2]}", service_code="littering"
    )
    assert sorted(r["service_request_id"] for r in data) == [ids[1], ids[2]]  # id overrides
    _x, _r, _j, data = get_both(client, "requests", status="closed")
    assert data == []
    future = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    _x, _r, _j, data = get_both(client, "requests", start_date=future)
    assert data == []


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        pytest.param({"start_date": "yesterday"}, "start_date", id="bad-date"),
        pytest.param({"start_date": "2026-01-01T00:00:00"}, "start_date", id="no-time-zone"),
        pytest.param(
            {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"},
            "90 days",
            id="range-over-90-days",
        ),
        pytest.param({"status": "fixed"}, "status", id="status-open-closed"),
        pytest.param({"service_request_id": "1,abc"}, "service_request_id", id="bad-id"),
    ],
)
def test_get_requests_bad_arguments_are_400(client: Client, categories, params, fragment) -> None:
    _x, root, _j, data = get_both(client, "requests", **params)
    assert _x.status_code == 400 and root.tag == "errors"
    assert fragment in data[0]["description"]


@pytest.mark.parametrize(
    ("fields", "status", "fragment"),
    [
        pytest.param(
            {"service_code": "littering", "lat": "51.0286", "long": "4.4801"},
            403,
            "api_key",
            id="no-key-403",
        ),
        pytest.param(
            {"api_key": "wrong", "service_code": "littering", "lat": "51.0286", "long": "4.4801"},
            403,
            "api_key",
            id="bad-key-403",
        ),
        pytest.param(
            {"api_key": "KEY", "lat": "51.0286", "long": "4.4801"},
            400,
            "service_code",
            id="no-service-code-400",
        ),
        pytest.param(
            {"api_key": "KEY", "service_code": "nope", "lat": "51", "long": "4"},
            404,
            "nope",
            id="unknown-service-404",
        ),
        pytest.param(
            {"api_key": "KEY", "service_code": "internal", "lat": "51.0286", "long": "4.4801"},
            404,
            "internal",
            id="staff-only-service-404",
        ),
        pytest.param(
            {"api_key": "KEY", "service_code": "littering"}, 400, "lat/long", id="no-location-400"
        ),
        pytest.param(
            {"api_key": "KEY", "service_code": "littering", "lat": "50.85", "long": "4.35"},
            400,
            "outside the city",
            id="out-of-city-400",
        ),
        pytest.param(
            {"api_key": "KEY", "service_code": "littering", "lat": "nan", "long": "4.4"},
            400,
            "lat",
            id="nan-lat-400",
        ),
        pytest.param(
            {
                "api_key": "KEY",
                "service_code": "littering",
                "lat": "51.0286",
                "long": "4.4801",
                "description": "x" * 4001,
            },
            400,
            "description",
            id="description-over-4000",
        ),
        pytest.param(
            {
                "api_key": "KEY",
                "service_code": "littering",
                "lat": "51.0286",
                "long": "4.4801",
                "description": "<a href=x>spam</a>",
            },
            400,
            "HTML",
            id="html-in-description",
        ),
        pytest.param(
            {
                "api_key": "KEY",
                "service_code": "illegal-dumping",
                "lat": "51.0286",
                "long": "4.4801",
            },
            400,
            "attribute[volume]",
            id="required-attribute",
        ),
        pytest.param(
            {
                "api_key": "KEY",
                "service_code": "illegal-dumping",
                "lat": "51.0286",
                "long": "4.4801",
                "attribute[volume]": "lorry",
            },
            400,
            "attribute[volume]",
            id="bad-singlevaluelist",
        ),
        pytest.param(
            {
                "api_key": "KEY",
                "service_code": "littering",
                "lat": "51.0286",
                "long": "4.4801",
                "jurisdiction_id": "gent.be",
            },
            404,
            "gent.be",
            id="unknown-jurisdiction",
        ),
        pytest.param(
            {
                "api_key": "KEY",
                "service_code": "littering",
                "lat": "51.0286",
                "long": "4.4801",
                "media_url": "javascript:alert(1)",
            },
            400,
            "media_url",
            id="bad-media-url",
        ),
    ],
)
@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_post_errors(client: Client, key: str, fields, status, fragment, fmt) -> None:
    fields = {k: (key if v == "KEY" else v) for k, v in fields.items()}
    response = post(client, fmt, **fields)
    assert response.status_code == status
    if fmt == "xml":
        root = xml_root(response.content)
        assert root.tag == "errors"
        descriptions = [e.find("description").text for e in root]
        codes = {e.find("code").text for e in root}
        assert codes == {str(status)}
    else:
        descriptions = [e["description"] for e in response.json()]
    assert any(fragment in d for d in descriptions), descriptions
    assert Report.objects.count() == 0


def test_unknown_attributes_are_allowed(client: Client, key: str) -> None:
    response = post(
        client,
        "json",
        api_key=key,
        service_code="littering",
        lat="51.0286",
        long="4.4801",
        **{"attribute[colour]": "red"},
    )
    assert response.status_code == 201


def test_revoked_key_is_refused(client: Client, key: str) -> None:
    services.open311_key_revoke(actor=None, name="partner-app")
    response = post(
        client, "json", api_key=key, service_code="littering", lat="51.0286", long="4.4801"
    )
    assert response.status_code == 403 and response.json()[0]["code"] == 403


def test_a_retried_post_returns_the_first_report(client: Client, key: str) -> None:
    fields = {
        "api_key": key,
        "service_code": "littering",
        "lat": "51.0286",
        "long": "4.4801",
        "description": "bin",
    }
    first = post(client, "json", **fields)
    again = post(client, "json", **fields)
    assert first.status_code == 201 and again.status_code == 200
    assert first.json()[0]["service_request_id"] == again.json()[0]["service_request_id"]
    assert Report.objects.count() == 1


def test_flood_is_429_in_the_error_format(client: Client, key: str, settings) -> None:
    settings.URBIS_REPORTS_POSTS_PER_HOUR_KEY = 1
    post(client, "json", api_key=key, service_code="littering", lat="51.0286", long="4.4801")
    response = post(
        client,
        "json",
        api_key=key,
        service_code="littering",
        lat="51.0286",
        long="4.4801",
        description="second",
    )
    assert response.status_code == 429 and response.json()[0]["code"] == 429


def test_batch_type_answers_a_token(client: Client, key: str, settings) -> None:
    settings.URBIS_REPORTS_OPEN311_TYPE = "batch"
    response = post(
        client, "xml", api_key=key, service_code="littering", lat="51.0286", long="4.4801"
    )
    root = xml_root(response.content)
    token = root[0].find("token").text
    assert root[0].find("service_request_id") is None
    _x, _r, _j, data = get_both(client, f"tokens/{token}")
    assert data == [{"service_request_id": str(Report.objects.get().pk), "token": token}]
    missing = client.get("/open311/v2/tokens/nothing.json")
    assert missing.status_code == 404


def test_unknown_request_and_format(client: Client, categories) -> None:
    assert client.get("/open311/v2/requests/999999.json").status_code == 404
    assert client.get("/open311/v2/requests/abc.xml").status_code == 404
    response = client.get("/open311/v2/services.html")
    assert response.status_code == 404 and xml_root(response.content).tag == "errors"


def test_service_request_updates_extension(client: Client, key, public_space) -> None:
    post(client, api_key=key, service_code="littering", lat="51.0286", long="4.4801")
    report = Report.objects.get()
    services.report_transition(
        actor=public_space, report=report, to_status="resolved", text="Cleaned"
    )
    _x, root, _j, data = get_both(client, "servicerequestupdates")
    assert root.tag == "service_request_updates"
    assert data[0]["status"] == "fixed" and data[0]["description"] == "Cleaned"
    assert data[0]["service_request_id"] == str(report.pk) and W3C.match(
        data[0]["updated_datetime"]
    )


def test_control_characters_in_staff_texts_keep_the_xml_well_formed(
    client: Client, key, public_space
) -> None:
    """A vertical tab pasted into a status text must not make every list unreadable (XML 1.0
    §2.2 forbids it even escaped)."""
    report = services.report_submit(actor=None, data=conftest.file()).report
    services.report_transition(
        actor=public_space, report=report, to_status="no_action", text="gone\x0b away\x01"
    )
    for path in ("requests", f"requests/{report.pk}", "servicerequestupdates"):
        _x, root, _j, data = get_both(client, path)
        assert _x.status_code == 200 and root.tag in ("service_requests", "service_request_updates")
        assert "\x0b" not in str(data)
    report.refresh_from_db()
    assert report.public_note == "gone away"
