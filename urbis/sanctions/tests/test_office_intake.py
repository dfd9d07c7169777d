"""The GAS office at work, intake side: a valid national number of someone on file under
another name is never merged silently (form, API, bulk import); the field form's defaults,
the photo kept after a refusal and the officer's recent reports."""

from __future__ import annotations

import datetime as dt
import io
import os

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from rest_framework.authtoken.models import Token

from urbis.core.models import AccessLogEntry
from urbis.core.nightly import run_job
from urbis.core.testing.fixtures import verified_client
from urbis.sanctions.models import Case, Offender
from urbis.sanctions.services.intake import ascertainment_create, ascertainments_import, pending
from urbis.sanctions.services.intake.pending import pending_photos_purge
from urbis.sanctions.tests.conftest import adult, report

pytestmark = pytest.mark.django_db

NOW = "2026-09-05 10:00"


def _on_file(gas_staff) -> Case:  # type: ignore[no-untyped-def]
    """Jan Peeters, 85.07.30-033.28, with one case already."""
    return ascertainment_create(actor=gas_staff, data=report(reference="BV/OLD/1")).case


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "kind": "municipal",
        "reference": "BV/2026/0300",
        "article_code": "ABP-12",
        "offence_at": "2026-09-01T14:30",
        "ascertained_on": "2026-09-01",
        "received_on": "2026-09-03",
        "description": "Dumping",
        "offender_kind": "natural",
        "name": "Janssens",
        "first_name": "Marie",
        "national_number": "85.07.30-033.28",
        "language": "nl",
    }
    data.update(overrides)
    return data


def _photo() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="JPEG")
    buffer.seek(0)
    buffer.name = "evidence.jpg"
    return buffer


@time_machine.travel(NOW, tick=False)
def test_the_form_asks_before_attaching_a_report_to_someone_else(catalogue, gas_staff) -> None:
    _on_file(gas_staff)
    client = verified_client(gas_staff)
    asked = client.post(reverse("sanctions:file_report"), _form())
    assert asked.status_code == 400
    html = asked.content.decode()
    # The match is shown with the stored name, and the explicit choice is offered.
    assert "belongs to Jan Peeters (born 30/07/1985)" in html and "not to Marie Janssens" in html
    assert 'name="same_person"' in html
    assert Case.objects.count() == 1
    assert AccessLogEntry.objects.filter(purpose="gas.identity_match").exists()
    # Correcting the number: a new person, no question.
    corrected = client.post(
        reverse("sanctions:file_report"), _form(national_number="90.02.01-123.05")
    )
    assert corrected.status_code == 302
    assert Case.objects.get(
        ascertainment__reference="BV/2026/0300"
    ).ascertainment.offender.name == ("Janssens")


@time_machine.travel(NOW, tick=False)
def test_the_form_attaches_to_the_person_on_file_when_confirmed(catalogue, gas_staff) -> None:
    old = _on_file(gas_staff)
    client = verified_client(gas_staff)
    first = client.post(reverse("sanctions:file_report"), _form())
    assert 'name="same_person"' not in _form() and first.status_code == 400
    confirmed = client.post(reverse("sanctions:file_report"), _form(same_person="on"))
    assert confirmed.status_code == 302
    case = Case.objects.get(ascertainment__reference="BV/2026/0300")
    assert case.ascertainment.offender == old.ascertainment.offender
    assert Offender.objects.count() == 1


@time_machine.travel(NOW, tick=False)
def test_the_same_name_written_otherwise_is_no_question(catalogue, gas_staff) -> None:
    old = _on_file(gas_staff)
    response = verified_client(gas_staff).post(
        reverse("sanctions:file_report"), _form(name="PEETERS", first_name="")
    )
    assert response.status_code == 302
    case = Case.objects.get(ascertainment__reference="BV/2026/0300")
    assert case.ascertainment.offender == old.ascertainment.offender


@time_machine.travel(NOW, tick=False)
def test_the_api_refuses_a_silent_merge_and_accepts_the_confirmation(
    catalogue, gas_staff, ascertainer
) -> None:
    old = _on_file(gas_staff)
    client = verified_client(ascertainer)
    token, _created = Token.objects.get_or_create(user=ascertainer)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    body = {
        "kind": "municipal",
        "reference": "BV/API/1",
        "article_code": "ABP-12",
        "offence_at": "2026-09-01T14:30:00+02:00",
        "ascertained_on": "2026-09-01",
        "received_on": "2026-09-03",
        "description": "Dumping",
        "offender": {
            "kind": "natural",
            "name": "Janssens",
            "first_name": "Marie",
            "national_number": "85073003328",
        },
    }
    url = "/api/v1/gas/ascertainments/"
    refused = client.post(url, body, content_type="application/json")
    assert refused.status_code == 400
    assert "belongs to Jan Peeters" in refused.content.decode()
    assert not Case.objects.filter(ascertainment__reference="BV/API/1").exists()
    body["offender"]["same_person"] = True  # type: ignore[index]
    accepted = client.post(url, body, content_type="application/json")
    assert accepted.status_code == 201
    case = Case.objects.get(ascertainment__reference="BV/API/1")
    assert case.ascertainment.offender == old.ascertainment.offender


