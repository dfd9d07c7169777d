"""CPTED API: projects, triage (answers in, outcome and path out), flow, assessments, ratings,
recommendations; 400 with per-field messages; the OpenAPI schema lists the endpoints."""

from __future__ import annotations

import pytest

from urbis.core.demo.city import load_core_demo
from urbis.core.models import User
from urbis.core.testing.fixtures import verified_client
from urbis.cpted import services
from urbis.cpted.demo import load_cpted_demo
from urbis.cpted.models import InvestmentProject, Rating, TriageFlow

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db: None) -> InvestmentProject:
    load_core_demo(None)
    load_cpted_demo(None)
    return InvestmentProject.objects.get(name="Herinrichting Kruidtuin (demo)")


def client_for(name: str):  # type: ignore[no-untyped-def]
    return verified_client(User.objects.get(username=name))


def test_planner_creates_and_triages_a_project(demo) -> None:
    client = client_for("planner")
    planner = User.objects.get(username="planner")
    response = client.post(
        "/api/v1/cpted/projects/",
        {
            "name": "School yard",
            "department": demo.department_id,
            "project_leader": planner.pk,
            "project_type": "school",
            "location": {"type": "Point", "coordinates": [4.47, 51.02]},
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    project_id = response.json()["id"]
    url = f"/api/v1/cpted/projects/{project_id}/triage/"
    missing = client.post(
        url, {"answers": {"T15": False, "T2": "new_build"}}, content_type="application/json"
    )
    assert missing.status_code == 400
    assert missing.json()["errors"] == {"T1": ["Project type: an answer is required."]}
    answers = {
        "T15": False,
        "T2": "new_build",
        "T1": ["school"],
        "T4": 0,
        "T5": 0,
        "T6": 0,
        "T7": False,
        "T8": True,
    }
    done = client.post(url, {"answers": answers}, content_type="application/json")
    assert done.status_code == 201
    body = done.json()
    assert body["outcome"] == "full_check"
    assert body["path"][-1] == "T8 Vulnerable users: yes → vulnerable users"
    assert body["flow_version"] == "default-2"


def test_bad_project_is_400_per_field(demo) -> None:
    response = client_for("planner").post(
        "/api/v1/cpted/projects/",
        {"name": "", "project_type": "castle", "dwellings": -1},
        content_type="application/json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"name", "project_type", "dwellings", "department", "project_leader"} <= set(errors)


def test_flow_upload_with_cycle_names_the_branch(demo) -> None:
    client = client_for("coordinator")
    flow = client.get("/api/v1/cpted/flow/").json()["document"]
    flow["questions"]["T8"]["else"] = "T4"
    response = client.post(
        "/api/v1/cpted/flow/",
        {"version": "cyclic", "document": flow},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert any("T8 else: cycle" in m for m in response.json()["errors"]["document"])
    assert not TriageFlow.objects.filter(version="cyclic").exists()
    # Planners cannot change the flow.
    other = client_for("planner").post(
        "/api/v1/cpted/flow/", {"document": flow}, content_type="application/json"
    )
    assert other.status_code == 404


def test_advisor_assesses_through_the_api(demo) -> None:
    client = client_for("cpted")
    template = services.checklist_default().pk
    response = client.post(
        "/api/v1/cpted/assessments/",
        {"project": demo.pk, "template": template, "zone_names": ["Playground", "Pond"]},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assessment = response.json()
    assert assessment["zones"] == ["Playground", "Pond"]
    url = f"/api/v1/cpted/assessments/{assessment['id']}/ratings/"
    bad = client.post(
        url, {"item": "NS-03", "zone": "Pond", "value": 0}, content_type="application/json"
    )
    assert bad.status_code == 400 and bad.json()["errors"]["value"]
    unknown = client.post(
        url, {"item": "ZZ-99", "zone": "Moon", "value": 3}, content_type="application/json"
    )
    assert set(unknown.json()["errors"]) == {"item", "zone"}
    ok = client.post(
        url, {"item": "NS-03", "zone": "Pond", "value": 1}, content_type="application/json"
    )
    assert ok.status_code == 201
    assert Rating.objects.filter(assessment_id=assessment["id"]).count() == 1
    scores = client.get(f"/api/v1/cpted/assessments/?project={demo.pk}").json()
    listed = scores["results"] if isinstance(scores, dict) else scores
    assert listed[0]["scores"]["compliant"] is False
    assert listed[0]["scores"]["red_flags"] == [{"item": "NS-03", "zone": "Pond"}]
    # Planners do not assess.
    assert (
        client_for("planner")
        .post(url, {"item": "NS-03", "zone": "Pond", "value": 3}, content_type="application/json")
        .status_code
        == 404
    )


def test_recommendation_lifecycle_through_the_api(demo) -> None:
    advisor, planner = client_for("cpted"), client_for("planner")
    created = advisor.post(
        "/api/v1/cpted/recommendations/",
        {
            "project": demo.pk,
            "text": "Keep the pond edge visible",
            "kind": "planting",
            "department": demo.department_id,
            "requirement": "mandatory",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    rec = created.json()
    assert rec["phase"] == "idea" and rec["status"] == "open"
    url = f"/api/v1/cpted/recommendations/{rec['id']}/status/"
    refused = planner.post(url, {"status": "rejected"}, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["errors"] == {
        "motivation": ["A rejected recommendation needs a motivation."]
    }
    phase = f"/api/v1/cpted/projects/{demo.pk}/phase/"
    for step in ("preliminary_design", "final_design"):
        assert (
            planner.post(phase, {"phase": step}, content_type="application/json").status_code == 200
        )
    blocked = planner.post(phase, {"phase": "execution"}, content_type="application/json")
    assert blocked.status_code == 400 and "phase" in blocked.json()["errors"]
    assert (
        planner.post(url, {"status": "accepted"}, content_type="application/json").status_code
        == 200
    )
    # The advice is dealt with; the approval now waits for the check the triage asked for.
    # (the demo park was triaged "full check" and has no completed assessment yet).
    waiting = planner.post(phase, {"phase": "execution"}, content_type="application/json")
    assert waiting.status_code == 400
    assert "complete it" in waiting.json()["errors"]["phase"][0]
    # Only the advisor verifies.
    assert (
        planner.post(url, {"status": "implemented"}, content_type="application/json").status_code
        == 200
    )
    assert (
        planner.post(url, {"status": "verified"}, content_type="application/json").status_code
        == 404
    )
    assert (
        advisor.post(url, {"status": "verified"}, content_type="application/json").status_code
        == 200
    )


def test_openapi_schema_lists_the_cpted_endpoints(demo) -> None:
    schema = client_for("cpted").get(
        "/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json"
    )
    assert schema.status_code == 200
    text = schema.content.decode()
    for path in (
        "/api/v1/cpted/projects/{project_id}/triage/",
        "/api/v1/cpted/assessments/{assessment_id}/ratings/",
        "/api/v1/cpted/recommendations/{recommendation_id}/status/",
        "/api/v1/cpted/flow/",
    ):
        assert path in text, path
