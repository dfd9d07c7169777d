"""Editing the plan in the browser-less UI: objectives, actions, survey results as
measurements, and the exchange with peer cities."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from urbis.core.models import Organisation
from urbis.core.testing.fixtures import verified_client
from urbis.core.tests.factories import OrganisationFactory
from urbis.plan import exchange
from urbis.plan.models import (
    Action,
    BenchmarkPoint,
    Indicator,
    Measurement,
    Objective,
    Plan,
    PracticeSheet,
)
from urbis.plan.tests.factories import (
    GRANT,
    INDICATOR,
    ActionFactory,
    ActionPartnerFactory,
    operational_objective,
    survey_edition,
)

pytestmark = pytest.mark.django_db


def test_add_objective_then_action(small_plan: Plan, coordinator) -> None:
    client = verified_client(coordinator)
    general = Objective.objects.filter(priority__plan=small_plan, level="general").first()
    response = client.post(
        reverse("plan:add_objective", args=[general.pk]),
        {"code": "9.9", "text": "A new strategic objective"},
    )
    assert response.status_code == 302
    strategic = Objective.objects.get(code="9.9")
    assert strategic.level == "strategic" and strategic.parent == general
    client.post(
        reverse("plan:add_objective", args=[strategic.pk]), {"code": "9.9.1", "text": "Operational"}
    )
    operational = Objective.objects.get(code="9.9.1")
    assert operational.level == "operational"
    url = reverse("plan:add_action", args=[operational.pk])
    owner = Organisation.objects.get(short_name="Prevention")
    bad = client.post(
        url,
        {
            "title": "",
            "owner": owner.pk,
            "budget": "-5",
            "mechanisms": ["DETER"],
            "rationale": "",
        },
    )
    assert bad.status_code == 400
    html = bad.content.decode()
    for field in ("title", "budget", "rationale"):
        assert f'id="id_{field}_error"' in html
    ok = client.post(
        url,
        {
            "title": "Camera at the station",
            "owner": owner.pk,
            "budget": "1000",
            "mechanisms": ["DETER", "DISRUPT"],
            "rationale": "Visible surveillance",
        },
    )
    assert ok.status_code == 302
    action = Action.objects.get(title="Camera at the station")
    assert sorted(action.mechanisms.values_list("mechanism", flat=True)) == ["DETER", "DISRUPT"]
    assert (
        verified_client(coordinator).get(reverse("plan:add_action", args=[general.pk])).status_code
        == 200
    )
    refused = client.post(
        reverse("plan:add_action", args=[general.pk]),
        {"title": "x", "owner": owner.pk, "budget": "1", "mechanisms": ["DETER"], "rationale": "r"},
    )
    assert refused.status_code == 400  # actions belong to operational objectives


def test_analyst_cannot_open_edit_forms(analyst) -> None:
    objective = operational_objective()
    assert (
        verified_client(analyst).get(reverse("plan:add_action", args=[objective.pk])).status_code
        == 404
    )


def test_survey_result_becomes_a_measurement(small_plan: Plan, coordinator) -> None:
    survey_edition(2021)
    indicator = Indicator.objects.get(code=INDICATOR)
    client = verified_client(coordinator)
    response = client.post(
        reverse("plan:survey_publish"), {"indicator": indicator.pk, "edition": 2021}
    )
    assert response.status_code == 302
    measurement = Measurement.objects.filter(indicator=indicator, period_end__year=2021).get()
    assert measurement.base_n == 600 and measurement.automatic
    assert measurement.ci_low < measurement.value < measurement.ci_high
    assert "2021" in measurement.source
    client.post(reverse("plan:survey_publish"), {"indicator": indicator.pk, "edition": 1999})
    assert not Measurement.objects.filter(indicator=indicator, period_end__year=1999).exists()


def test_exchange_round_trip(small_plan: Plan, coordinator) -> None:
    client = verified_client(coordinator)
    download = client.get(reverse("plan:exchange"), {"download": "benchmarks"})
    body = download.json()
    assert body["schema"] == exchange.BENCHMARK_SCHEMA
    insecurity = next(i for i in body["indicators"] if i["code"] == INDICATOR)
    assert insecurity["values"] == [{"year": 2024, "value": "4.6000"}]
    body["city"] = "Leuven"
    upload = SimpleUploadedFile("b.json", json.dumps(body).encode(), "application/json")
    assert client.post(reverse("plan:exchange"), {"file": upload}).status_code == 302
    point = BenchmarkPoint.objects.get(series__startswith="Leuven")
    assert point.year == 2024 and str(point.value) == "4.6000"
    sheet = exchange.practice_sheet(Action.objects.get(title=GRANT))
    upload = SimpleUploadedFile("p.json", json.dumps(sheet).encode(), "application/json")
    assert client.post(reverse("plan:exchange"), {"file": upload}).status_code == 302
    assert PracticeSheet.objects.get().title == GRANT


@pytest.mark.parametrize(
    "content, message",
    [
        (b"{not json", "not valid JSON"),
        (json.dumps({"schema": "urbis.practice-sheet/1", "title": "x"}).encode(), "problem"),
        (
            json.dumps(
                {
                    "schema": "urbis.indicator-benchmarks/1",
                    "city": "",
                    "indicators": [{"name": "x"}],
                }
            ).encode(),
            "city",
        ),
    ],
)
def test_exchange_rejects_bad_files(
    small_plan: Plan, coordinator, content: bytes, message: str
) -> None:
    response = verified_client(coordinator).post(
        reverse("plan:exchange"),
        {"file": SimpleUploadedFile("x.json", content, "application/json")},
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert not PracticeSheet.objects.exists()


def test_partners_see_the_actions_they_take_part_in(make_user) -> None:
    fjc = OrganisationFactory(short_name="FJC")
    police = OrganisationFactory(short_name="PZ")
    objective = operational_objective()
    theirs = ActionFactory(objective=objective, owner=police, title="Case consultation")
    ActionPartnerFactory(action=theirs, organisation=fjc)
    others = ActionFactory(objective=objective, owner=police, title="Near-repeat letters")
    caseworker = make_user("caseworker", organisation=fjc)
    page = verified_client(caseworker).get(reverse("plan:my_actions")).content.decode()
    assert "Case consultation" in page
    assert "Near-repeat letters" not in page
    client = verified_client(caseworker)
    assert client.get(reverse("plan:action", args=[theirs.pk])).status_code == 200
    assert client.get(reverse("plan:action", args=[others.pk])).status_code == 404
    plan = objective.priority.plan
    assert client.get(reverse("plan:matrix", args=[plan.pk])).status_code == 404
    theirs_url = reverse("plan:action", args=[theirs.pk])
    assert client.post(theirs_url, {"form": "effect"}).status_code == 404
    analyst_like = make_user("analyst", organisation=police)
    page = verified_client(analyst_like).get(reverse("plan:my_actions"))
    assert "Near-repeat letters" in page.content.decode()
