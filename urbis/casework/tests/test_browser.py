"""Browser journey: a case director opens a Veilig Huis (FJC) case, adds a participant, records
a meeting; the partner discloses with a secrecy class; the sheet is issued with everyone's
consent — and the secret item stays out of it."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from urbis.casework.models import Case, FeedbackSheet
from urbis.core.testing.browser import login_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open(page: Any, summary_of: str) -> None:
    page.click(f"{summary_of} > summary")


def test_fjc_case_to_issued_feedback_sheet(
    live_server: Any, browser_page: Any, _browser: Any, tables: Any, director: Any, partner: Any
) -> None:
    table = tables["veilig-huis"]
    table.feedback_sheets = True  # configured data: this table reports back to the police
    table.save()
    page = browser_page
    login_in_browser(page, live_server.url, "director")
    page.goto(f"{live_server.url}/casework/new/")
    page.select_option("#id_table", str(table.pk))
    page.select_option("#id_risk_level", "high")
    page.fill("#id_referrer", "Police zone")
    page.click("#case-form button.primary")
    page.wait_for_selector("#participants")
    case = Case.objects.get()
    assert case.approach == "fast_action"

    page.select_option("#form-participant select[name=user]", str(partner.pk))
    page.click("#form-participant button")
    page.wait_for_selector("#participants >> text=Paul Partner")

    _open(page, "#meeting-details")
    page.fill("#form-meeting input[name=held_on]", timezone.localdate().isoformat())
    page.check(f"#form-meeting input[name=attendees][value='{director.pk}']")
    page.check(f"#form-meeting input[name=attendees][value='{partner.pk}']")
    page.fill("#form-meeting textarea[name=decisions]", "Safety plan; report back to the police.")
    page.click("#form-meeting button")
    page.wait_for_selector("#meetings >> text=Safety plan")

    other = _browser.new_context(viewport={"width": 1280, "height": 900}, locale="en")
    partner_page = other.new_page()
    partner_page.set_default_timeout(15000)
    login_in_browser(partner_page, live_server.url, "partner1")
    partner_page.goto(f"{live_server.url}/casework/cases/{case.pk}/")
    for klass, text in (
        ("secret", "Relapse confided to the CAW"),
        ("shareable", "Attends the CAW weekly"),
    ):
        _open(partner_page, "#disclosure-details")
        partner_page.select_option("#form-disclosure select[name=secrecy_class]", klass)
        partner_page.fill("#form-disclosure textarea[name=summary]", text)
        if klass == "secret":
            partner_page.check(f"#form-disclosure input[name=audience][value='{director.pk}']")
        partner_page.click("#form-disclosure button")
        partner_page.wait_for_selector(f"#disclosures >> text={text}")

    page.reload()
    assert "Relapse confided" in page.inner_text("#disclosures")  # the chosen audience
    _open(page, "#sheet-details")
    page.select_option("#form-sheet select[name=meeting]", index=1)
    page.fill("#form-sheet textarea[name=content]", "The family is followed by the CAW.")
    page.click("#form-sheet button")
    page.wait_for_selector("#sheets .sheet-consent")
    page.click("#sheets .sheet-consent")
    page.wait_for_selector("#sheets .sheet-issue")
    page.click("#sheets .sheet-issue")  # refused: the partner has not consented yet
    page.wait_for_selector(".messages")
    sheet = FeedbackSheet.objects.get()
    assert sheet.status == "draft"

    partner_page.goto(f"{live_server.url}/casework/cases/{case.pk}/")
    partner_page.click("#sheets .sheet-consent")
    partner_page.wait_for_selector(".messages")
    page.goto(f"{live_server.url}/casework/cases/{case.pk}/")
    page.click("#sheets .sheet-issue")
    page.wait_for_selector(".messages")
    sheet.refresh_from_db()
    assert sheet.status == "issued"
    assert not sheet.items.filter(secrecy_class="secret").exists()
    other.close()
