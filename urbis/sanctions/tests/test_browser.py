"""Browser journey: an ascertaining officer files a report on a phone (sections, today's
defaults, speed fields only for speeding, the wrong-person question); the sanctioning official
opens the case, downloads the opening letter and the day's print file, records a defence and
decides."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from pypdf import PdfReader

from urbis.core.testing.browser import login_in_browser
from urbis.sanctions.catalogue_seed import seed_catalogue
from urbis.sanctions.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_report_to_decision(
    live_server, phone_page, browser_page, ascertainer, sanctioning_officer
) -> None:
    seed_catalogue()
    today = timezone.localdate()
    facts_on = today - dt.timedelta(days=3)
    phone = phone_page
    login_in_browser(phone, live_server.url, "ascertainer")
    phone.goto(f"{live_server.url}/gas/report/")
    phone.select_option("#id_kind", "municipal")
    phone.fill("#id_reference", "BV/E2E/0001")
    phone.select_option("#id_article_code", "ABP-12")
    phone.fill("#id_offence_at", f"{facts_on.isoformat()}T14:30")
    phone.fill("#id_ascertained_on", facts_on.isoformat())
    phone.fill("#id_received_on", today.isoformat())
    phone.fill("#id_description", "A mattress dumped next to the recycling bins")
    phone.fill("#id_address", "Bruul 5, Mechelen")
    phone.fill("#id_name", "Peeters")
    phone.fill("#id_first_name", "Jan")
    phone.fill("#id_national_number", "85.07.30-033.28")
    phone.fill("#id_street", "Grote Markt 1")
    phone.fill("#id_postcode", "2800")
    phone.fill("#id_city", "Mechelen")
    phone.select_option("#id_language", "nl")
    phone.locator("#report-map").click(position={"x": 120, "y": 80})
    phone.click("main form button.primary")
    phone.wait_for_selector(".messages, [role=status], .message", state="attached")
    case = Case.objects.get(ascertainment__reference="BV/E2E/0001")
    assert case.ascertainment.lat is not None  # the pin tapped on the map

    # A second report: the dates start at today, the form fits the phone, the map comes
    # before the offender, the speed fields only show for a speeding article.
    phone.goto(f"{live_server.url}/gas/report/")
    assert phone.input_value("#id_ascertained_on") == today.isoformat()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    map_box = phone.locator("#report-map").bounding_box()
    offender_box = phone.locator("#section-offender").bounding_box()
    assert map_box and offender_box and map_box["y"] < offender_box["y"]
    assert map_box["height"] < 844 * 0.5
    assert not phone.is_visible("#id_measured_speed")
    phone.select_option("#id_article_code", "SPEED-29Q")
    assert phone.is_visible("#id_measured_speed")
    phone.select_option("#id_article_code", "ABP-12")
    assert not phone.is_visible("#id_measured_speed")
    # The same national number typed with another name: the match is shown, not merged.
    phone.fill("#id_reference", "BV/E2E/0002")
    phone.fill("#id_description", "Bags of waste next to the bins")
    phone.fill("#id_name", "Janssens")
    phone.fill("#id_first_name", "Marie")
    phone.fill("#id_national_number", "85.07.30-033.28")
    phone.click("main form button.primary")
    phone.wait_for_selector(".identity-question")
    assert "Jan Peeters" in phone.inner_text(".identity-question, #id_national_number_error")
    assert not Case.objects.filter(ascertainment__reference="BV/E2E/0002").exists()
    phone.check("#id_same_person")
    phone.click("main form button.primary")
    phone.wait_for_selector('[data-recent="BV/E2E/0002"]')
    second = Case.objects.get(ascertainment__reference="BV/E2E/0002")
    assert second.ascertainment.offender_id == case.ascertainment.offender_id

    page = browser_page
    login_in_browser(page, live_server.url, "sanctioning_officer")
    page.goto(f"{live_server.url}/gas/cases/")
    page.click(f"text={case.number}")
    page.click('button[data-action="send_opening_letter"]')
    page.wait_for_selector('a[data-letter="opening"]')
    with page.expect_download() as download:
        page.click('a[data-letter="opening"]')
    text = " ".join(p.extract_text() for p in PdfReader(download.value.path()).pages)
    assert "BV/E2E/0001" in text and "advocaat" in text

    # The day's letters as one print file.
    page.goto(f"{live_server.url}/gas/letters/")
    with page.expect_download() as batch:
        page.click("a[data-batch-pdf]")
    printed = " ".join(p.extract_text() for p in PdfReader(batch.value.path()).pages)
    assert case.number in printed and "BV/E2E/0001" in printed
    page.goto(f"{live_server.url}/gas/cases/{case.number}/")

    page.fill("#defence #id_text", "Ik was die dag op vakantie.")
    page.click("#defence button.primary")
    page.wait_for_selector('[data-status="defence_received"]')
    page.select_option("#decision #id_action", "decide_fine")
    page.fill("#decision #id_amount", "120")
    page.fill("#decision #id_motivation", "The report and photos establish the facts.")
    page.click("#decision button.primary")
    page.wait_for_selector('[data-status="decided"]')
    case.refresh_from_db()
    assert (case.status, case.outcome, str(case.amount)) == ("decided", "fine", "120.00")
    assert case.letters.filter(kind="decision").exists()
