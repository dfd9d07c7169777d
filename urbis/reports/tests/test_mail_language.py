"""Mails to citizens are written in the language the citizen used, not in the language of the
staff member who acts; a reporter's private follow link goes to that reporter only."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from urbis.core.testing.fixtures import verified_client
from urbis.reports.models import Report

pytestmark = pytest.mark.django_db

FORM = {
    "lat": "51.0286",
    "lon": "4.4801",
    "address": "Bruul 12",
    "description": "Poubelle pleine",
    "email": "fr@example.org",
    "submission": "lang-1",
    "confirm_new": "1",
}


def _mails_to(address: str) -> list[mail.EmailMessage]:
    return [m for m in mail.outbox if address in m.to]


def test_web_reporter_is_mailed_in_their_language_whatever_the_staff_speaks(
    categories, public_space, django_capture_on_commit_callbacks
) -> None:
    citizen = Client(HTTP_ACCEPT_LANGUAGE="fr")
    with django_capture_on_commit_callbacks(execute=True):
        filed = citizen.post("/report/new/littering/", FORM)
    assert filed.status_code == 302
    report = Report.objects.get()
    (follow_mail,) = _mails_to("fr@example.org")
    assert follow_mail.subject.startswith("Votre signalement") and report.token in follow_mail.body

    staff = verified_client(public_space)
    staff.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moved = staff.post(f"/reports/{report.pk}/status/", {"status": "in_progress"})
    assert moved.status_code == 302
    (status_mail,) = _mails_to("fr@example.org")
    assert status_mail.subject.startswith("Signalement"), status_mail.subject
    assert "Melding" not in status_mail.subject + status_mail.body


def test_merge_tells_both_in_their_languages_without_sharing_the_follow_link(
    categories, public_space, django_capture_on_commit_callbacks
) -> None:
    Client(HTTP_ACCEPT_LANGUAGE="fr").post("/report/new/littering/", FORM)
    original = Report.objects.get()
    Client(HTTP_ACCEPT_LANGUAGE="nl").post(
        "/report/new/littering/",
        {**FORM, "email": "nl@example.org", "submission": "lang-2", "description": "Vuilbak"},
    )
    duplicate = Report.objects.exclude(pk=original.pk).get()
    neighbour = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert (
        neighbour.post(f"/report/join/{original.pk}/", {"email": "en@example.org"}).status_code
        == 200
    )

    staff = verified_client(public_space)
    staff.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        merged = staff.post(
            f"/reports/{duplicate.pk}/status/",
            {"status": "duplicate", "duplicate_of": original.pk, "text": ""},
        )
    assert merged.status_code == 302, merged.content.decode()[:2000]
    duplicate.refresh_from_db()
    assert duplicate.duplicate_of == original
    (to_original,) = _mails_to("fr@example.org")
    assert to_original.subject.startswith("Signalement")
    (to_duplicate,) = _mails_to("nl@example.org")
    assert to_duplicate.subject.startswith("Melding")
    assert duplicate.token in to_duplicate.body
    assert original.token not in to_duplicate.body  # the original's link is its filer's secret
    (to_neighbour,) = _mails_to("en@example.org")
    assert to_neighbour.subject.startswith("Report") and original.token not in to_neighbour.body

    # the duplicate's own follow page shows the original's progress, no one's name
    page = Client().get(f"/report/{duplicate.token}/").content.decode()
    assert f'data-original-status="{original.status}"' in page
    assert "fr@example.org" not in page


def test_desk_mails_the_caller_in_the_language_chosen(
    categories, public_space, django_capture_on_commit_callbacks
) -> None:
    staff = verified_client(public_space)
    staff.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    call = {
        "address": "Bruul 12",
        "description": "Zakken aan de kerk",
        "attribute_volume": "van",
        "email": "caller@example.org",
        "caller_language": "fr",
        "submission": "desk-fr",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post("/reports/desk/?category=illegal-dumping", call)
    assert response.status_code == 302
    (desk_mail,) = _mails_to("caller@example.org")
    assert desk_mail.subject.startswith("Votre signalement")
