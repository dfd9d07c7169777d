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
