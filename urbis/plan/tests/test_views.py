"""Pages and API of the plan: access, matrix and gaps, measurements, survey upload, reports."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.authtoken.models import Token

from urbis.core.testing.fixtures import verified_client
from urbis.plan.models import Action, Measurement, Plan, SurveyResponse
from urbis.plan.tests.factories import ALIGNMENT, GRANT, INDICATOR, LETTERS

pytestmark = pytest.mark.django_db


def _pages(plan: Plan) -> list[str]:
    action = Action.objects.first()
    return [
        reverse("plan:overview"),
        reverse("plan:detail", args=[plan.pk]),
        reverse("plan:matrix", args=[plan.pk]),
        reverse("plan:indicators", args=[plan.pk]),
        reverse("plan:dashboard", args=[plan.pk]),
        reverse("plan:survey"),
        reverse("plan:partners"),
        reverse("plan:action", args=[action.pk]),
        reverse("plan:report", args=[plan.pk, 2026, "xlsx"]),
        reverse("plan:report", args=[plan.pk, 2026, "pdf"]),
        f"/api/v1/plan/plans/{plan.pk}/matrix/",
        "/api/v1/plan/plans/",
    ]


def test_outsider_gets_404_everywhere(small_plan: Plan, outsider) -> None:
    client = verified_client(outsider)
    for url in _pages(small_plan):
        assert client.get(url).status_code == 404, url


def test_planner_has_no_access(small_plan: Plan, planner) -> None:
    matrix = reverse("plan:matrix", args=[small_plan.pk])
    assert verified_client(planner).get(matrix).status_code == 404


def test_analyst_reads_but_cannot_write(small_plan: Plan, analyst) -> None:
    client = verified_client(analyst)
    for url in _pages(small_plan):
        assert client.get(url, follow=True).status_code == 200, url
    response = client.post(reverse("plan:indicators", args=[small_plan.pk]), {"value": "1"})
    assert response.status_code == 404
    assert (
        b"Record a measurement"
        not in client.get(reverse("plan:indicators", args=[small_plan.pk])).content
    )


def test_matrix_shows_cells_gaps_and_drill_down(small_plan: Plan, coordinator) -> None:
    client = verified_client(coordinator)
    html = client.get(
        reverse("plan:matrix", args=[small_plan.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert 'data-cell="burglary:PROTECT"' in html
    assert html.count('class="gap"') > 0
    drill = client.get(
        reverse("plan:matrix", args=[small_plan.pk]),
        {"phenomenon": "burglary", "mechanism": "PROTECT"},
    ).content.decode()
    assert LETTERS in drill and GRANT in drill


def test_coordinator_records_a_measurement_and_bad_input_is_400(
    small_plan: Plan, coordinator
) -> None:
    client = verified_client(coordinator)
    url = reverse("plan:indicators", args=[small_plan.pk])
    indicator = Measurement.objects.first().indicator
    bad = client.post(
        url,
        {
            "indicator": indicator.pk,
            "period_start": "2026-06-01",
            "period_end": "2026-01-01",
            "value": "x",
            "source": "",
        },
    )
    assert bad.status_code == 400
    html = bad.content.decode()
    assert 'id="id_value_error"' in html and 'id="id_source_error"' in html
    before = Measurement.objects.count()
    ok = client.post(
        url,
        {
            "indicator": indicator.pk,
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
            "value": "4.4",
            "source": "survey",
        },
    )
    assert ok.status_code == 302 and Measurement.objects.count() == before + 1


def test_survey_upload_csv_and_rejected_rows(small_plan: Plan, coordinator) -> None:
    client = verified_client(coordinator)
    url = reverse("plan:survey")
    bad = "respondent;year;area;weight;insecurity\nX1;2025;N01;1;often\nX2;2025;N01;1;perhaps\n"
    response = client.post(url, {"file": SimpleUploadedFile("s.csv", bad.encode(), "text/csv")})
    assert response.status_code == 400
    assert (
        "line 3" in response.content.decode()
        and not SurveyResponse.objects.filter(edition=2025).exists()
    )
    good = "respondent,year,area,weight,insecurity\n" + "".join(
        f"N{i},2025,N01,1,{'often' if i < 3 else 'never'}\n" for i in range(40)
    )
    response = client.post(url, {"file": SimpleUploadedFile("s.csv", good.encode(), "text/csv")})
    assert response.status_code == 302
    assert SurveyResponse.objects.filter(edition=2025).count() == 40
    page = client.get(url).content.decode()
    assert "2025" in page
    fixed = SimpleUploadedFile("s.csv", bad.replace("X1", "Y1").encode(), "text/csv")
    confirmed = client.post(url, {"file": fixed, "import_valid": "on"})
    assert confirmed.status_code == 302
    assert SurveyResponse.objects.filter(respondent="Y1").exists()
    assert not SurveyResponse.objects.filter(respondent="X2").exists()
    fake = client.post(
        url, {"file": SimpleUploadedFile("s.xlsx", b"not a zip", "application/octet-stream")}
    )
    assert fake.status_code == 400 and "not an XLSX" in fake.content.decode()


def test_survey_upload_xlsx(small_plan: Plan, coordinator) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Respondent", "Year", "Area", "Weight", "Insecurity", "Pride"])
    for i in range(3):
        sheet.append([f"X{i}", 2019, "N02", 1.0, "altijd", "vaak"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = verified_client(coordinator).post(
        reverse("plan:survey"), {"file": SimpleUploadedFile("s.xlsx", buffer.getvalue())}
    )
    assert response.status_code == 302
    assert (
        SurveyResponse.objects.filter(edition=2019, insecurity="always", pride="often").count() == 3
    )


@pytest.mark.parametrize(
    "language, word", [("nl", "Indicator"), ("fr", "Indicateur"), ("en", "Indicator")]
)
def test_progress_reports_in_three_languages(small_plan: Plan, coordinator, language, word) -> None:
    from openpyxl import load_workbook

    client = verified_client(coordinator)
    report = reverse("plan:report", args=[small_plan.pk, 2024, "xlsx"])
    xlsx = client.get(report, {"lang": language})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["B2"].value == word
    assert any(row[1] == INDICATOR for row in sheet.iter_rows(min_row=3, values_only=True))
    pdf = client.get(reverse("plan:report", args=[small_plan.pk, 2024, "pdf"]), {"lang": language})
    assert pdf.content.startswith(b"%PDF") and pdf["Content-Type"] == "application/pdf"


def test_practice_sheet_export_and_validation(small_plan: Plan, coordinator) -> None:
    from urbis.plan.exchange import SCHEMA, validate_practice_sheet

    action = Action.objects.get(title=GRANT)
    response = verified_client(coordinator).post(reverse("plan:practice", args=[action.pk]))
    sheet = response.json()
    assert sheet["schema"] == SCHEMA
    assert {m["code"] for m in sheet["mechanisms"]} == {"PROTECT", "REWARD"}
    assert validate_practice_sheet(sheet) is sheet
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        validate_practice_sheet({"schema": SCHEMA, "mechanisms": [{"code": "NOPE"}]})
    assert {"title", "problem", "mechanisms"} <= set(error.value.message_dict)


def test_api_matrix_and_measurement(small_plan: Plan, coordinator, analyst) -> None:
    token = Token.objects.create(user=coordinator)
    client = verified_client(coordinator)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    body = client.get(f"/api/v1/plan/plans/{small_plan.pk}/matrix/").json()
    burglary = next(p for p in body["phenomena"] if p["code"] == "burglary")
    assert burglary["cells"]["PROTECT"]["actions"] == 2 and "DETER" in burglary["gaps"]
    indicator = Measurement.objects.first().indicator
    bad = client.post(
        "/api/v1/plan/measurements/",
        {"indicator": indicator.pk, "value": "abc"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert {"value", "period_start", "period_end", "source"} <= set(bad.json()["errors"])
    ok = client.post(
        "/api/v1/plan/measurements/",
        {
            "indicator": indicator.pk,
            "period_start": "2026-01-01",
            "period_end": "2026-03-31",
            "value": "4.2",
            "source": "api",
        },
        content_type="application/json",
    )
    assert ok.status_code == 201 and ok.json()["value"] == "4.2000"
    reader = Token.objects.create(user=analyst)
    denied = verified_client(analyst).post(
        "/api/v1/plan/measurements/",
        {},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {reader.key}",
    )
    assert denied.status_code == 404


def test_plan_tree_shows_levels_actions_and_alignment(small_plan: Plan, coordinator) -> None:
    html = (
        verified_client(coordinator)
        .get(reverse("plan:detail", args=[small_plan.pk]))
        .content.decode()
    )
    assert "General objective" in html and "Operational objective" in html
    assert LETTERS in html
    assert ALIGNMENT in html  # the burglary objective is aligned with the framework note
    assert reverse("plan:add_action", args=[Action.objects.first().objective_id]) in html


def test_reports_show_planned_and_achieved_values(small_plan: Plan, coordinator) -> None:
    """The yearly report states, per indicator, the target (planned) and the measured value."""
    import datetime as dt
    from decimal import Decimal

    from openpyxl import load_workbook
    from pypdf import PdfReader

    from urbis.plan import services
    from urbis.plan.models import Indicator

    indicator = Indicator.objects.get(code=INDICATOR)
    services.target_set(actor=coordinator, indicator=indicator, year=2027, value=Decimal("4.25"))
    services.measurement_record(
        actor=coordinator,
        indicator=indicator,
        period_start=dt.date(2027, 1, 1),
        period_end=dt.date(2027, 12, 31),
        value=Decimal("3.875"),
        source="survey 2027",
        note="Survey edition 2027",
    )
    client = verified_client(coordinator)
    xlsx = client.get(reverse("plan:report", args=[small_plan.pk, 2027, "xlsx"]), {"lang": "en"})
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    header = rows[1]
    row = next(r for r in rows[2:] if r[1] == INDICATOR)
    # Numbers are numbers in the workbook (a spreadsheet sums them), not text.
    assert row[header.index("Target")] == 4.25
    assert row[header.index("Achieved")] == 3.875
    assert row[header.index("Status")] == "on track"  # direction "down": 3.875 <= 4.25
    pdf = client.get(reverse("plan:report", args=[small_plan.pk, 2027, "pdf"]), {"lang": "en"})
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert INDICATOR in text and "4.25" in text and "3.875" in text
