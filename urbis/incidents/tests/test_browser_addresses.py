"""Browser journey on the address page (/incidents/addresses/): the analyst uploads the
address register, sees what was imported and each rejected row with its line and reason, and
a re-import of the same file changes nothing."""

from __future__ import annotations

import pytest

from urbis.core.testing.browser import login_in_browser
from urbis.incidents.models import AddressPoint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REGISTER = (
    "street,number,box,postcode,municipality,lat,lon\n"
    "Hoogstraat,5,,2800,Mechelen,51.0301,4.4701\n"
    "Hoogstraat,7,b1,2800,Mechelen,51.0302,4.4703\n"
    "Lange Schipstraat,20,,2800,Mechelen,51.0305,4.4708\n"
    "Nergensstraat,1,,2800,Mechelen,48.0000,2.0000\n"
)


def test_analyst_imports_the_address_register(live_server, browser_page, city, analyst, tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / "adressen.csv"
    path.write_text(REGISTER)
    page = browser_page
    login_in_browser(page, live_server.url, "analyst")
    page.goto(f"{live_server.url}/incidents/addresses/")
    assert page.get_attribute("[data-address-count]", "data-address-count") == "0"
    page.set_input_files("#id_file", str(path))
    page.click("button[type=submit].primary")
    page.wait_for_selector("[data-address-summary]", timeout=60_000)
    summary = page.locator("[data-address-summary]")
    assert (summary.get_attribute("data-new"), summary.get_attribute("data-rejected")) == ("3", "1")
    # The fifth line of the file (the header is line 1), with its reason in the page's language.
    reason = page.locator('[data-rejected-line="5"] td').nth(1).inner_text()
    assert reason.strip()
    assert AddressPoint.objects.count() == 3
    assert page.get_attribute("[data-address-count]", "data-address-count") == "3"

    page.set_input_files("#id_file", str(path))
    page.click("button[type=submit].primary")
    page.wait_for_selector("[data-address-summary]", timeout=60_000)
    again = page.locator("[data-address-summary]")
    assert (again.get_attribute("data-new"), again.get_attribute("data-unchanged")) == ("0", "3")
    assert AddressPoint.objects.count() == 3
