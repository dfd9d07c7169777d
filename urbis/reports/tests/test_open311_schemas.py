"""Every JSON answer of the Open311 interface validated with ``jsonschema`` against the field
rules of GeoReport v2 (the spec's tables, GeoReport_v2/index.md, as the published
open311/schema-validation schemas state them: domain/reporting.md §2): required fields, types,
the open/closed status, the service types and attribute datatypes, W3C date-times, the error
list. The schemas below are our own statement of those rules, not copies."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from django.test import Client

from urbis.reports import services
from urbis.reports.models import Report

pytestmark = pytest.mark.django_db

NULLABLE_STRING = {"type": ["string", "null"]}
# W3C date-time with a time zone (the spec: "W3C format"); a pattern, because jsonschema checks
# the "date-time" format only when an optional RFC 3339 package is installed.
DATETIME = {
    "type": "string",
    "format": "date-time",
    "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$",
}
URL = {"type": "string", "format": "uri", "pattern": r"^https?://"}

SERVICE = {
    "type": "object",
    "required": ["service_code", "service_name", "metadata", "type"],
    "properties": {
        "service_code": {"type": "string"},
        "service_name": {"type": "string"},
        "description": NULLABLE_STRING,
        "metadata": {"type": "boolean"},
        "type": {"enum": ["realtime", "batch", "blackbox"]},
        "keywords": NULLABLE_STRING,  # one string, comma-separated
        "group": NULLABLE_STRING,
    },
}

ATTRIBUTE = {
    "type": "object",
    "required": ["variable", "code", "datatype", "required"],
    "properties": {
        "variable": {"type": "boolean"},
        "code": {"type": "string"},
        "datatype": {
            "enum": ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"]
        },
        "required": {"type": "boolean"},
        "datatype_description": NULLABLE_STRING,
        "order": {"type": ["integer", "null"]},
        "description": NULLABLE_STRING,
        "values": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["key", "name"],
                "properties": {"key": {"type": "string"}, "name": {"type": "string"}},
            },
        },
    },
}

DEFINITION = {
    "type": "object",
    "required": ["service_code", "attributes"],
    "properties": {
        "service_code": {"type": "string"},
        "attributes": {"type": "array", "items": ATTRIBUTE},
    },
}

REQUEST = {
    "type": "object",
    "required": ["service_request_id", "status", "service_code", "requested_datetime"],
    "properties": {
        "service_request_id": {"type": "string"},
        "status": {"enum": ["open", "closed"]},
        "status_notes": NULLABLE_STRING,
        "service_name": NULLABLE_STRING,
        "service_code": {"type": "string"},
        "description": {"type": ["string", "null"], "maxLength": 4000},
        "agency_responsible": NULLABLE_STRING,
        "service_notice": NULLABLE_STRING,
        "requested_datetime": DATETIME,
        "updated_datetime": {"anyOf": [DATETIME, {"type": "null"}]},
        "expected_datetime": {"anyOf": [DATETIME, {"type": "null"}]},
        "address": NULLABLE_STRING,
        "address_id": NULLABLE_STRING,
        "zipcode": NULLABLE_STRING,
        "lat": {"type": ["number", "null"]},
        "long": {"type": ["number", "null"]},
        "media_url": {"anyOf": [URL, {"type": "null"}]},
    },
}

# POST answers: the id (or, for batch services, a token) and the optional notice and account.
CREATED = {
    "type": "array",
    "minItems": 1,
    "maxItems": 1,
    "items": {
        "type": "object",
        "anyOf": [{"required": ["service_request_id"]}, {"required": ["token"]}],
        "properties": {
            "service_request_id": {"type": "string"},
            "token": {"type": "string"},
            "service_notice": NULLABLE_STRING,
            "account_id": NULLABLE_STRING,
        },
    },
}

ERRORS = {
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "required": ["code", "description"],
        "properties": {"code": {"type": "integer"}, "description": {"type": "string"}},
    },
}

UPDATE = {
    "type": "object",
    "required": ["update_id", "service_request_id", "status", "updated_datetime"],
    "properties": {
        "update_id": {"type": "string"},
        "service_request_id": {"type": "string"},
        # the extension's detailed statuses (open311-adapter: investigating, fixed, …)
        "status": {"type": "string", "pattern": "^[a-z_]+$"},
        "updated_datetime": DATETIME,
        "description": NULLABLE_STRING,
        "media_url": {"anyOf": [URL, {"type": "null"}]},
    },
}


def check(instance: Any, schema: dict[str, Any]) -> None:
    jsonschema.validate(
        instance, schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def many(schema: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": schema}


@pytest.fixture
def key(categories: Any) -> str:
    _row, raw = services.open311_key_create(actor=None, name="partner-app")
    return raw


def test_the_schemas_catch_what_they_should() -> None:
    """The checker itself: a numeric id, a detailed status or a naive date-time are refused."""
    good = {
        "service_request_id": "1",
        "status": "open",
        "service_code": "littering",
        "requested_datetime": "2026-12-07T10:00:00+01:00",
    }
    check(good, REQUEST)
    for wrong in (
        {"service_request_id": 1},
        {"status": "acknowledged"},
        {"requested_datetime": "07/12/2026 10:00"},
        {"lat": "51.02"},
        {"media_url": "javascript:alert(1)"},
    ):
        with pytest.raises(jsonschema.ValidationError):
            check(good | wrong, REQUEST)


def test_services_and_their_definitions(client: Client, categories: Any) -> None:
    listed = client.get("/open311/v2/services.json").json()
    check(listed, many(SERVICE))
    assert listed, "the demo categories are offered"
    with_questions = [s for s in listed if s["metadata"]]
    assert with_questions, "a service with extra questions is listed"
    for service in listed:
        definition = client.get(f"/open311/v2/services/{service['service_code']}.json").json()
        check(definition, DEFINITION)
        assert bool(definition["attributes"]) == service["metadata"]


def test_post_get_and_token_answers(client: Client, key: str, settings: Any) -> None:
    posted = client.post(
        "/open311/v2/requests.json",
        {
            "api_key": key,
            "service_code": "littering",
            "lat": "51.0270",
            "long": "4.4780",
            "description": "Bags of rubbish beside the bin",
            "media_url": "https://example.org/photo.jpg",
        },
    )
    assert posted.status_code == 201
    check(posted.json(), CREATED)
    check(
        client.post(
            "/open311/v2/requests.json",
            {"api_key": key, "service_code": "littering", "address_string": "Grote Markt 1"},
        ).json(),
        CREATED,
    )
    listed = client.get("/open311/v2/requests.json").json()
    check(listed, many(REQUEST))
    assert len(listed) == 2
    one = client.get(f"/open311/v2/requests/{listed[0]['service_request_id']}.json").json()
    check(one, many(REQUEST))
    assert len(one) == 1

    settings.URBIS_REPORTS_OPEN311_TYPE = "batch"
    batch = client.post(
        "/open311/v2/requests.json",
        {"api_key": key, "service_code": "littering", "address_string": "IJzerenleen 3"},
    ).json()
    check(batch, CREATED)
    token = batch[0]["token"]
    found = client.get(f"/open311/v2/tokens/{token}.json").json()
    check(
        found,
        many(
            {
                "type": "object",
                "required": ["token"],
                "properties": {
                    "service_request_id": {"type": "string"},
                    "token": {"type": "string"},
                },
            }
        ),
    )


def test_a_closed_request_and_its_updates(client: Client, key: str, public_space: Any) -> None:
    client.post(
        "/open311/v2/requests.json",
        {"api_key": key, "service_code": "littering", "lat": "51.03", "long": "4.48"},
    )
    report = Report.objects.get()
    services.report_transition(
        actor=public_space, report=report, to_status="resolved", text="Cleaned up this morning."
    )
    answer = client.get(f"/open311/v2/requests/{report.pk}.json").json()
    check(answer, many(REQUEST))
    assert answer[0]["status"] == "closed"
    updates = client.get(
        "/open311/v2/servicerequestupdates.json",
        {"api_key": key, "start_date": "2020-01-01T00:00:00Z"},
    )
    assert updates.status_code == 200
    check(updates.json(), many(UPDATE))
    assert [u["status"] for u in updates.json()] == ["fixed"]


@pytest.mark.parametrize(
    "method,path,data",
    [
        ("post", "/open311/v2/requests.json", {"service_code": "littering"}),
        ("post", "/open311/v2/requests.json", {"api_key": "not-a-key"}),
        ("get", "/open311/v2/services/no-such-service.json", {}),
        ("get", "/open311/v2/requests/999999.json", {}),
        ("get", "/open311/v2/requests.json", {"start_date": "yesterday"}),
        ("get", "/open311/v2/tokens/unknown.json", {}),
    ],
)
def test_errors_are_the_spec_list(
    client: Client, categories: Any, method: str, path: str, data: dict[str, str]
) -> None:
    response = getattr(client, method)(path, data)
    assert response.status_code in (400, 403, 404)
    body = response.json()
    check(body, ERRORS)
    assert body[0]["code"] == response.status_code
