"""Scenario tests through the services, one per procedure, citing the rules they check."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from urbis.sanctions.models import Case, Letter, RegisterEntry, StatusChange
from urbis.sanctions.rules.workflow import Status
from urbis.sanctions.services import cases as case_services
from urbis.sanctions.services import procedure
from urbis.sanctions.services.intake import ascertainment_create
from urbis.sanctions.tests.conftest import adult, report

TZ = ZoneInfo("Europe/Brussels")
pytestmark = pytest.mark.django_db


def step(case: Case, action: str, actor, on: dt.date, **kw) -> Case:  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime.combine(on, dt.time(12)), tick=False):
        return case_services.case_transition(actor=actor, case=case, action=action, on=on, **kw)


def test_general_procedure_from_report_to_fine(
    catalogue, ascertainer, sanctioning_officer, gas_staff
) -> None:
    with time_machine.travel("2026-09-05 10:00", tick=False):
        case = ascertainment_create(actor=ascertainer, data=report()).case
    assert case.number.startswith("GAS-2026-") and case.status == Status.RECEIVED
    assert len(case.payment_reference) == 12
    case = step(case, "send_opening_letter", gas_staff, dt.date(2026, 9, 7))
    opening = Letter.objects.get(case=case, kind="opening")
    assert opening.registered and opening.content.startswith(b"%PDF")
    # GAS-R18: no decision while the 15-day defence term runs.
    with pytest.raises(ValidationError, match="GAS-R18"):
        step(case, "decide_fine", sanctioning_officer, dt.date(2026, 9, 12), amount=Decimal(150))
    with time_machine.travel("2026-09-15 10:00", tick=False):
        case_services.defence_record(
            actor=gas_staff,
            case=case,
            received_on=dt.date(2026, 9, 15),
            channel="letter",
            text="The bags were not mine.",
        )
    case.refresh_from_db()
    assert case.status == Status.DEFENCE_RECEIVED
    # GAS-R49: the ascertaining officer may not decide; only the official decides.
    with pytest.raises(ValidationError):
        step(case, "decide_fine", gas_staff, dt.date(2026, 9, 20), amount=Decimal(150))
    # GAS-R01: at most EUR 500 for adults since 2024 (and the article's own maximum).
    with pytest.raises(ValidationError, match="GAS-R01"):
        step(case, "decide_fine", sanctioning_officer, dt.date(2026, 9, 20), amount=Decimal(600))
    case = step(
        case,
        "decide_fine",
        sanctioning_officer,
        dt.date(2026, 9, 20),
        amount=Decimal(150),
        motivation="The facts are established by the report.",
    )
    assert (case.status, case.outcome, case.amount) == (Status.DECIDED, "fine", Decimal(150))
    assert case.sanctioning_official == sanctioning_officer
    assert Letter.objects.filter(case=case, kind="decision").exists()
    entry = RegisterEntry.objects.get(case_number=case.number)
    assert (entry.measure, entry.amount, entry.national_number) == ("fine", 150, "85073003328")
    actions = list(StatusChange.objects.filter(case=case).values_list("action", flat=True))
    assert actions == ["register", "send_opening_letter", "record_defence", "decide_fine"]


def test_table_refuses_a_jump(catalogue, ascertainer, sanctioning_officer) -> None:
    with time_machine.travel("2026-09-05 10:00", tick=False):
        case = ascertainment_create(actor=ascertainer, data=report()).case
    with pytest.raises(ValidationError, match="not allowed from received"):
        step(case, "payment_received", sanctioning_officer, dt.date(2026, 9, 6))
    case.refresh_from_db()
    assert case.status == Status.RECEIVED and case.history.count() == 1


def test_minor_needs_parents_mediation_first_and_youth_court(
    catalogue, ascertainer, sanctioning_officer, gas_staff
) -> None:
    minor = adult(
        national_number="", birth_date=dt.date(2010, 3, 1), first_name="Tom", guardians=[]
    )
    with time_machine.travel("2026-09-05 10:00", tick=False):
        with pytest.raises(ValidationError, match="GAS-R10"):
            ascertainment_create(actor=ascertainer, data=report(offender=minor))
        minor.guardians = [
            {
                "name": "An Peeters",
                "street": "Grote Markt 1",
                "postcode": "2800",
                "city": "Mechelen",
            }
        ]
        case = ascertainment_create(actor=ascertainer, data=report(offender=minor)).case
    assert case.minor
    case = step(case, "send_opening_letter", gas_staff, dt.date(2026, 9, 7))
    # GAS-R10: the parents receive their own letter.
    assert set(case.letters.values_list("kind", flat=True)) == {"opening", "parents"}
    with pytest.raises(ValidationError, match="GAS-R08"):
        step(case, "decide_fine", sanctioning_officer, dt.date(2026, 9, 30), amount=Decimal(50))
    case = step(case, "propose_mediation", gas_staff, dt.date(2026, 9, 30))
    case = step(case, "mediation_failed", gas_staff, dt.date(2026, 10, 20))
    # GAS-R11: a minor is heard before any sanction.
    with pytest.raises(ValidationError, match="GAS-R11"):
        step(case, "decide_fine", sanctioning_officer, dt.date(2026, 10, 22), amount=Decimal(75))
    with time_machine.travel("2026-10-20 10:00", tick=False):
        hearing = case_services.hearing_schedule(
            actor=gas_staff,
            case=case,
            at=dt.datetime(2026, 10, 21, 10, tzinfo=TZ),
            place="City hall",
        )
    with time_machine.travel("2026-10-21 12:00", tick=False):
        procedure.hearing_record(
            actor=gas_staff, case=case, hearing=hearing, held=True, minutes="Tom was heard."
        )
    # GAS-R03: a minor's fine is at most EUR 175.
    with pytest.raises(ValidationError, match="175"):
        step(case, "decide_fine", sanctioning_officer, dt.date(2026, 10, 22), amount=Decimal(200))
    case = step(case, "decide_fine", sanctioning_officer, dt.date(2026, 10, 22), amount=Decimal(75))
    with time_machine.travel("2026-10-30 10:00", tick=False):
        appeal = case_services.appeal_lodge(
            actor=gas_staff, case=case, lodged_on=dt.date(2026, 10, 30)
        )
    assert appeal.court == "youth"  # GAS-R11


def test_minor_under_municipal_minimum_age_is_refused(catalogue, ascertainer) -> None:
    child = adult(national_number="", birth_date=dt.date(2011, 1, 1), guardians=[{"name": "X"}])
    with (
        time_machine.travel("2026-09-05 10:00", tick=False),
        pytest.raises(ValidationError) as error,
    ):
        ascertainment_create(actor=ascertainer, data=report(offender=child))
    assert "GAS-R04" in str(error.value.message_dict["offender.birth_date"])
    assert not Case.objects.exists()


def test_parking_minor_and_mixed_by_municipal_officer_refused(catalogue, ascertainer) -> None:
    teen = adult(national_number="", birth_date=dt.date(2009, 1, 1), guardians=[{"name": "X"}])
    with time_machine.travel("2026-09-05 10:00", tick=False):
        with pytest.raises(ValidationError, match="GAS-R05"):
            ascertainment_create(actor=ascertainer, data=report("PARK-1", offender=teen))
        with pytest.raises(ValidationError, match="GAS-R50"):
            ascertainment_create(actor=ascertainer, data=report("SW-526"))


def test_mixed_light_without_protocol_waits_two_months(catalogue, ascertainer, gas_staff) -> None:
    with time_machine.travel("2026-09-05 10:00", tick=False):
        case = ascertainment_create(actor=ascertainer, data=report("SW-526", kind="police")).case
    assert case.procedure == "mixed_light"
    case = step(case, "forward_to_prosecutor", gas_staff, dt.date(2026, 9, 5))
    with pytest.raises(ValidationError, match="GAS-R14"):
        step(case, "prosecutor_silent", gas_staff, dt.date(2026, 10, 20))
    # Sent 5 Sep, deemed received 10 Sep (GAS-R19): the SA may act from 10 Nov.
    case = step(case, "prosecutor_silent", gas_staff, dt.date(2026, 11, 10))
    assert case.status == Status.RECEIVED


def test_parking_amount_and_ordinary_notice(catalogue, ascertainer, gas_staff) -> None:
    with time_machine.travel("2026-09-05 10:00", tick=False):
        case = ascertainment_create(
            actor=ascertainer, data=report("PARK-2", plate="1-ABC-123")
        ).case
    assert case.amount == Decimal("116.00")  # GAS-R34 since 1 Sep 2018
    case = step(case, "send_parking_notice", gas_staff, dt.date(2026, 9, 8))
    notice = Letter.objects.get(case=case, kind="parking_notice")
    assert not notice.registered  # ordinary letter, art. 29 §1
    assert "2800 Mechelen" in notice.address


def test_speeding_eligibility(catalogue, ascertainer) -> None:
    base = {"kind": "camera", "speed_limit": 50, "plate": "1-XYZ-999"}
    with time_machine.travel("2026-09-05 10:00", tick=False):
        with pytest.raises(ValidationError, match="GAS-R38"):
            ascertainment_create(
                actor=ascertainer, data=report("SPEED-29Q", measured_speed=80, **base)
            )
        case = ascertainment_create(
            actor=ascertainer, data=report("SPEED-29Q", measured_speed=66, **base)
        ).case
    assert case.procedure == "speeding" and case.amount and case.amount > 0


def test_bad_dates_unknown_article_and_nothing_written(catalogue, ascertainer) -> None:
    with (
        time_machine.travel("2026-09-05 10:00", tick=False),
        pytest.raises(ValidationError) as error,
    ):
        ascertainment_create(
            actor=ascertainer,
            data=report(
                "NOPE-1", ascertained_on=dt.date(2026, 8, 30), received_on=dt.date(2026, 9, 20)
            ),
        )
    errors = error.value.message_dict
    assert "Unknown article NOPE-1" in errors["article_code"][0]
    assert "after its ascertainment" in errors["offence_at"][0]
    assert "future" in errors["received_on"][0]
    assert not Case.objects.exists()


def test_idempotency_key_returns_the_first_case(catalogue, ascertainer) -> None:
    with time_machine.travel("2026-09-05 10:00", tick=False):
        first = ascertainment_create(actor=ascertainer, data=report(), idempotency_key="k-1")
        again = ascertainment_create(actor=ascertainer, data=report(), idempotency_key="k-1")
    assert first.created and not again.created and first.case.pk == again.case.pk
    assert Case.objects.count() == 1


def test_repeat_offence_links_the_earlier_case(
    catalogue, ascertainer, sanctioning_officer, gas_staff
) -> None:
    with time_machine.travel("2026-03-05 10:00", tick=False):
        first = ascertainment_create(actor=ascertainer, data=report(on=dt.date(2026, 3, 2))).case
    first = step(first, "send_opening_letter", gas_staff, dt.date(2026, 3, 6))
    first = step(
        first, "decide_fine", sanctioning_officer, dt.date(2026, 4, 10), amount=Decimal(100)
    )
    with time_machine.travel("2026-09-05 10:00", tick=False):
        second = ascertainment_create(actor=ascertainer, data=report(reference="BV/2026/0099")).case
    assert second.repeat_of == first  # GAS-R12: same article within 24 months


def test_sweep_marks_time_barred_and_alerts(catalogue, ascertainer) -> None:
    from urbis.sanctions.services.register import deadline_sweep

    with time_machine.travel("2026-03-05 10:00", tick=False):
        old = ascertainment_create(actor=ascertainer, data=report(on=dt.date(2026, 3, 2))).case
    with time_machine.travel("2026-08-01 10:00", tick=False):
        result = deadline_sweep(today=dt.date(2026, 8, 1))
    assert old.number in [n for n, _, _ in result.escalations + result.alerts]
    with time_machine.travel("2026-09-10 10:00", tick=False):
        result = deadline_sweep(today=dt.date(2026, 9, 10))
    old.refresh_from_db()
    assert result.time_barred == [old.number] and old.status == Status.TIME_BARRED


def _jpeg_with_exif() -> bytes:
    import io

    from PIL import Image

    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010E] = "camera owner secret"  # ImageDescription
    exif[0x8825] = {1: "N", 2: (51.0, 1.0, 33.0)}  # GPS IFD: a location
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def test_field_photo_is_reencoded_without_exif_and_bad_files_refused(
    catalogue, ascertainer
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    raw = _jpeg_with_exif()
    assert Image.open(__import__("io").BytesIO(raw)).getexif()  # the fixture has EXIF
    with time_machine.travel("2026-09-05 10:00", tick=False):
        case = ascertainment_create(
            actor=ascertainer,
            data=report(),
            photos=[SimpleUploadedFile("p.jpg", raw, "image/jpeg")],
        ).case
        kept = case.ascertainment.photos.get().image
        with kept.open("rb") as handle:
            assert not Image.open(handle).getexif()
        with pytest.raises(ValidationError) as error:
            ascertainment_create(
                actor=ascertainer,
                data=report(reference="BV/2"),
                photos=[SimpleUploadedFile("p.jpg", b"%PDF-1.4 not an image", "image/jpeg")],
            )
    assert "photo" in error.value.message_dict
    assert Case.objects.count() == 1


def test_sweep_mails_the_sanctioning_officials(
    catalogue, ascertainer, sanctioning_officer, django_capture_on_commit_callbacks
) -> None:
    from django.core import mail

    from urbis.sanctions.services.register import deadline_sweep

    sanctioning_officer.email = "sa@mechelen.example"
    sanctioning_officer.preferred_language = "en"
    sanctioning_officer.save()
    with time_machine.travel("2026-03-05 10:00", tick=False):
        case = ascertainment_create(actor=ascertainer, data=report(on=dt.date(2026, 3, 2))).case
    with (
        time_machine.travel("2026-08-10 10:00", tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        deadline_sweep(today=dt.date(2026, 8, 10))
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["sa@mechelen.example"]
    assert case.number in mail.outbox[0].body and "ESCALATION" in mail.outbox[0].body


def test_sweep_mails_each_official_in_their_language(
    catalogue, ascertainer, django_capture_on_commit_callbacks
) -> None:
    from django.core import mail

    from urbis.core.roles import Role
    from urbis.core.testing.fixtures import create_user
    from urbis.sanctions.services.register import deadline_sweep

    create_user(Role.SANCTIONING_OFFICER, email="an@mechelen.example", preferred_language="nl")
    create_user(Role.SANCTIONING_OFFICER, email="bo@mechelen.example", preferred_language="nl")
    create_user(Role.SANCTIONING_OFFICER, email="cl@mechelen.example", preferred_language="fr")
    with time_machine.travel("2026-03-05 10:00", tick=False):
        case = ascertainment_create(actor=ascertainer, data=report(on=dt.date(2026, 3, 2))).case
    with (
        time_machine.travel("2026-08-10 10:00", tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        deadline_sweep(today=dt.date(2026, 8, 10))
    by_recipients = {tuple(m.to): m for m in mail.outbox}
    assert set(by_recipients) == {
        ("an@mechelen.example", "bo@mechelen.example"),
        ("cl@mechelen.example",),
    }
    dutch = by_recipients[("an@mechelen.example", "bo@mechelen.example")]
    french = by_recipients[("cl@mechelen.example",)]
    assert dutch.subject.startswith("Urbis GAS-termijnen: 0 waarschuwing(en), 1 escalatie(s)")
    assert f"ESCALATIE {case.number}: beslissen vóór " in dutch.body
    assert french.subject.startswith("Urbis délais SAC : 0 alerte(s), 1 escalade(s)")
    assert f"ESCALADE {case.number} : décider avant le " in french.body
    assert "ESCALATION" not in dutch.body + french.body
