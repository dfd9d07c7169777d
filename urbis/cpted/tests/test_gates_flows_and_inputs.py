"""Regression tests from the CPTED review: the final-design gate (also after going back a
phase), red-flag advice coverage, rating + photo saved together, flow and answer validation,
the project import's bad files, and the API's project leader and phase."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError

from urbis.cpted import services, triage
from urbis.cpted.models import Recommendation
from urbis.cpted.tests.test_services import _assess
from urbis.cpted.tests.zone_form import zone_data, zone_url


def test_gate_runs_again_after_going_back(housing, planner, cpted_advisor, department) -> None:
    services.project_set_phase(actor=planner, project=housing, phase="final_design")
    services.project_set_phase(actor=planner, project=housing, phase="execution")
    services.project_set_phase(actor=planner, project=housing, phase="preliminary_design")
    housing.refresh_from_db()
    assert housing.final_design_approved_at is None  # to be approved again
    services.recommendation_create(
        actor=cpted_advisor,
        project=housing,
        text="Open the corner",
        kind="design_change",
        department=department,
        requirement="mandatory",
    )
    services.project_set_phase(actor=planner, project=housing, phase="final_design")
    with pytest.raises(ValidationError, match="Open the corner"):
        services.project_set_phase(actor=planner, project=housing, phase="execution")


def test_gate_waits_for_a_check_in_progress_with_red_flags(
    housing, planner, cpted_advisor, template
) -> None:
    _assess(housing, cpted_advisor, template, {("NS-03", "Courtyard"): 1})
    services.project_set_phase(actor=planner, project=housing, phase="final_design")
    with pytest.raises(ValidationError, match="red flags"):
        services.project_set_phase(actor=planner, project=housing, phase="execution")


def test_advised_advice_does_not_cover_a_red_flag_and_each_zone_counts(
    housing, cpted_advisor, template, department
) -> None:
    assessment = _assess(
        housing,
        cpted_advisor,
        template,
        {("NS-03", "Courtyard"): 1, ("NS-03", "Street side"): 1},
    )
    services.recommendation_create(
        actor=cpted_advisor,
        project=housing,
        assessment=assessment,
        item=template.items.get(code="NS-03"),
        text="Maybe more light",
        kind="lighting",
        department=department,
        requirement="advised",
        priority="low",
    )
    services.assessment_complete(
        actor=cpted_advisor,
        assessment=assessment,
        summary="Dark",
        signed_off_by="B. Claes",
        accept_low_coverage=True,
    )
    mandatory = Recommendation.objects.filter(requirement="mandatory", item__code="NS-03")
    assert mandatory.count() == 2  # one per failing zone
    texts = " ".join(r.text for r in mandatory)
    assert "Courtyard" in texts and "Street side" in texts


def test_rating_is_not_kept_when_its_photo_is_refused(housing, cpted_advisor, template) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from urbis.core.testing.fixtures import verified_client

    assessment = _assess(housing, cpted_advisor, template, {})
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="GIF")  # an image, but not an accepted one
    item = template.items.get(code="NS-02")
    response = verified_client(cpted_advisor).post(
        zone_url(assessment, assessment.zones.first()),
        zone_data(
            assessment,
            {"NS-02": {"value": 3, "photo": SimpleUploadedFile("p.gif", buffer.getvalue())}},
        ),
    )
    assert response.status_code == 400
    assert not assessment.ratings.filter(item=item).exists()


@pytest.mark.parametrize(
    "rule, problem",
    [
        pytest.param(
            {"op": "is", "value": "true", "then": "outcome:no_check"},
            "true or false",
            id="bool-value-as-text",
        ),
        pytest.param(
            {"op": ">=", "value": "10", "then": "outcome:no_check"},
            "finite number",
            id="number-value-as-text",
        ),
        pytest.param(
            {"op": "is", "value": 1, "then": "outcome:no_check"}, "true or false", id="bool-as-one"
        ),
        pytest.param(
            {"op": "is", "value": True, "thn": "outcome:no_check"},
            "unknown key",
            id="typo-in-a-key",
        ),
    ],
)
def test_flow_rules_are_typed(rule, problem) -> None:
    kind = "bool" if rule["op"] == "is" else "int"
    flow = {
        "start": "Q1",
        "questions": {"Q1": {"type": kind, "rules": [rule], "else": "outcome:full_check"}},
    }
    with pytest.raises(triage.FlowError) as error:
        triage.validate_flow(flow)
    assert problem in " ".join(error.value.problems)


@pytest.mark.parametrize(
    "question, problem",
    [
        pytest.param(
            {"type": "int", "rules": "oops", "else": "outcome:no_check"},
            "list",
            id="rules-not-a-list",
        ),
        pytest.param(
            {"type": "int", "rules": ["oops"], "else": "outcome:no_check"},
            "object",
            id="rule-not-an-object",
        ),
        pytest.param(
            {
                "type": "bool",
                "required": False,
                "rules": [
                    {"op": "is", "value": True, "then": "outcome:no_check"},
                    {"op": "is", "value": False, "then": "outcome:no_check"},
                ],
            },
            "optional",
            id="optional-without-else",
        ),
    ],
)
def test_flow_shapes_are_checked(question, problem) -> None:
    with pytest.raises(triage.FlowError) as error:
        triage.validate_flow({"start": "Q1", "questions": {"Q1": question}})
    assert problem in " ".join(error.value.problems)


@pytest.mark.parametrize("answer", ["nan", "inf", float("inf")])
def test_non_finite_answers_are_refused(answer) -> None:
    flow = {
        "start": "Q1",
        "questions": {
            "Q1": {
                "type": "number",
                "rules": [{"op": ">=", "value": 10, "then": "outcome:full_check"}],
                "else": "outcome:no_check",
            }
        },
    }
    with pytest.raises(triage.AnswerError):
        triage.evaluate(flow, {"Q1": answer})


@pytest.mark.parametrize(
    "content, reason",
    [
        pytest.param(b"name\nPark\n", "department", id="one-column"),
        pytest.param(
            b"name;department;project_leader;type;dwellings\nPark;Urban dev.;planner;park;nan\n",
            "not a number",
            id="nan-dwellings",
        ),
        pytest.param(
            b"name;department;project_leader;type;colour\nPark;Urban dev.;planner;park;red\n",
            "unknown column",
            id="unknown-column",
        ),
    ],
)
def test_bad_project_lists_are_reported_not_crashing(planner, department, content, reason) -> None:
    from urbis.core.tabular import read_table

    report = services.projects_import(
        actor=planner, rows=read_table(io.BytesIO(content), filename="p.csv"), commit=True
    )
    assert report.errors and reason in report.errors[0][1]


def test_import_keeps_planned_dates_and_description(planner, department) -> None:
    from urbis.core.tabular import read_table
    from urbis.cpted.models import InvestmentProject

    content = (
        b"name;department;project_leader;type;description;preliminary_design_end\n"
        b"Station square;Urban dev.;planner;public_space;New bus hub;2027-03-31\n"
    )
    report = services.projects_import(
        actor=planner, rows=read_table(io.BytesIO(content), filename="p.csv"), commit=True
    )
    assert report.ok, report.errors
    project = InvestmentProject.objects.get(name="Station square")
    assert project.description == "New bus hub"
    assert str(project.preliminary_design_end) == "2027-03-31"


def test_api_project_leader_is_a_planner_and_phase_starts_at_idea(
    planner, department, outsider
) -> None:
    from rest_framework.authtoken.models import Token

    from urbis.core.testing.fixtures import verified_client

    client = verified_client(planner)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {Token.objects.create(user=planner).key}"
    body = {
        "name": "Bike shed",
        "department": department.pk,
        "project_leader": outsider.pk,
        "project_type": "parking",
        "phase": "execution",
    }
    refused = client.post("/api/v1/cpted/projects/", body, content_type="application/json")
    assert refused.status_code == 400 and "project_leader" in refused.json()["errors"]
    created = client.post(
        "/api/v1/cpted/projects/",
        {**body, "project_leader": planner.pk},
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["phase"] == "idea"


def test_a_used_checklist_version_is_frozen_in_the_admin(
    housing, cpted_advisor, template, rf
) -> None:
    from urbis.core.admin_site import admin_site
    from urbis.core.testing.fixtures import create_user
    from urbis.cpted.admin import ChecklistItemInline
    from urbis.cpted.models import ChecklistTemplate

    request = rf.get("/")
    request.user = create_user("admin", username="frozen-admin", is_staff=True, is_superuser=True)
    inline = ChecklistItemInline(ChecklistTemplate, admin_site)
    assert inline.has_change_permission(request, template)
    _assess(housing, cpted_advisor, template, {("NS-02", "Courtyard"): 3})
    assert not inline.has_change_permission(request, template)
    assert not inline.has_delete_permission(request, template)
