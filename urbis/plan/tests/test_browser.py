"""Browser journey: the coordinator opens the mechanism matrix, sees a gap, drills into a cell."""

from __future__ import annotations

import pytest
from django.utils import timezone

from urbis.core.testing.browser import login_in_browser
from urbis.plan.models import Plan
from urbis.plan.tests.factories import INDICATOR, INDICATOR_NAME, LETTERS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_matrix_gap_and_drill_down(live_server, browser_page, coordinator, small_plan) -> None:
    page = browser_page
    login_in_browser(page, live_server.url, "coordinator")
    page.click('.module-card[data-module="plan"] a')
    page.click("text=Mechanismenmatrix")  # the browser asks for Dutch (nl-BE)
    page.wait_for_selector("table.matrix")
    assert page.locator('td.gap[data-cell="burglary:DETER"]').count() == 1
    page.click('td[data-cell="burglary:PROTECT"] a')
    page.wait_for_selector("#drill")
    assert LETTERS in page.locator("#drill").inner_text()


def test_coordinator_adds_action_records_measurement_and_downloads_report(
    live_server, browser_page, coordinator, small_plan: Plan
) -> None:
    """The issue's journey: an action tagged with two mechanisms fills a gap in the matrix,
    a measurement shows on the indicators page, and the yearly report downloads."""
    from pypdf import PdfReader

    from urbis.plan.models import Objective, ObjectiveLevel

    plan = small_plan
    objective = Objective.objects.filter(
        level=ObjectiveLevel.OPERATIONAL, priority__phenomenon__code="burglary"
    ).first()
    page = browser_page
    login_in_browser(page, live_server.url, "coordinator")
    page.goto(f"{live_server.url}/plan/{plan.pk}/")
    page.click(f'a[href="/plan/objectives/{objective.pk}/add-action/"]')
    page.fill("#id_title", "Street watch walks in burglary hotspots")
    page.select_option("#id_owner", index=1)
    page.fill("#id_budget", "2500")
    page.check('input[name="mechanisms"][value="DETER"]')
    page.check('input[name="mechanisms"][value="DISRUPT"]')
    page.fill("#id_rationale", "Visible presence and more eyes on the street")
    page.click("main form button.primary")
    page.wait_for_selector("text=Street watch walks in burglary hotspots")

    page.goto(f"{live_server.url}/plan/{plan.pk}/matrix/")
    page.wait_for_selector("table.matrix")
    assert page.locator('td.gap[data-cell="burglary:DETER"]').count() == 0
    assert page.locator('td.filled[data-cell="burglary:DETER"]').count() == 1

    year = timezone.localdate().year
    page.goto(f"{live_server.url}/plan/{plan.pk}/indicators/")
    page.select_option("#id_indicator_choice", label=f"{INDICATOR} {INDICATOR_NAME}")
    page.fill("#id_period_start", f"{year}-01-01")
    page.fill("#id_period_end", f"{year}-06-30")
    page.fill("#id_value", "3.9")
    page.fill("#id_source", "Mid-year pulse survey")
    page.click("main form button.primary")
    row = page.locator(f'tr[data-indicator="{INDICATOR}"]')
    row.wait_for()
    assert "3,9" in row.inner_text()  # the browser's page is Dutch

    with page.expect_download() as download_info:
        page.click('a[href$=".pdf"]')
    path = download_info.value.path()
    text = " ".join(p.extract_text() for p in PdfReader(str(path)).pages)
    assert INDICATOR in text and "3,9" in text  # the report in the page's language
