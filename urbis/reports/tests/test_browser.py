"""Browser journeys on a phone viewport, with axe-core (WCAG 2.1 A/AA rules) run on every
public page: a citizen files a report with a photo and follows it, staff route and resolve it,
the citizen reopens; an officer turns a report into a GAS case."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from urbis.core.testing.browser import login_in_browser
from urbis.reports import services
from urbis.reports.models import Report
from urbis.reports.tests.conftest import file, jpeg_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[3] / "static" / "vendor" / "axe" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def assert_accessible(page: Any) -> None:
    """axe-core on the page as it is now: no WCAG 2.1 A/AA violation. The script is loaded
    from our own static files (the CSP allows 'self' only)."""
    if not AXE.exists():
        pytest.fail("static/vendor/axe/axe.min.js missing: run make install (npm build)")
    # The fixtures' own axe run on load must end first: axe runs one check at a time.
    page.wait_for_function("() => window.__urbisAxe !== undefined")
    page.evaluate("() => window.__urbisAxe")
    if not page.evaluate("() => Boolean(window.axe)"):
        origin = "/".join(page.url.split("/")[:3])
        page.add_script_tag(url=f"{origin}/static/vendor/axe/axe.min.js")
    violations = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))",
        WCAG,
    )
    assert violations == [], f"{page.url}: {violations}"


def test_citizen_files_follows_staff_resolve_citizen_reopens(
    live_server, phone_page, browser_page, categories, teams, public_space, tmp_path
) -> None:
    phone = phone_page
    base = live_server.url
    phone.goto(f"{base}/report/")
    assert_accessible(phone)
    phone.click('[data-category="littering"]')
    phone.wait_for_selector("#id_description")
    assert_accessible(phone)
    phone.locator("#report-map").click(position={"x": 150, "y": 100})
    phone.fill("#id_address", "Bruul 12, 2800 Mechelen")
    phone.fill("#id_description", "Overflowing bin, rubbish on the pavement")
    photo = tmp_path / "bin.jpg"
    photo.write_bytes(jpeg_bytes())
    phone.set_input_files("#id_photos", str(photo))
    phone.fill("#id_email", "an@example.org")
    phone.click("form.report-form button.primary")
    phone.wait_for_selector("[data-status]")
    assert_accessible(phone)
    report = Report.objects.get()
    assert phone.url.endswith(f"/report/{report.token}/")
    assert report.lat is not None and report.photos.count() == 1
    follow_url = phone.url

    staff = browser_page
    login_in_browser(staff, base, "public_space")
    staff.goto(f"{base}/reports/")
    staff.click(f'tr[data-report="{report.pk}"] a')
    staff.select_option("#id_team", str(teams["enforcement"].pk))
    staff.fill("#id_note", "enforcement first")
    staff.click("section[aria-labelledby=assign-title] button")
    staff.wait_for_selector(".messages")
    staff.select_option("#id_status", "resolved")
    staff.fill("#id_text", "The bin was emptied.")
    staff.click("section[aria-labelledby=status-title] button")
    staff.wait_for_selector('[data-status="resolved"]')
    report.refresh_from_db()
    assert report.team == teams["enforcement"] and report.status == "resolved"

    phone.goto(follow_url)
    assert "The bin was emptied." in phone.content()
    assert_accessible(phone)
    phone.fill("section[aria-labelledby=reopen-title] textarea", "Rubbish is back")
    phone.click("[data-reopen]")
    phone.wait_for_selector('[data-status="reopened"]')
    report.refresh_from_db()
    assert report.status == "reopened"

    for path in ("/report/public/", "/report/accessibility/"):
        phone.goto(f"{base}{path}")
        assert_accessible(phone)


def test_officer_turns_a_report_into_a_gas_case(
    live_server, phone_page, categories, teams, ascertainer
) -> None:
    from urbis.sanctions.catalogue_seed import seed_catalogue

    seed_catalogue()
    report = services.report_submit(actor=None, data=file()).report
    services.report_assign(
        actor=None, report=report, team=teams["enforcement"], assignee=ascertainer
    )
    phone = phone_page
    login_in_browser(phone, live_server.url, "ascertainer")
    phone.goto(f"{live_server.url}/reports/field/?lat=51.0286&lon=4.4801")
    phone.click(f'li[data-report="{report.pk}"] a')
    phone.fill("#id_findings", "Two bags of household waste next to the bin")
    phone.check("#id_offence_observed")
    phone.click("main form button")
    phone.wait_for_selector("[data-to-gas]")
    phone.fill("#id_offender_name", "Peeters")
    phone.fill("#id_offender_first_name", "Jan")
    phone.fill("#id_national_number", "85.07.30-033.28")
    phone.click("[data-to-gas]")
    phone.wait_for_selector("[data-gas-case]")
    report.refresh_from_db()
    assert report.gas_case_number.startswith("GAS-")
    assert report.gas_case_number in phone.content()
    assert "85.07.30" not in phone.content()
