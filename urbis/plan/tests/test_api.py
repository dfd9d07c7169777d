"""Plan API: actions (mechanisms, partners' view) and indicators (targets), with 400s per field."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token

from urbis.core.testing.fixtures import verified_client
from urbis.core.tests.factories import OrganisationFactory
from urbis.plan.models import Action, Indicator, Target
from urbis.plan.tests.factories import ActionFactory, ActionPartnerFactory, operational_objective

pytestmark = pytest.mark.django_db


def _api(user):  # type: ignore[no-untyped-def]
    client = verified_client(user)
    token, _ = Token.objects.get_or_create(user=user)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    return client


def test_coordinator_creates_an_action_with_two_mechanisms(coordinator) -> None:
    client = _api(coordinator)
    objective = operational_objective()
    owner = OrganisationFactory()
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


def test_bad_action_gets_per_field_errors_and_writes_nothing(coordinator) -> None:
    client = _api(coordinator)
    objective = operational_objective()
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
            "owner": OrganisationFactory().pk,
            "mechanisms": [{"mechanism": "DETER", "rationale": "   "}],
        },
        content_type="application/json",
    )
    assert no_reason.status_code == 400 and "mechanisms" in no_reason.json()["errors"]
    assert not Action.objects.exists()


def test_partner_lists_only_its_actions_and_cannot_create(make_user) -> None:
    fjc = OrganisationFactory(short_name="FJC")
    owned = ActionFactory(owner=fjc)
    taking_part = ActionPartnerFactory(organisation=fjc).action
    ActionFactory()  # another organisation's action, without the FJC
    caseworker = make_user("caseworker", organisation=fjc)
    listed = _api(caseworker).get("/api/v1/plan/actions/").json()
    assert {a["id"] for a in listed} == {owned.pk, taking_part.pk}
    denied = _api(caseworker).post("/api/v1/plan/actions/", {}, content_type="application/json")
    assert denied.status_code == 404


def test_indicator_with_targets_and_bad_year(coordinator, outsider) -> None:
    client = _api(coordinator)
    objective = operational_objective()
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
