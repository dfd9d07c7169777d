"""Browser journeys of the administrator (invite, set password, deactivate, import areas), the
forgotten password, and the pages axe-core found problems on (issue 15). axe-core runs on every
page through the browser fixtures (urbis/core/testing/browser.py)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.core import mail
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from urbis.core.models import Area, AuditEvent, User
from urbis.core.testing.browser import login_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-test-password-1"


def login_with_code(page: Any, base: str, user: User) -> None:
    """Log in as a user whose role needs two-factor authentication (a confirmed TOTP device)."""
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    page.goto(f"{base}/account/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_selector("#id_token")
    page.fill("#id_token", f"{totp(device.bin_key):06d}")
    page.click("button[type=submit].primary")
    page.wait_for_url(f"{base}/")


def link_in(message: Any, base: str) -> str:
    match = re.search(r"https?://[^/\s]+(/account/password/reset/\S+/)", message.body)
    assert match, message.body
    return base + match.group(1)


def feature(code: str, kind: str = "neighbourhood") -> dict[str, Any]:
    ring = [[4.47, 51.02], [4.48, 51.02], [4.48, 51.03], [4.47, 51.03], [4.47, 51.02]]
    return {
        "type": "Feature",
        "geometry": {"type": "Polygon", "coordinates": [ring]},
        "properties": {"code": code, "name": f"Wijk {code}", "kind": kind},
    }


def test_admin_invites_the_user_sets_a_password_admin_deactivates_and_imports_areas(
    live_server, browser_page, phone_page, admin_user, tmp_path
) -> None:
    base, page = live_server.url, browser_page
    login_with_code(page, base, admin_user)
    page.click('#main-nav a[href="/manage/"]')
    page.wait_for_selector("tr[data-account]")
    page.goto(f"{base}/manage/users/invite/")
    page.fill("#id_username", "nora")
    page.fill("#id_first_name", "Nora")
    page.fill("#id_last_name", "Peeters")
    page.fill("#id_email", "nora@example.org")
    page.check('input[name=roles][value="analyst"]')
    page.select_option("#id_language", "nl")
    page.click("main form button.primary")
    page.wait_for_selector("[data-action=deactivate]")
    nora = User.objects.get(username="nora")
    (invitation,) = mail.outbox

    newcomer = phone_page
    newcomer.goto(link_in(invitation, base))
    newcomer.fill("#id_new_password1", "Kapucijnen-2800!")
    newcomer.fill("#id_new_password2", "Kapucijnen-2800!")
    newcomer.click("main form button.primary")
    newcomer.wait_for_selector("[data-reset-complete]")
    login_in_browser(newcomer, base, "nora", "Kapucijnen-2800!")
    assert newcomer.locator('[data-home="due"]').count() == 1

    page.click("[data-action=deactivate]")
    page.wait_for_selector("[data-action=reactivate]")
    assert page.locator("[data-deactivated]").count() == 1
    newcomer.goto(f"{base}/")
    assert "/account/login/" in newcomer.url  # the session ended with the account
    nora.refresh_from_db()
    assert not nora.is_active

    bad = tmp_path / "bad.geojson"
    bad.write_text(
        json.dumps(
            {"type": "FeatureCollection", "features": [feature("W1"), feature("W2", "galaxy")]}
        )
    )
    page.goto(f"{base}/manage/areas/")
    page.set_input_files("#id_file", str(bad))
    page.click("main form button.primary")
    page.wait_for_selector("[data-rejections]")
    assert "Feature 2" in page.locator("[data-rejections]").inner_text()
    assert not Area.objects.exists()
    good = tmp_path / "good.geojson"
    good.write_text(
        json.dumps({"type": "FeatureCollection", "features": [feature("W1"), feature("W2")]})
    )
    page.set_input_files("#id_file", str(good))
    page.click("main form button.primary")
    page.wait_for_selector(".messages")
    assert set(Area.objects.values_list("code", flat=True)) == {"W1", "W2"}
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"user.invited", "user.password_reset", "user.deactivated", "areas.imported"} <= actions


def test_forgotten_password_reset_by_mail_once(live_server, browser_page, make_user) -> None:
    base, page = live_server.url, browser_page
    make_user("analyst", username="ana", email="ana@example.org")
    page.goto(f"{base}/account/login/")
    page.click('a[href="/account/password/reset/"]')
    page.fill("#id_email", "ana@example.org")
    page.click("main form button.primary")
    page.wait_for_selector("[data-reset-sent]")
    (message,) = mail.outbox
    link = link_in(message, base)
    page.goto(link)
    page.fill("#id_new_password1", "Dijle-Mechelen-42")
    page.fill("#id_new_password2", "Dijle-Mechelen-42")
    page.click("main form button.primary")
    page.wait_for_selector("[data-reset-complete]")
    login_in_browser(page, base, "ana", "Dijle-Mechelen-42")
    page.goto(link)
    page.wait_for_selector("[data-invalid-link]")  # single use


@override_settings(URBIS_MAP_TILE_URL="/static/no-tiles/{z}/{x}/{y}.png")
def test_pages_axe_found_problems_on(live_server, browser_page, phone_page, make_user) -> None:
    """/gas/report/ (a link in text told apart by colour only: the map attribution) and
    /cpted/flow/ (the diagram without a text alternative): the fixtures' axe check covers them."""
    make_user("ascertainer", username="officer")
    make_user("coordinator", username="coord")
    login_in_browser(phone_page, live_server.url, "officer")
    phone_page.goto(f"{live_server.url}/gas/report/")
    phone_page.wait_for_selector(".leaflet-control-attribution a")
    login_in_browser(browser_page, live_server.url, "coord")
    browser_page.goto(f"{live_server.url}/cpted/flow/")
    browser_page.wait_for_selector("svg.flow-diagram title", state="attached")
