"""Issue 15 in a real browser: on /cpted/flow/ every line of the triage diagram lies inside its
box as rendered (the font's real glyph widths), and no two boxes overlap."""

from __future__ import annotations

import pytest

from urbis.core.testing.browser import login_in_browser
from urbis.cpted import services
from urbis.cpted.models import TriageFlow
from urbis.cpted.triage import default_flow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEASURE = """() => {
  const selector = '#diagram g[data-question], #diagram g[data-outcome]';
  const boxes = [...document.querySelectorAll(selector)];
  const problems = [];
  const rects = boxes.map(g => g.querySelector('rect').getBBox());
  boxes.forEach((g, i) => {
    const r = rects[i];
    for (const t of g.querySelectorAll('text')) {
      const b = t.getBBox();
      if (b.x < r.x || b.x + b.width > r.x + r.width
          || b.y < r.y || b.y + b.height > r.y + r.height)
        problems.push('text outside its box: ' + t.textContent);
    }
    rects.slice(i + 1).forEach((o, j) => {
      if (r.x < o.x + o.width && o.x < r.x + r.width
          && r.y < o.y + o.height && o.y < r.y + r.height)
        problems.push('boxes overlap: ' + i + ' and ' + (i + j + 1));
    });
  });
  return {count: boxes.length, problems};
}"""


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_diagram_lines_fit_their_boxes(live_server, browser_page, planner, language) -> None:  # type: ignore[no-untyped-def]
    if not TriageFlow.objects.exists():
        services.flow_save(actor=None, document=default_flow(), version="test-1")
    planner.preferred_language = language
    planner.save()
    page = browser_page
    login_in_browser(page, live_server.url, "planner")
    page.goto(f"{live_server.url}/cpted/flow/")
    page.wait_for_selector("#diagram svg")
    result = page.evaluate(MEASURE)
    assert result["count"] == len(default_flow()["questions"]) + 4
    assert result["problems"] == []
    assert page.locator("#diagram svg").get_attribute("aria-labelledby") == "flow-diagram-title"
