"""The DPO's GDPR API (/api/v1/gdpr/): records, subject access (withheld, never leaked),
access-log search and retention status; everyone else gets 404 and the refusal is logged."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
import time_machine
from rest_framework.test import APIClient

from urbis.casework import services
from urbis.casework.models import Case
from urbis.core.gdpr import services as gdpr
from urbis.core.models import AccessLogEntry, AuditEvent
from urbis.core.testing.fixtures import PERSONA_FIXTURES

pytestmark = pytest.mark.django_db

NN = "88040212345"
SECRET = "Confided to the CAW: a relapse in March"
URLS = [
    "/api/v1/gdpr/records/",
    f"/api/v1/gdpr/subject-access/?national_number={NN}",
    f"/api/v1/gdpr/access-log/?national_number={NN}",
    "/api/v1/gdpr/retention/?dry_run=true",
]


def _api(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def person(fjc_case: Case, livc_case: Case, partner: Any, director: Any) -> dict[str, Case]:
    services.disclosure_add(
        actor=partner, case=fjc_case, basis="art_458ter", secrecy_class="secret",
        summary=SECRET, audience_ids=[director.pk],
    )  # fmt: skip
    chair = livc_case.participants.get(capacity="director").user
    services.subject_add(
        actor=chair, case=livc_case, role="focus_person", first_name="Lena",
        last_name="Verhaegen", national_number=NN,
    )  # fmt: skip
    from urbis.casework import selectors

    selectors.case_get(partner, case_id=fjc_case.pk, purpose="casework.case")
    return {"fjc": fjc_case, "livc": livc_case}


def test_records_of_processing(dpo: Any) -> None:
    rows = _api(dpo).get("/api/v1/gdpr/records/").json()
    apps = {r["app"] for r in rows}
    assert {"core", "sanctions", "casework", "reports"} <= apps
    assert all(r["purposes"] and r["legal_basis"] and r["retention"] for r in rows)


def test_subject_access_withholds_and_logs(person: dict[str, Case], dpo: Any) -> None:
    response = _api(dpo).get("/api/v1/gdpr/subject-access/", {"national_number": "88.04.02-123.45"})
    assert response.status_code == 200
    body = response.json()
    text = json.dumps(body)
    assert body["national_number"] == NN
    casework = next(a for a in body["apps"] if a["app"] == "casework")
    assert [i["label"].split(": ")[1] for i in casework["items"]] == [person["fjc"].number]
    assert "LIVC-R" in " ".join(w["reason"] for w in casework["withheld"])
    assert SECRET not in text and person["livc"].number not in text
    assert any(r["user_label"] == "partner1" for r in body["reads"])
    assert AccessLogEntry.objects.filter(
        user_label=dpo.username, purpose="gdpr.subject_access"
    ).exists()


def test_access_log_search_by_person(person: dict[str, Case], dpo: Any) -> None:
    rows = _api(dpo).get("/api/v1/gdpr/access-log/", {"national_number": NN}).json()
    assert rows and all(r["object_type"] == "casework.case" for r in rows)
    assert {r["user"] for r in rows} >= {"partner1"}
    assert all(person["livc"].number not in r["name"] for r in rows)
    assert AccessLogEntry.objects.filter(purpose="gdpr.access_log_search").count() == 1


def test_retention_status_and_dry_run(dpo: Any) -> None:
    api = _api(dpo)
    before = api.get("/api/v1/gdpr/retention/").json()
    assert before and all(r["last_run"] is None and r["due_now"] is None for r in before)
    with time_machine.travel(dt.datetime(2026, 5, 4, 2, 0, tzinfo=dt.UTC), tick=False):
        gdpr.retention_run(actor=None)
    after = {r["code"]: r for r in api.get("/api/v1/gdpr/retention/?dry_run=true").json()}
    assert all(r["last_run"]["run_on"] == "2026-05-04" for r in after.values())
    assert all(isinstance(r["due_now"], int) for r in after.values())


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/gdpr/subject-access/", "national_number"),
        ("/api/v1/gdpr/subject-access/?national_number=123", "national_number"),
        ("/api/v1/gdpr/subject-access/?email=not-mail", "email"),
        (f"/api/v1/gdpr/subject-access/?national_number={'1' * 21}", "national_number"),
        ("/api/v1/gdpr/access-log/", "national_number"),
        (f"/api/v1/gdpr/access-log/?object_type={'x' * 101}", "object_type"),
        ("/api/v1/gdpr/retention/?dry_run=perhaps", "dry_run"),
    ],
)
def test_bad_queries_are_400_per_field(dpo: Any, url: str, field: str) -> None:
    response = _api(dpo).get(url)
    assert response.status_code == 400 and field in response.json()["errors"]


@pytest.mark.parametrize("persona", [p for p in PERSONA_FIXTURES if p != "dpo"] + ["outsider"])
def test_everyone_else_gets_404_and_is_logged(request: Any, person: Any, persona: str) -> None:
    user = request.getfixturevalue(persona)
    for url in URLS:
        response = _api(user).get(url)
        assert response.status_code == 404, url
        assert SECRET not in response.content.decode() and NN not in response.content.decode()
    refused = AuditEvent.objects.filter(action="gdpr.export_refused", actor=user)
    assert refused.count() == len(URLS)
    assert all(NN not in json.dumps(e.data) for e in refused)


def test_anonymous_gets_401(client: Any) -> None:
    for url in URLS:
        assert client.get(url).status_code in (401, 403)
    assert not AuditEvent.objects.filter(action="gdpr.export_refused").exists()


def test_endpoints_are_in_the_schema(dpo: Any) -> None:
    schema = _api(dpo).get("/api/v1/schema/?format=json").json()
    for path in ("records", "subject-access", "access-log", "retention"):
        assert f"/api/v1/gdpr/{path}/" in schema["paths"]
