"""The layout a city's staff sees at a desktop width (issue 15, forms and pages), asserted as
geometry in a real browser: a checkbox left of its label, one active navigation item, no
horizontal scrolling at 1366 px on the Bjørgo matrix and the mayor's dashboard, the
dashboard's charts drawn, the filter of a long checkbox list and the error summary."""

from __future__ import annotations

from typing import Any

import pytest

from urbis.core.testing.browser import login_in_browser
from urbis.plan.models import Action, Objective, ObjectiveLevel, Plan
from urbis.plan.tests.factories import INDICATOR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDE = {"width": 1366, "height": 768}
NO_HORIZONTAL_SCROLL = """() => {
  const page = document.documentElement.scrollWidth <= document.documentElement.clientWidth;
  const boxes = [...document.querySelectorAll('.scroll')].every(
    (box) => box.scrollWidth <= box.clientWidth);
  return page && boxes;
}"""


def _box(page: Any, selector: str) -> dict[str, float]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box


TEXT_BOX = """(selector) => {
  const label = document.querySelector(selector);
  const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let node, first = null, last = null;
  while ((node = walker.nextNode())) {
    if (node.textContent.trim()) { first = first || node; last = node; }
  }
  range.setStart(first, 0);
  range.setEnd(last, last.textContent.length);
  const r = range.getBoundingClientRect();
  return { x: r.x, y: r.y, width: r.width, height: r.height };
}"""


def _text_box(page: Any, selector: str) -> dict[str, float]:
    """Where a label's words are (a choice's label wraps its own checkbox)."""
    return page.evaluate(TEXT_BOX, selector)


def _beside(check: dict[str, float], label: dict[str, float]) -> bool:
    """The box ends left of where the label starts, on the label's first line."""
    centre = check["y"] + check["height"] / 2
    return check["x"] + check["width"] <= label["x"] and label["y"] <= centre <= label["y"] + 40


def _active_nav(page: Any) -> list[str]:
    return page.locator("#main-nav a[aria-current=page]").evaluate_all(
        "(links) => links.map((link) => link.dataset.module || 'dashboard')"
    )


@pytest.fixture
def plan_page(live_server, browser_page, coordinator, small_plan: Plan) -> tuple[Any, str, Plan]:
    browser_page.set_viewport_size(WIDE)
    login_in_browser(browser_page, live_server.url, "coordinator")
    return browser_page, live_server.url, small_plan


def test_dashboard_and_matrix_fit_1366_with_one_active_item(plan_page) -> None:
    page, base, plan = plan_page
    page.goto(f"{base}/plan/{plan.pk}/dashboard/")
    page.wait_for_selector(f'[data-indicator="{INDICATOR}"] canvas[data-rendered="true"]')
    assert _active_nav(page) == ["plan"]
    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    card = page.locator(f'[data-indicator="{INDICATOR}"]').inner_text()
    assert "4,6" in card and "4,5" in card and "9" in card  # value, target, national benchmark
    assert "geen gegevens" not in card.lower()  # a value is data, even without this year's target

    page.goto(f"{base}/plan/{plan.pk}/matrix/")
    page.wait_for_selector("table.matrix")
    assert _active_nav(page) == ["plan"]
    assert page.evaluate(NO_HORIZONTAL_SCROLL)
    last = _box(page, "table.matrix thead th:last-child")
    assert last["x"] + last["width"] <= WIDE["width"]

    page.goto(f"{base}/plan/survey/")
    assert _active_nav(page) == ["survey"]
    page.goto(f"{base}/")
    assert _active_nav(page) == ["dashboard"]


def test_checkboxes_beside_labels_filter_and_error_summary(plan_page) -> None:
    page, base, plan = plan_page
    action = Action.objects.filter(objective__priority__plan=plan).first()
    page.goto(f"{base}/plan/actions/{action.pk}/")
    assert _beside(_box(page, "#id_positive"), _text_box(page, 'label[for="id_positive"]'))

    objective = Objective.objects.filter(
        level=ObjectiveLevel.OPERATIONAL, priority__plan=plan
    ).first()
    page.goto(f"{base}/plan/objectives/{objective.pk}/add-action/")
    for choice in ("#id_mechanisms_0", "#id_areas_0", "#id_implementers_0"):
        label = f'label[for="{choice[1:]}"]'
        assert _beside(_box(page, choice), _text_box(page, label)), choice
    options = page.locator("#id_areas label")
    total = options.count()
    page.fill("#id_areas_filter", "nekker")
    visible = [label for label in options.all() if label.is_visible()]
    assert 0 < len(visible) < total
    assert all("nekker" in label.inner_text().lower() for label in visible)

    page.click("main form button.primary")  # nothing filled in
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert page.evaluate("() => document.activeElement.dataset.errorSummary !== undefined")
    summary.locator('a[href="#id_title"]').click()
    assert page.evaluate("() => document.activeElement.id") == "id_title"
