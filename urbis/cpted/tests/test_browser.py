"""Browser journey: a planner registers a housing project, the triage answers "full check", an
advisor records a night visit and ratings, and the PDF report downloads."""

from __future__ import annotations

import datetime as dt

import pytest

from urbis.core.testing.browser import login_in_browser
from urbis.cpted.models import InvestmentProject, Rating

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_triage_assess_report(
    live_server, browser_page, planner, cpted_advisor, department
) -> None:
    planner.organisation = department
    planner.save()
    page = browser_page
    login_in_browser(page, live_server.url, "planner")
    page.goto(f"{live_server.url}/cpted/new/")
    page.fill("#id_name", "Zandpoort housing")
    page.select_option("#id_department", str(department.pk))
    page.select_option("#id_project_leader", str(planner.pk))
    page.select_option("#id_project_type", "housing")
    page.fill("#id_dwellings", "24")
    page.click("[data-location-map]", position={"x": 200, "y": 150})
    assert '"Point"' in page.input_value("#id_location_geojson")
    page.click("button[type=submit].primary")
    page.wait_for_selector("#triage")
    project = InvestmentProject.objects.get(name="Zandpoort housing")
    assert project.lat is not None

    page.goto(f"{live_server.url}/cpted/{project.pk}/triage/")
    assert page.input_value("#id_T4") == "24"
    page.select_option("#id_T15", "false")
    page.select_option("#id_T2", "new_build")
    page.click("button[type=submit].primary")
    page.wait_for_selector('[data-outcome="full_check"]')
    assert "T4" in page.locator(".triage-path").inner_text()

    page.context.clear_cookies()
    login_in_browser(page, live_server.url, "cpted_advisor")
    page.goto(f"{live_server.url}/cpted/{project.pk}/")
    page.fill("#id_zones", "Courtyard\nStreet side")
    page.click("#assessments button[type=submit]")
    page.wait_for_selector("#checklist", timeout=60_000)  # creates the whole checklist
    page.select_option("#id_kind", "night")
    page.fill("#id_date", (dt.date.today() - dt.timedelta(days=1)).isoformat())
    page.fill("#id_participants", "Advisor, project leader, police")
    page.click("#visits button[type=submit]")
    page.wait_for_selector('[data-visit="night"]')
    page.fill('form[data-rate="NS-03-1"] input[name=value]', "2")
    page.fill('form[data-rate="NS-03-1"] input[name=note]', "Dark passage")
    page.click('form[data-rate="NS-03-1"] button[type=submit]')
    page.wait_for_selector("#red-flags")
    page.fill('form[data-rate="NS-01-2"] input[name=value]', "4")
    page.click('form[data-rate="NS-01-2"] button[type=submit]')
    page.wait_for_selector("#overall-score")
    assert Rating.objects.filter(assessment__project=project).count() == 2

    with page.expect_download() as download_info:
        page.click('a[data-report="en"]')
    path = download_info.value.path()
    with open(path, "rb") as handle:
        assert handle.read(4) == b"%PDF"
