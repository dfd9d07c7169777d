"""The GAS office at work, case side: evidence photo and pin on the case page, the case list
(search kept when paging, deadline column, sorting, export), words instead of codes, a refused
decision keeps what was typed, letters (French signature, sender, IBAN) and the day's print file."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from urbis.core.models import AccessLogEntry
from urbis.core.testing.fixtures import verified_client
from urbis.sanctions import letters
from urbis.sanctions.services import cases as case_services
from urbis.sanctions.services.intake import ascertainment_create
from urbis.sanctions.tests.conftest import adult, report

pytestmark = pytest.mark.django_db

NOW = "2026-09-05 10:00"
BORN = dt.date(1985, 7, 30)


def _photo() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 30)).save(buffer, format="JPEG")
    buffer.seek(0)
    buffer.name = "evidence.jpg"
    return buffer


def _case(actor, n: int = 1, **offender):  # type: ignore[no-untyped-def]
    data = report(reference=f"BV/2026/{n:04d}", offender=adult(**offender))
    return ascertainment_create(actor=actor, data=data, photos=[_photo()]).case


def text_of(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@time_machine.travel(NOW, tick=False)
def test_the_case_page_shows_the_photo_and_pin_to_staff_only(
    catalogue, gas_staff, ascertainer
) -> None:
    case = _case(gas_staff)
    photo = case.ascertainment.photos.get()
    page = verified_client(gas_staff).get(reverse("sanctions:case", args=[case.number]))
    html = page.content.decode()
    url = reverse("sanctions:photo", args=[case.number, photo.pk])
    assert f'src="{url}"' in html and 'data-marker="51.025900,4.477600"' in html
    served = verified_client(gas_staff).get(url)
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert served.content[:2] == b"\xff\xd8"
    assert AccessLogEntry.objects.filter(purpose="gas.case", object_id=str(case.pk)).exists()
    assert verified_client(ascertainer).get(url).status_code == 404
    assert not photo.image.url.startswith("/gas/")  # stored, never linked from public media
    assert photo.image.url not in html


@time_machine.travel(NOW, tick=False)
def test_the_case_list_searches_pages_sorts_and_exports(catalogue, gas_staff) -> None:
    for n in range(1, 61):
        first_name = "Jan" if n % 10 == 0 else "Test"
        _case(gas_staff, n, first_name=first_name, national_number="", birth_date=BORN)
    client = verified_client(gas_staff)
    first = client.get(reverse("sanctions:cases"), {"q": "Test"})
    assert "?q=Test&amp;page=2" in first.content.decode()
    second = client.get(reverse("sanctions:cases"), {"q": "Test", "page": 2})
    assert len(second.context["page"].object_list) == 4  # 54 "Test", 50 a page
    assert all(c.ascertainment.offender.first_name == "Test" for c in second.context["page"])
    by_pv = client.get(reverse("sanctions:cases"), {"q": "BV/2026/0007"})
    assert [c.number for c in by_pv.context["page"]] == ["GAS-2026-000007"]
    by_place = client.get(reverse("sanctions:cases"), {"q": "Veemarkt"})
    assert by_place.context["page"].paginator.count == 60
    ordered = client.get(reverse("sanctions:cases"), {"sort": "number"})
    numbers = [c.number for c in ordered.context["page"]]
    assert numbers == sorted(numbers) and numbers[0] == "GAS-2026-000001"
    html = ordered.content.decode()
    assert "data-deadline" in html and "transmission" not in html.split("data-deadline")[0]
    assert "decision limit:" in html or "defence:" in html or "transmission" in html
    exported = client.get(reverse("sanctions:cases_csv"), {"q": "BV/2026/0007"})
    lines = exported.content.decode().splitlines()
    assert len(lines) == 2 and lines[1].startswith("GAS-2026-000007,")
    workbook = load_workbook(io.BytesIO(client.get(reverse("sanctions:cases_xlsx")).content))
    assert workbook.active.max_row == 61
    assert AccessLogEntry.objects.filter(purpose="gas.case_export").count() == 1 + 60


@time_machine.travel(NOW, tick=False)
def test_the_export_is_formula_safe(catalogue, gas_staff) -> None:
    data = report(address="=HYPERLINK(1)")
    ascertainment_create(actor=gas_staff, data=data)
    exported = verified_client(gas_staff).get(reverse("sanctions:cases_csv"))
    assert "'=HYPERLINK(1)" in exported.content.decode()


@time_machine.travel(NOW, tick=False)
def test_steps_and_statuses_are_said_in_words(catalogue, gas_staff) -> None:
    case = _case(gas_staff)
    client = verified_client(gas_staff)
    done = client.post(
        reverse("sanctions:case_step", args=[case.number]),
        {"action": "send_opening_letter"},
        follow=True,
    )
    html = done.content.decode()
    assert "Done: Send the opening letter." in html and "send_opening_letter." not in html


@time_machine.travel(NOW, tick=False)
def test_a_refused_decision_keeps_the_typed_amount(catalogue, sanctioning_officer) -> None:
    case = _case(sanctioning_officer)
    case_services.case_transition(
        actor=sanctioning_officer, case=case, action="send_opening_letter"
    )
    refused = verified_client(sanctioning_officer).post(
        reverse("sanctions:case_decide", args=[case.number]),
        {"action": "decide_fine", "amount": "120.00", "motivation": ""},
    )
    assert refused.status_code == 400
    html = refused.content.decode()
    assert 'name="amount" value="120.00"' in html and "A decision is motivated." in html
    assert "motivation:" not in html


@time_machine.travel(NOW, tick=False)
def test_the_french_decision_is_signed_in_french_with_sender_and_iban(
    catalogue, sanctioning_officer
) -> None:
    from urbis.sanctions.models import MunicipalSettings

    MunicipalSettings.objects.update(sender_phone="015 29 76 00", sender_email="gas@mechelen.be")
    case = _case(sanctioning_officer, language="fr")
    case_services.case_transition(
        actor=sanctioning_officer, case=case, action="send_opening_letter"
    )
    opening = text_of(bytes(case.letters.get(kind="opening").content))
    assert "Grote Markt 21" in opening and "015 29 76 00" in opening
    assert "gas@mechelen.be" in opening
    assert "container.." not in opening and "container." in opening
    with time_machine.travel("2026-10-01 10:00", tick=False):  # after the defence term
        case_services.case_transition(
            actor=sanctioning_officer,
            case=case,
            action="decide_fine",
            amount=Decimal(100),
            motivation="Les faits sont établis.",
        )
    decision = text_of(bytes(case.letters.get(kind="decision").content))
    assert "Le fonctionnaire sanctionnateur" in decision
    assert "sanctionerend" not in decision
    assert "BE71 0961 2345 6769" in decision
    assert letters.iban_grouped("be71096123456769") == "BE71 0961 2345 6769"


@time_machine.travel(NOW, tick=False)
def test_the_days_letters_download_as_one_pdf(catalogue, gas_staff) -> None:
    numbers = []
    for n in (1, 2):
        case = _case(gas_staff, n)
        case_services.case_transition(actor=gas_staff, case=case, action="send_opening_letter")
        numbers.append(case.number)
    client = verified_client(gas_staff)
    page = client.get(reverse("sanctions:letters_print"), {"day": "2026-09-05"})
    assert "2 letters made on 05/09/2026." in page.content.decode()
    pdf = client.get(reverse("sanctions:letters_print_pdf", args=["2026-09-05"]))
    assert pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert all(number in text for number in numbers) and len(reader.pages) >= 2
    assert (
        client.get(reverse("sanctions:letters_print_pdf", args=["2026-09-04"])).status_code == 404
    )


def test_each_layout_has_a_template(catalogue, gas_staff) -> None:
    client = verified_client(gas_staff)
    intake = client.get(reverse("sanctions:bulk_template")).content.decode().splitlines()
    assert "birth_date" in intake[0] and "same_person" in intake[0] and len(intake) == 2
    bank = client.get(reverse("sanctions:bulk_template"), {"layout": "bank"}).content.decode()
    assert bank.splitlines()[0] == "date,amount,communication,counterparty,iban"