BULK = (
    "kind;reference;article;offence_at;ascertained_on;received_on;name;first_name;"
    "national_number;birth_date;same_person\n"
    "municipal;B1;ABP-12;2026-09-01T10:00;2026-09-01;2026-09-02;Janssens;Marie;85073003328;;\n"
    "municipal;B2;ABP-12;2026-09-01T10:00;2026-09-01;2026-09-02;Janssens;Marie;85073003328;;ja\n"
    "municipal;B3;ABP-12;2026-09-01T10:00;2026-09-01;2026-09-02;Claes;Els;;1990-04-02;\n"
)


@time_machine.travel(NOW, tick=False)
def test_the_bulk_import_names_the_person_on_file_and_takes_a_birth_date(
    catalogue, gas_staff
) -> None:
    old = _on_file(gas_staff)
    report_ = ascertainments_import(actor=gas_staff, content=BULK.encode())
    assert not report_.imported
    assert [line for line, _reason in report_.rejected] == [2]
    reason = report_.rejected[0][1]
    assert "national_number: " in reason and "belongs to Jan Peeters" in reason
    assert "offender." not in reason
    done = ascertainments_import(actor=gas_staff, content=BULK.encode(), import_valid=True)
    assert done.imported and len(done.created) == 2
    confirmed = Case.objects.get(ascertainment__reference="B2")
    assert confirmed.ascertainment.offender == old.ascertainment.offender
    # A natural person without national number, identified by the date of birth.
    claes = Case.objects.get(ascertainment__reference="B3").ascertainment.offender
    assert (claes.name, claes.birth_date) == ("Claes", dt.date(1990, 4, 2))


@time_machine.travel(NOW, tick=False)
def test_the_field_form_starts_with_today_and_lists_my_reports(catalogue, ascertainer) -> None:
    client = verified_client(ascertainer)
    page = client.get(reverse("sanctions:file_report"))
    html = page.content.decode()
    assert 'value="2026-09-05T10:00"' in html  # now, Brussels time
    assert 'name="ascertained_on" value="2026-09-05"' in html
    assert 'id="section-speed" data-speeding-only' in html
    assert client.post(reverse("sanctions:file_report"), _form(name="Peeters")).status_code == 302
    again = client.get(reverse("sanctions:file_report")).content.decode()
    assert 'data-recent="BV/2026/0300"' in again and "GAS-2026-000001" in again


@time_machine.travel(NOW, tick=False)
def test_the_photo_is_kept_after_a_refusal(catalogue, ascertainer, gas_staff) -> None:
    client = verified_client(ascertainer)
    refused = client.post(
        reverse("sanctions:file_report"), {**_form(name="Peeters", reference=""), "photo": _photo()}
    )
    assert refused.status_code == 400
    token = refused.context["photo_token"]
    assert token and "data-photo-kept" in refused.content.decode()
    # Another user cannot claim it.
    other = verified_client(gas_staff).post(
        reverse("sanctions:file_report"), {**_form(name="Peeters"), "photo_token": token}
    )
    assert other.status_code == 302
    assert not Case.objects.get().ascertainment.photos.exists()
    filed = client.post(
        reverse("sanctions:file_report"),
        {**_form(name="Peeters", reference="BV/2026/0301"), "photo_token": token},
    )
    assert filed.status_code == 302
    case = Case.objects.get(ascertainment__reference="BV/2026/0301")
    assert case.ascertainment.photos.count() == 1


def test_an_unclaimed_kept_photo_is_removed_by_the_nightly_job(
    catalogue, ascertainer, settings, tmp_path
) -> None:
    """GDPR art. 5(1)(e): a photo kept after a refusal and never claimed does not stay."""
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path)},
    }}  # fmt: skip
    with time_machine.travel(NOW, tick=False):
        refused = verified_client(ascertainer).post(
            reverse("sanctions:file_report"),
            {**_form(name="Peeters", reference=""), "photo": _photo()},
        )
    token = refused.context["photo_token"]
    kept = tmp_path / "gas" / "pending" / str(ascertainer.pk) / f"{token}.jpg"
    assert kept.exists()
    assert pending_photos_purge(now=timezone.now() - dt.timedelta(days=5)) == 0
    old = (timezone.now() - dt.timedelta(days=2)).timestamp()
    os.utime(kept, (old, old))
    assert run_job("sanctions.pending_photos") == "1 unclaimed field photos removed"
    assert not kept.exists()
    assert not pending.photo_exists(actor=ascertainer, token=token)


def test_adult_fixture_is_the_person_on_file() -> None:
    assert adult().national_number == "85.07.30-033.28"


def test_a_refused_field_report_opens_with_an_error_summary_linking_each_field(
    catalogue, ascertainer
) -> None:
    """Issue 15: every form gets an error summary on top, each message linked to its field."""
    response = verified_client(ascertainer).post(
        reverse("sanctions:file_report"), _form(reference="", description="")
    )
    assert response.status_code == 400
    html = response.content.decode()
    summary = html[
        html.index("data-error-summary") : html.index("</ul>", html.index("data-error-summary"))
    ]
    assert 'href="#id_reference"' in summary
    assert html.index("data-error-summary") < html.index('id="id_reference"')
