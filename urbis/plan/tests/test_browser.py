"""Browser journey: the coordinator opens the mechanism matrix, sees a gap, drills into a cell."""

from __future__ import annotations

import pytest

from urbis.core.demo.city import load_core_demo
from urbis.core.testing.browser import login_in_browser
from urbis.plan.demo import load_plan_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_matrix_gap_and_drill_down(live_server, browser_page, coordinator) -> None:
    load_core_demo(None)
    load_plan_demo(None)
    page = browser_page
    login_in_browser(page, live_server.url, "coordinator")
    page.click('.module-card[data-module="plan"] a')
    page.click(
        "text=Mechanism matrix"
        if page.locator("text=Mechanism matrix").count()
        else "text=Mechanismenmatrix"
    )
    page.wait_for_selector("table.matrix")
    assert page.locator('td.gap[data-cell="burglary:DETER"]').count() == 1
    page.click('td[data-cell="burglary:PROTECT"] a')
    page.wait_for_selector("#drill")
    assert "Near-repeat letters after a burglary" in page.locator("#drill").inner_text()
