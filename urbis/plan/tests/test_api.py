"""Plan API: actions (mechanisms, partners' view) and indicators (targets), with 400s per field."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token

from urbis.core.models import Organisation
from urbis.core.testing.fixtures import verified_client
from urbis.plan.models import Action, Indicator, Objective, ObjectiveLevel, Plan, Target

pytestmark = pytest.mark.django_db


def _api(user):  # type: ignore[no-untyped-def]
    client = verified_client(user)
    token, _ = Token.objects.get_or_create(user=user)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    return client


def test_coordinator_creates_an_action_with_two_mechanisms(demo_plan: Plan, coordinator) -> None:
    client = _api(coordinator)
    objective = Objective.objects.filter(level=ObjectiveLevel.OPERATIONAL).first()
    owner = Organisation.objects.first()
    body = {
        "objective": objective.pk,
        "title": "Lighting audit of station underpass",
        "owner": owner.pk,
        "budget": "12000",
        "mechanisms": [
            {"mechanism": "DETER", "rationale": "Visible guardianship by light"},
            {"mechanism": "PROTECT", "rationale": "Removes hiding places"},
        ],
    }
    created = client.post("/api/v1/plan/actions/", body, content_type="application/json")
    assert created.status_code == 201, created.json()
    action = Action.objects.get(pk=created.json()["id"])
    assert sorted(action.mechanisms.values_list("mechanism", flat=True)) == ["DETER", "PROTECT"]
    listed = client.get("/api/v1/plan/actions/", {"objective": objective.pk}).json()
    mine = next(a for a in listed if a["id"] == action.pk)
    assert {m["mechanism"] for m in mine["mechanisms"]} == {"DETER", "PROTECT"}


def test_bad_action_gets_per_field_errors_and_writes_nothing(demo_plan: Plan, coordinator) -> None:
    client = _api(coordinator)
    before = Action.objects.count()
    objective = Objective.objects.filter(level=ObjectiveLevel.OPERATIONAL).first()
    bad = client.post(
        "/api/v1/plan/actions/",
        {
            "objective": objective.pk,
            "title": "",
            "budget": "-1",
            "mechanisms": [{"mechanism": "NOPE", "rationale": "x"}],
        },
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert {"title", "owner", "mechanisms"} <= set(bad.json()["errors"])
    no_reason = client.post(
        "/api/v1/plan/actions/",
        {
            "objective": objective.pk,
            "title": "t",
            "owner": Organisation.objects.first().pk,
            "mechanisms": [{"mechanism": "DETER", "rationale": "   "}],
        },
        content_type="application/json",
    )
    assert no_reason.status_code == 400 and "mechanisms" in no_reason.json()["errors"]
    assert Action.objects.count() == before


def test_partner_lists_only_its_actions_and_cannot_create(demo_plan: Plan, make_user) -> None:
    fjc = Organisation.objects.get(short_name="FJC")
    caseworker = make_user("caseworker", organisation=fjc)
    listed = _api(caseworker).get("/api/v1/plan/actions/").json()
    visible = Action.objects.filter(partners__organisation=fjc) | Action.objects.filter(owner=fjc)
    assert {a["id"] for a in listed} == set(visible.values_list("pk", flat=True))
    assert 0 < len(listed) < Action.objects.count()
    denied = _api(caseworker).post("/api/v1/plan/actions/", {}, content_type="application/json")
    assert denied.status_code == 404


def test_indicator_with_targets_and_bad_year(demo_plan: Plan, coordinator, outsider) -> None:
    client = _api(coordinator)
    objective = Objective.objects.filter(level=ObjectiveLevel.OPERATIONAL).first()
    body = {
        "objective": objective.pk,
        "code": "LIGHT-1",
        "name": "Dark spots repaired",
        "kind": Indicator._meta.get_field("kind").choices[0][0],
        "definition": "Number of dark spots repaired",
        "unit": "spots",
        "direction": Indicator._meta.get_field("direction").choices[0][0],
        "data_source": "public works",
        "targets": {"2027": "10", "2028": "20"},
    }
    bad = client.post(
        "/api/v1/plan/indicators/",
        {**body, "targets": {"someday": "3"}},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "targets" in bad.json()["errors"]
    assert not Indicator.objects.filter(code="LIGHT-1").exists()
    created = client.post("/api/v1/plan/indicators/", body, content_type="application/json")
    assert created.status_code == 201, created.json()
    assert created.json()["targets"] == {"2027": "10.0000", "2028": "20.0000"}
    assert Target.objects.filter(indicator__code="LIGHT-1").count() == 2
    listed = client.get("/api/v1/plan/indicators/").json()
    assert "LIGHT-1" in {i["code"] for i in listed}
    assert _api(outsider).get("/api/v1/plan/indicators/").status_code == 404


def test_api_schema_lists_the_plan_endpoints(coordinator) -> None:
    schema = verified_client(coordinator).get("/api/v1/schema/").content.decode()
    for path in ("/api/v1/plan/actions/", "/api/v1/plan/indicators/"):
        assert path in schema
