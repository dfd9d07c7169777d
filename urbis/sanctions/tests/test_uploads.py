"""Defence attachments go through the checked upload path (issue 10, defect 9)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from urbis.core.testing.fixtures import verified_client
from urbis.sanctions.models import Defence
from urbis.sanctions.tests.test_guards import new_case, step

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def _post_defence(user, case, upload):  # type: ignore[no-untyped-def]
    with time_machine.travel("2026-03-09 10:00", tick=False):
        return verified_client(user).post(
            reverse("sanctions:case_defence", kwargs={"number": case.number}),
            {
                "received_on": "2026-03-09",
                "channel": "email",
                "text": "Not me",
                "attachment": upload,
            },
            follow=True,
        )


@pytest.fixture
def opened_case(catalogue, ascertainer, gas_staff):  # type: ignore[no-untyped-def]
    case = new_case(ascertainer)
    return step(case, "send_opening_letter", gas_staff, dt.date(2026, 3, 6))


def test_an_executable_defence_attachment_is_refused(opened_case, gas_staff) -> None:  # type: ignore[no-untyped-def]
    response = _post_defence(gas_staff, opened_case, SimpleUploadedFile("evil.exe", b"MZ" * 100))
    assert response.status_code == 200
    assert not Defence.objects.filter(case=opened_case).exists()
    assert b"Only PDF documents" in response.content
    opened_case.refresh_from_db()
    assert opened_case.status != "defence_received"


def test_an_oversized_defence_attachment_is_refused(opened_case, gas_staff, settings) -> None:  # type: ignore[no-untyped-def]
    settings.URBIS_MAX_DOCUMENT_BYTES = 1024
    big = SimpleUploadedFile("defence.pdf", PDF + b"0" * 4096)
    _post_defence(gas_staff, opened_case, big)
    assert not Defence.objects.filter(case=opened_case).exists()


def test_a_pdf_defence_attachment_is_stored_under_a_random_name(opened_case, gas_staff) -> None:  # type: ignore[no-untyped-def]
    _post_defence(gas_staff, opened_case, SimpleUploadedFile("mijn verweer.pdf", PDF))
    defence = Defence.objects.get(case=opened_case)
    assert defence.attachment.name.startswith("gas/defences/")
    assert defence.attachment.name.endswith(".pdf") and "verweer" not in defence.attachment.name
    assert defence.attachment.read() == PDF
