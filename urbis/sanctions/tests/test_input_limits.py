"""Out-of-range input is a 400 naming the field, never a 500 (issue 10): the idempotency key,
speeds beyond the small-integer column, implausible dates, NUL bytes in URLs, long request ids;
and the GAS part of the OpenAPI schema says what the API does (filters, nullable, enums)."""

from __future__ import annotations

import uuid

import pytest
import time_machine
from django.urls import reverse

from urbis.core.models import AuditEvent
from urbis.core.testing.fixtures import verified_client
from urbis.sanctions.models import Case
from urbis.sanctions.tests.test_api_views import BODY, api

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():  # type: ignore[no-untyped-def]
    with time_machine.travel("2026-09-05 10:00", tick=False):
        yield


URL = "/api/v1/gas/ascertainments/"


def post(client, body, **headers):  # type: ignore[no-untyped-def]
    return client.post(URL, body, content_type="application/json", **headers)


def test_an_idempotency_key_longer_than_its_column_is_a_400(catalogue, ascertainer) -> None:
    response = post(api(ascertainer), BODY, HTTP_IDEMPOTENCY_KEY="k" * 101)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["errors"]
    assert post(api(ascertainer), BODY, HTTP_IDEMPOTENCY_KEY="k" * 100).status_code == 201


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("speed_limit", -5),
        ("speed_limit", 0),
        ("speed_limit", 99999),
        ("speed_limit", 2**40),
        ("measured_speed", -1),
        ("measured_speed", 99999),
        ("measured_speed", 2**40),
    ],
)
def test_speeds_outside_the_column_are_a_400(catalogue, ascertainer, field, value) -> None:
    response = post(api(ascertainer), {**BODY, field: value})
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("offender", "birth_date"), "0001-01-01"),
        (("offender", "birth_date"), "1899-12-31"),
        (("offender", "birth_date"), "2026-09-06"),
        (("offence_at",), "2026-12-01T10:00:00+01:00"),
        (("offence_at",), "0001-01-01T10:00:00+00:00"),
        (("ascertained_on",), "1900-01-01"),
        (("received_on",), "2027-01-01"),
    ],
)
def test_implausible_dates_are_a_400(catalogue, ascertainer, path, value) -> None:
    body = {**BODY, "offender": dict(BODY["offender"])}
    target = body if len(path) == 1 else body["offender"]
    target[path[-1]] = value
    response = post(api(ascertainer), body)
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert errors[path[0]] if len(path) == 1 else errors["offender"][path[1]]


def test_a_plausible_birth_date_is_accepted(catalogue, ascertainer) -> None:
    body = {**BODY, "offender": {**BODY["offender"], "birth_date": "1985-07-30"}}
    assert post(api(ascertainer), body).status_code == 201


def _form(**overrides):  # type: ignore[no-untyped-def]
    data = {
        "kind": "municipal",
        "reference": "BV/2026/0200",
        "article_code": "ABP-12",
        "offence_at": "2026-09-01T14:30",
        "ascertained_on": "2026-09-01",
        "received_on": "2026-09-03",
        "description": "Dumping",
        "offender_kind": "natural",
        "name": "Peeters",
        "national_number": "85073003328",
        "language": "nl",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("speed_limit", "-5"),
        ("speed_limit", "99999"),
        ("measured_speed", str(2**40)),
        ("idempotency_key", "k" * 101),
        ("birth_date", "0001-01-01"),
    ],
)
def test_the_field_form_refuses_out_of_range_values(catalogue, ascertainer, field, value) -> None:
    response = verified_client(ascertainer).post(
        reverse("sanctions:file_report"), _form(**{field: value})
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Case.objects.exists()


def test_the_field_form_replays_under_its_idempotency_key(catalogue, ascertainer) -> None:
    client = verified_client(ascertainer)
    for _attempt in range(2):
        response = client.post(reverse("sanctions:file_report"), _form(idempotency_key="f-1"))
        assert response.status_code == 302
    assert Case.objects.count() == 1


@pytest.mark.parametrize("request_id", ["x" * 37, "r" * 500, "bad id with spaces"])
def test_an_unusable_request_id_is_replaced_not_fatal(catalogue, ascertainer, request_id) -> None:
    response = post(api(ascertainer), BODY, HTTP_X_REQUEST_ID=request_id)
    assert response.status_code == 201
    event = AuditEvent.objects.get(action="gas.case_opened")
    assert uuid.UUID(event.request_id)


def test_a_usable_request_id_is_kept(catalogue, ascertainer) -> None:
    post(api(ascertainer), BODY, HTTP_X_REQUEST_ID="req-42")
    assert AuditEvent.objects.get(action="gas.case_opened").request_id == "req-42"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/gas/cases/?status=%00",
        "/api/v1/gas/cases/a%00b/",
        "/api/v1/areas/?kind=%00",
        "/api/v1/gas/cases/?procedure=a%00",
        "/gas/cases/a%00b/",
    ],
)
def test_nul_bytes_in_urls_are_a_400(sanctioning_officer, url) -> None:
    assert api(sanctioning_officer).get(url).status_code == 400


def test_case_list_filters_are_validated(sanctioning_officer) -> None:
    client = api(sanctioning_officer)
    assert client.get("/api/v1/gas/cases/?status=received").status_code == 200
    response = client.get("/api/v1/gas/cases/?status=nonsense")
    assert response.status_code == 400 and "status" in response.json()["errors"]


def test_the_schema_declares_filters_nullables_and_the_action_enum(sanctioning_officer) -> None:
    schema = api(sanctioning_officer).get("/api/v1/schema/?format=json").json()
    cases = schema["paths"]["/api/v1/gas/cases/"]["get"]
    assert {"status", "procedure"} <= {p["name"] for p in cases["parameters"]}
    areas = schema["paths"]["/api/v1/areas/"]["get"]
    assert "kind" in {p["name"] for p in areas["parameters"]}
    assert schema["components"]["schemas"]["Case"]["properties"]["repeat_of"]["nullable"]
    transition = schema["components"]["schemas"]["TransitionRequest"]["properties"]["action"]
    enum = schema["components"]["schemas"][transition["$ref"].rsplit("/", 1)[-1]]["enum"]
    assert "decide_fine" in enum
    assert "400" in schema["paths"]["/api/v1/gas/ascertainments/"]["post"]["responses"]
