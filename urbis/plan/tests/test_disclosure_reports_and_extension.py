"""Regression tests from the plan review: disclosure control, per-year report status, escaping,
benchmarks per question, append-only measurements, unreadable files, API input."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from pypdf import PdfReader

from urbis.core.models import AccessLogEntry, Area
from urbis.core.testing.fixtures import verified_client
from urbis.plan import selectors, services
from urbis.plan.models import BenchmarkPoint, Indicator, Measurement, Plan, SurveyResponse
from urbis.plan.survey import Share, protect_complement, weighted_share
from urbis.plan.tests.factories import BENCHMARK, DAYS_INDICATOR, INDICATOR

pytestmark = pytest.mark.django_db


def test_one_heavy_weight_suppresses_the_cell() -> None:
    # 30 respondents, but one weight of 100: Kish n_eff ≈ 1.7 — one person's answer.
    answers = ["often"] + ["never"] * 29
    share = weighted_share(answers, [100.0] + [1.0] * 29, min_respondents=30)
    assert share.suppressed and share.share is None


@pytest.mark.parametrize(
    "cells, hidden",
    [
        pytest.param({"A": 40, "B": 5}, {"A", "B"}, id="two-areas-complement"),
        pytest.param({"A": 40, "B": 50, "C": 5}, {"A", "C"}, id="smallest-published-goes"),
        pytest.param({"A": 40, "B": 50}, set(), id="nothing-to-protect"),
        pytest.param({"A": 40, "B": 20, "C": 15}, {"B", "C"}, id="together-enough"),
    ],
)
def test_secondary_suppression(cells: dict[str, int], hidden: set[str]) -> None:
    shares = {
        key: Share(n, None, None, None, float(n), True)
        if n < 30
        else Share(n, 0.1, 0.05, 0.2, float(n), False)
        for key, n in cells.items()
    }
    result = protect_complement(shares, 30)
    assert {key for key, cell in result.items() if cell.suppressed} == hidden


def test_survey_page_hides_complementary_cells_and_counts(small_plan: Plan, coordinator) -> None:
    SurveyResponse.objects.all().delete()
    a, b = Area.objects.filter(kind="neighbourhood")[:2]
    rows = [(f"A{i}", a, "often" if i < 4 else "never") for i in range(40)]
    rows += [(f"B{i}", b, "often" if i < 3 else "never") for i in range(5)]
    SurveyResponse.objects.bulk_create(
        SurveyResponse(respondent=r, edition=2030, area=area, weight=1.0, insecurity=answer)
        for r, area, answer in rows
    )
    results = selectors.survey_results("insecurity")
    assert all(results["areas"][key].suppressed for key in results["areas"] if key[0] == 2030)
    html = verified_client(coordinator).get(reverse("plan:survey")).content.decode()
    assert ">5<" not in html  # the small cell's count is not shown either
    assert AccessLogEntry.objects.filter(user=coordinator, purpose="plan.survey").exists()


def test_infinite_weight_is_rejected(small_plan: Plan, coordinator) -> None:
    report = services.survey_import(
        actor=coordinator,
        rows=[
            {
                "respondent": "Z1",
                "year": "2031",
                "area": "N01",
                "weight": "inf",
                "insecurity": "often",
            }
        ],
    )
    assert report.rejected and not SurveyResponse.objects.filter(respondent="Z1").exists()


def test_report_status_uses_that_years_value_and_escapes_text(
    small_plan: Plan, coordinator
) -> None:
    indicator = Indicator.objects.get(code=INDICATOR)  # lower is better, target 4.5
    services.measurement_record(
        actor=coordinator,
        indicator=indicator,
        period_start=dt.date(2027, 1, 1),
        period_end=dt.date(2027, 12, 31),
        value=Decimal(9),
        source="x",
        note="value < target & rising",
    )
    statuses = {s.indicator.code: s for s in selectors.indicator_statuses(small_plan, 2024)}
    assert statuses[INDICATOR].light != "red"  # 2024's 4.6, not 2027's 9
    client = verified_client(coordinator)
    pdf = client.get(reverse("plan:report", args=[small_plan.pk, 2027, "pdf"]), {"lang": "en"})
    assert pdf.status_code == 200
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "value < target & rising" in " ".join(text.split())


def test_objectives_without_indicators_are_in_the_report(small_plan: Plan, coordinator) -> None:
    from openpyxl import load_workbook

    response = verified_client(coordinator).get(
        reverse("plan:report", args=[small_plan.pk, 2026, "xlsx"]), {"lang": "en"}
    )
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert any(row[7] == "no indicator" for row in rows[2:])


def test_benchmarks_belong_to_their_question(small_plan: Plan) -> None:
    BenchmarkPoint.objects.create(
        series="Ghent: Budget",
        year=2021,
        value=Decimal(250000),
        unit="EUR",
        definition="budget",
        source="file",
    )
    series = {b.series for b in selectors.survey_results("insecurity")["benchmarks"]}
    assert series == {BENCHMARK}
    assert not selectors.survey_results("pride")["benchmarks"]


@pytest.mark.parametrize("value", ["NaN", "Infinity", "1e30"])
def test_non_finite_benchmark_values_are_refused(small_plan: Plan, coordinator, value) -> None:
    import json

    document = {
        "schema": "urbis.indicator-benchmarks/1",
        "city": "Leuven",
        "indicators": [
            {
                "name": "x",
                "unit": "%",
                "definition": "d",
                "values": [{"year": 2024, "value": value}],
            }
        ],
    }
    upload = SimpleUploadedFile("b.json", json.dumps(document).encode(), "application/json")
    response = verified_client(coordinator).post(reverse("plan:exchange"), {"file": upload})
    assert response.status_code == 400
    assert not BenchmarkPoint.objects.filter(series__startswith="Leuven").exists()


def test_measurements_are_append_only(small_plan: Plan) -> None:
    measurement = Measurement.objects.first()
    with pytest.raises(PermissionError):
        Measurement.objects.filter(pk=measurement.pk).update(value=Decimal(1))
    with pytest.raises(PermissionError):
        measurement.delete()
    with (
        pytest.raises(IntegrityError)
        if connection.vendor == "sqlite"
        else pytest.raises(Exception),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE plan_measurement SET value = 1 WHERE id = %s", [measurement.pk])


def test_unreadable_survey_file_is_a_form_error(small_plan: Plan, coordinator) -> None:
    client = verified_client(coordinator)
    for name, content in (("s.xlsx", b"not a zip"), ("s.csv", b"\xff\xfe\x00garbage")):
        response = client.post(reverse("plan:survey"), {"file": SimpleUploadedFile(name, content)})
        assert response.status_code == 400, name


def test_publish_form_is_shown_with_percentage_indicators_only(
    small_plan: Plan, coordinator
) -> None:
    html = verified_client(coordinator).get(reverse("plan:survey")).content.decode()
    assert INDICATOR in html.split('action="/plan/survey/publish/"')[1]
    assert DAYS_INDICATOR not in html.split('action="/plan/survey/publish/"')[1]


def test_api_rejects_a_non_numeric_objective_filter(small_plan: Plan, coordinator) -> None:
    from rest_framework.authtoken.models import Token

    client = verified_client(coordinator)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {Token.objects.create(user=coordinator).key}"
    response = client.get("/api/v1/plan/actions/", {"objective": "abc"})
    assert response.status_code == 400 and "objective" in response.json()["errors"]


def test_extension_carries_the_tree_once_and_continues_indicators(
    small_plan: Plan, coordinator
) -> None:
    from urbis.plan.models import Action, Objective

    client = verified_client(coordinator)
    response = client.post(
        reverse("plan:extend", args=[small_plan.pk]),
        {"code": "SVPP-2032", "period_end": "2033-12-31"},
    )
    extension = Plan.objects.get(code="SVPP-2032")
    assert response.status_code == 302 and extension.extends == small_plan
    assert (
        Objective.objects.filter(priority__plan=extension).count()
        == Objective.objects.filter(priority__plan=small_plan).count()
    )
    copied = Action.objects.filter(objective__priority__plan=extension)
    assert copied.count() == Action.objects.filter(objective__priority__plan=small_plan).count()

    def summary(plan: Plan) -> dict[tuple[str, str], tuple[int, Decimal]]:
        cells = selectors.matrix_for(plan).cells
        return {(p, m): (c.count, c.budget) for p, row in cells.items() for m, c in row.items()}

    assert summary(extension) == summary(small_plan)
    assert {s.indicator.code for s in selectors.indicator_statuses(extension)} >= {INDICATOR}
    again = client.post(
        reverse("plan:extend", args=[small_plan.pk]),
        {"code": "SVPP-2034", "period_end": "2035-12-31"},
        follow=True,
    )
    assert "already extended" in again.content.decode()
    assert not Plan.objects.filter(code="SVPP-2034").exists()


def test_an_extension_adds_a_phenomenon_only_with_a_rationale(
    small_plan: Plan, coordinator
) -> None:
    from urbis.plan.models import Phenomenon

    extension = services.plan_extend(
        actor=coordinator, plan=small_plan, code="SVPP-X", period_end=dt.date(2033, 12, 31)
    )
    local = Phenomenon.objects.create(
        code="bikes",
        label_nl="Fietsdiefstal",
        label_fr="Vol de vélos",
        label_en="Bike theft",
        source="local",
    )
    client = verified_client(coordinator)
    client.post(
        reverse("plan:add_priority", args=[extension.pk]), {"phenomenon": local.pk, "rank": 6}
    )
    assert not extension.priorities.filter(phenomenon=local).exists()
    client.post(
        reverse("plan:add_priority", args=[extension.pk]),
        {"phenomenon": local.pk, "rank": 6, "rationale": "Diagnostic 2031: +40 %"},
    )
    assert extension.priorities.filter(phenomenon=local).exists()


def test_partners_with_roles_and_areas_through_the_form_and_directory(
    small_plan: Plan, coordinator, make_user
) -> None:
    from urbis.core.models import Organisation
    from urbis.core.tests.factories import OrganisationFactory
    from urbis.plan.models import Action, Contact, Objective, ObjectiveLevel

    objective = Objective.objects.filter(level=ObjectiveLevel.OPERATIONAL).first()
    fjc = OrganisationFactory(short_name="FJC")
    area = Area.objects.filter(kind="neighbourhood").first()
    owner = Organisation.objects.exclude(pk=fjc.pk).first()
    client = verified_client(coordinator)
    client.post(
        reverse("plan:add_action", args=[objective.pk]),
        {
            "title": "Shared case meetings",
            "owner": owner.pk,
            "budget": "100",
            "mechanisms": ["DESIST"],
            "rationale": "Case follow-up",
            "implementers": [fjc.pk],
            "areas": [area.pk],
        },
    )
    action = Action.objects.get(title="Shared case meetings")
    assert set(action.partners.values_list("role", flat=True)) == {"lead", "implementer"}
    assert list(action.areas.all()) == [area]
    caseworker = make_user("caseworker", organisation=fjc)
    assert (
        "Shared case meetings"
        in verified_client(caseworker).get(reverse("plan:my_actions")).content.decode()
    )
    Contact.objects.create(organisation=fjc, name="Sara Jacobs", email="sara@fjc.example")
    page = client.get(reverse("plan:partners")).content.decode()
    row = page.split('data-organisation="FJC"')[1].split("</tr>")[0]
    assert "Shared case meetings" in row and "Sara Jacobs" in row
    assert AccessLogEntry.objects.filter(purpose="plan.partner_contacts").exists()


def test_survey_questions_are_named_in_the_page_language(small_plan: Plan, coordinator) -> None:
    from django.utils import translation

    client = verified_client(coordinator)
    with translation.override("fr"):
        html = client.get(reverse("plan:survey"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Sentiment d&#x27;insécurité" in html or "Sentiment d'insécurité" in html
