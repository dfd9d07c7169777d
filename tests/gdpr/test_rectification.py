"""GDPR art. 16 rectification as a real operation: the field is corrected, the old and new
values are kept in the append-only history, and the recipients to inform (art. 19) listed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from urbis.casework import services
from urbis.casework.models import Case, Person
from urbis.core.gdpr import services as gdpr
from urbis.core.gdpr.models import Rectification
from urbis.core.gdpr.rectification import person_rectify
from urbis.core.models import AuditEvent
from urbis.core.testing.fixtures import verified_client

pytestmark = pytest.mark.django_db

NN = "88040212345"


def _person() -> Person:
    return Person.objects.get(national_number=NN)


def test_director_rectifies_a_person_on_the_case(fjc_case: Case, director: Any) -> None:
    subject = fjc_case.subjects.get()
    url = reverse("casework:case_step", args=[fjc_case.pk, "rectify"])
    client = verified_client(director)
    assert (
        'name="reason"' in client.get(reverse("casework:case", args=[fjc_case.pk])).content.decode()
    )
    body = {"subject": subject.pk, "field": "last_name", "value": "Verhaeghe", "reason": "ID card"}
    assert client.post(url, body).status_code == 302
    assert _person().last_name == "Verhaeghe"
    row = Rectification.objects.get()
    assert (row.field, row.old_value, row.new_value) == ("last_name", "Verhaegen", "Verhaeghe")
    assert row.recipients == ["OCMW (test)"]  # the partner who received the data (art. 19)
    event = AuditEvent.objects.get(action="gdpr.rectified")
    assert "Verhaegen" not in str(event.data) and "Verhaeghe" not in str(event.data)
    with pytest.raises(PermissionError):
        row.save()  # append-only: the history is never rewritten
    with pytest.raises(PermissionError):
        row.delete()


def test_participant_who_is_not_director_cannot_rectify(fjc_case: Case, partner: Any) -> None:
    subject = fjc_case.subjects.get()
    url = reverse("casework:case_step", args=[fjc_case.pk, "rectify"])
    body = {"subject": subject.pk, "field": "last_name", "value": "X", "reason": "because"}
    assert verified_client(partner).post(url, body).status_code == 400
    assert _person().last_name == "Verhaegen" and not Rectification.objects.exists()


def test_outsider_and_forged_subject(fjc_case: Case, director: Any, livc_case: Case, third) -> None:
    url = reverse("casework:case_step", args=[fjc_case.pk, "rectify"])
    body = {"field": "last_name", "value": "X", "reason": "because"}
    assert verified_client(third).post(url, {**body, "subject": 1}).status_code == 404
    chair = livc_case.participants.get(capacity="director").user
    other = services.subject_add(actor=chair, case=livc_case, role="focus_person",
                                 first_name="O", last_name="Ther")  # fmt: skip
    response = verified_client(director).post(url, {**body, "subject": other.pk})
    assert response.status_code == 400
    with pytest.raises(ValidationError):
        services.subject_rectify(
            actor=director, case=fjc_case, subject_id=other.pk, field="last_name",
            value="X", reason="r",
        )  # fmt: skip
    assert Person.objects.get(pk=other.person_id).last_name == "Ther"


@pytest.mark.parametrize(
    ("field", "value", "reason", "error"),
    [
        ("last_name", "Verhaegen", "same", "value"),  # no change
        ("last_name", "", "empty", "value"),
        ("last_name", "x" * 101, "too long", "value"),
        ("birth_date", "02/04/1988x", "bad date", "value"),
        ("national_number", "88040212346", "bad check digits", "value"),
        ("email", "not-mail", "bad mail", "value"),
        ("created_at", "2020-01-01", "not a field", "field"),
        ("last_name", "Other", "  ", "reason"),
    ],
)
def test_bad_rectifications_change_nothing(
    fjc_case: Case, dpo: Any, field: str, value: str, reason: str, error: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        person_rectify(actor=dpo, person=_person(), field=field, value=value, reason=reason)
    assert error in raised.value.message_dict
    assert _person().last_name == "Verhaegen" and not Rectification.objects.exists()


def test_only_dpo_or_an_authorised_service(fjc_case: Case, partner: Any) -> None:
    with pytest.raises(PermissionError):
        person_rectify(actor=partner, person=_person(), field="phone", value="1", reason="r")


def test_dpo_answers_a_rectification_request(fjc_case: Case, livc_case: Case, dpo: Any) -> None:
    chair = livc_case.participants.get(capacity="director").user
    services.subject_add(actor=chair, case=livc_case, role="focus_person", first_name="Lena",
                         last_name="Verhaegen", national_number=NN)  # fmt: skip
    request = gdpr.request_open(actor=dpo, kind="rectify", national_number=NN, summary="Birth")
    url = reverse("core:gdpr_request", args=[request.pk])
    client = verified_client(dpo)
    page = client.get(url).content.decode()
    assert 'id="rectify-form"' in page
    bad = client.post(url, {"form": "rectify", "field": "birth_date", "value": "x", "reason": "r"})
    assert bad.status_code == 400 and not Rectification.objects.exists()
    ok = client.post(
        url, {"form": "rectify", "field": "birth_date", "value": "1988-04-02", "reason": "Register"}
    )
    assert ok.status_code == 302
    assert _person().birth_date == dt.date(1988, 4, 2)
    row = Rectification.objects.get()
    assert (row.old_value, row.new_value, row.request_id) == ("", "1988-04-02", request.pk)
    step = request.steps.get(step="rectified")
    assert "OCMW (test)" in step.note and "art. 19" in step.note
    assert "Prevention (test)" not in step.note  # the LIVC-R chair: its case stays undisclosed
    shown = client.get(url).content.decode()
    assert 'id="rectifications"' in shown and "1988-04-02" in shown
