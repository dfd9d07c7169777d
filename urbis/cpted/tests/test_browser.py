"""Browser journey: a planner registers a housing project, the triage answers "full check", an
advisor records a night visit and ratings, and the PDF report downloads."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

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
    page.fill("#id_date", (timezone.localdate() - dt.timedelta(days=1)).isoformat())
    page.fill("#id_participants", "Advisor, project leader, police")
    page.click("#visits button[type=submit]")
    page.wait_for_selector('[data-visit="night"]')
    # The whole checklist of a zone on one page, saved with one button.
    page.click('[data-zone-link="Courtyard"]')
    page.wait_for_selector("#zone-checklist")
    page.fill("#row-NS-03 input[type=number]", "2")
    page.fill("#row-NS-03 input[name$=note]", "Dark passage")
    page.fill("#row-NS-01 input[type=number]", "9")  # outside the scale: nothing is saved
    page.check("#row-AC-01 input[name$=not_applicable]")
    page.click("#save-zone")
    page.wait_for_selector("#form-errors")
    assert Rating.objects.filter(assessment__project=project).count() == 0
    box = page.locator("#row-AC-01 input[name$=not_applicable]").bounding_box()
    label = page.locator("#row-AC-01 label[for$=not_applicable]").bounding_box()
    assert box and label and box["x"] < label["x"]  # the box beside (left of) its label
    page.click('#form-errors a[href="#row-NS-01"]')
    page.fill("#row-NS-01 input[type=number]", "4")
    page.click("#save-zone")
    page.wait_for_selector('[data-saved="NS-03"]')
    assert Rating.objects.filter(assessment__project=project).count() == 3
    page.click("#back-to-check")
    page.wait_for_selector("#red-flags")
    page.wait_for_selector("#low-coverage")
    page.fill("#id_summary", "Dark courtyard passage.")
    page.fill("#id_signed_off_by", "B. Claes")
    page.click("#complete button[type=submit]")
    page.wait_for_selector("#id_accept_low_coverage_error")
    page.check("#id_accept_low_coverage")
    page.click("#complete button[type=submit]")
    page.wait_for_selector("#complete", state="detached")
    assert project.assessments.get().status == "completed"

    with page.expect_download() as download_info:
        page.click('a[data-report="en"]')
    path = download_info.value.path()
    with open(path, "rb") as handle:
        assert handle.read(4) == b"%PDF"
