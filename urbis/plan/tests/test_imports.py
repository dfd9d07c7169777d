"""The survey import reads through the core reader: encodings, XLSX numbers, lines as in the
file, rows the reader refuses reported and never written."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from urbis.core.models import Area
from urbis.core.testing.fixtures import verified_client
from urbis.core.tests.factories import AreaFactory
from urbis.plan.models import SurveyResponse

pytestmark = pytest.mark.django_db


@pytest.fixture
def neighbourhood(db: None) -> Area:
    """The area the survey rows name (code N01)."""
    return AreaFactory(code="N01")


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252", "utf-8-sig"])
def test_survey_csv_in_any_usual_encoding(neighbourhood: Area, coordinator, encoding) -> None:
    text = "respondent;year;area;weight;insecurity\n" + "".join(
        f"É{i};2024;N01;1,5;souvent\n" for i in range(3)
    )
    response = verified_client(coordinator).post(
        reverse("plan:survey"), {"file": SimpleUploadedFile("s.csv", text.encode(encoding))}
    )
    assert response.status_code == 302
    assert SurveyResponse.objects.filter(edition=2024, respondent__startswith="É").count() == 3


def test_survey_rejections_keep_the_file_lines(neighbourhood: Area, coordinator) -> None:
    text = (
        "respondent,year,area,insecurity\n"
        "A1,2024,N01,often\n"
        "\n"
        "A2,2024,N01,often,extra\n"
        "A3,2024,N01,o\x00ften\n"
        f"{'R' * 41},2024,N01,often\n"
    )
    response = verified_client(coordinator).post(
        reverse("plan:survey"), {"file": SimpleUploadedFile("s.csv", text.encode())}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "line 4: The row has 5 cells, the header only 4." in html
    assert "line 5: The row contains NUL bytes" in html
    assert "line 6: respondent: at most 40 characters (this one has 41)" in html
    assert not SurveyResponse.objects.filter(edition=2024, respondent="A1").exists()


def test_survey_xlsx_whole_numbers_and_missing_columns(neighbourhood: Area, coordinator) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["respondent", "year", "area", "insecurity"])
    sheet.append([1001, 2023.0, "N01", 4])  # numbers typed as numbers in Excel
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = verified_client(coordinator)
    response = client.post(
        reverse("plan:survey"), {"file": SimpleUploadedFile("s.xlsx", buffer.getvalue())}
    )
    assert response.status_code == 302
    assert SurveyResponse.objects.get(edition=2023, respondent="1001").insecurity == "often"
    missing = client.post(
        reverse("plan:survey"),
        {"file": SimpleUploadedFile("s.csv", b"area;weight\nN01;1\n")},
    )
    assert missing.status_code == 400
    assert "Missing column(s): respondent, year." in missing.content.decode()
