"""The CPTED project list reads through the core reader: XLSX numbers and dates, lines as in
the file, rows the reader refuses reported, nothing written unless every row is valid."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from urbis.core.tabular import read_table
from urbis.cpted import services
from urbis.cpted.models import InvestmentProject

pytestmark = pytest.mark.django_db


def test_xlsx_numbers_and_dates_are_read_as_written(planner, department) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Department", "Project_leader", "Type", "Dwellings", "Budget"])
    sheet["G1"] = "preliminary_design_end"
    sheet.append(["Quay", "Urban dev.", "planner", "housing", 24.0, 1250000.5])
    sheet["G2"] = dt.date(2027, 3, 31)  # a date cell, as Excel stores it
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = services.projects_import(
        actor=planner, rows=read_table(buffer.getvalue(), filename="p.xlsx"), commit=True
    )
    assert report.ok, report.errors
    project = InvestmentProject.objects.get(name="Quay")
    assert project.dwellings == 24 and str(project.budget) == "1250000.50"
    assert project.preliminary_design_end == dt.date(2027, 3, 31)


def test_reader_refusals_are_reported_with_their_line_and_nothing_is_written(
    planner, department
) -> None:
    content = (
        "name;department;project_leader;type\n"
        "Park;Urban dev.;planner;park\n"
        "\n"
        "Sq\x00uare;Urban dev.;planner;public_space\n"
        "Lane;Urban dev.;planner;public_space;extra\n"
    ).encode("cp1252")
    report = services.projects_import(
        actor=planner, rows=read_table(content, filename="p.csv"), commit=True
    )
    assert [line for line, _reason in report.errors] == [4, 5]
    assert "NUL" in report.errors[0][1]
    assert report.created == [(2, "Park")]
    assert not InvestmentProject.objects.exists()
