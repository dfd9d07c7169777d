"""Key journey in a real browser: log in, dashboard, switch to French, map with neighbourhoods."""

from __future__ import annotations

import pytest
from django.test import override_settings

from urbis.core.testing.browser import login_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@override_settings(URBIS_MAP_TILE_URL="")
def test_login_dashboard_french_map(live_server, browser_page, coordinator) -> None:
    from urbis.core.demo.city import load_core_demo

    load_core_demo(None)
    page = browser_page
    login_in_browser(page, live_server.url, "coordinator")
    assert page.locator("h1").inner_text().startswith("Welkom")  # Dutch by default
    assert page.locator('.module-card[data-module="map"]').count() == 1

    page.select_option("#language-select", "fr")
    page.wait_for_load_state("load")
    page.wait_for_function("document.documentElement.lang === 'fr'")
    assert "Tableau de bord" in page.locator("#main-nav").inner_text()

    page.click('#main-nav a[data-module="map"]')
    page.wait_for_selector("[data-map][data-features]")
    assert page.locator("h1").inner_text() == "Carte de la ville"
    features = int(page.locator("[data-map]").get_attribute("data-features") or 0)
    assert features == 45  # 9 sample neighbourhoods + 36 statistical sectors
    assert page.locator("path.leaflet-interactive").count() == 45


def test_axe_watch_names_serious_violations(live_server, _browser) -> None:
    """The hook every journey runs under: a page with an image without a text alternative
    (axe ``image-alt``, critical) and a serious contrast failure is reported by name."""
    from urbis.core.testing.browser import AxeWatch

    context = _browser.new_context()
    watch = AxeWatch(context)
    page = context.new_page()
    body = (
        "<!DOCTYPE html><html lang='en'><head><title>axe self-test</title></head><body><main>"
        "<h1>Self-test</h1><img src='/static/favicon.svg'>"
        "<p style='color:#eee;background:#fff'>Pale text</p></main></body></html>"
    )
    page.route(
        f"{live_server.url}/axe-selftest/",
        lambda route: route.fulfill(status=200, content_type="text/html", body=body),
    )
    try:
        page.goto(f"{live_server.url}/axe-selftest/")
        with pytest.raises(pytest.fail.Exception) as failure:
            watch.finish([page])
        message = str(failure.value)
        assert "/axe-selftest/: image-alt (critical)" in message
        assert "color-contrast (serious)" in message
        assert watch.checked == ["/axe-selftest/"]
    finally:
        context.close()
