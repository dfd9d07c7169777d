"""The page where a worker's anonymous contact becomes a case, only with consent (CW-R7)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from urbis.casework import services
from urbis.casework.models import Case
from urbis.core.testing.fixtures import verified_client

pytestmark = pytest.mark.django_db


def _contact(worker: Any) -> Any:
    return services.contact_log(actor=worker, on=dt.date(2026, 3, 1), theme="drugs", alias="Cap")


def _body(tables: Any, **changes: Any) -> dict[str, Any]:
    return {
        "table": tables["prevention"].pk,
        "risk_level": "low",
        "first_name": "Sam",
        "last_name": "Jacobs",
        "open_case_consent": "on",
        "evidence": "signed form of 1 March",
        **changes,
    }


def test_worker_converts_own_contact_with_consent(tables: Any, third: Any) -> None:
    contact = _contact(third)
    client = verified_client(third)
    listing = client.get(reverse("casework:contacts")).content.decode()
    url = reverse("casework:contact_convert", kwargs={"contact_id": contact.pk})
    assert f'href="{url}"' in listing
    assert client.get(url).status_code == 200
    response = client.post(url, _body(tables))
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/casework/cases/{case.pk}/"
    assert case.consents.get().evidence == "signed form of 1 March"
    assert case.subjects.get().person.last_name == "Jacobs"
    assert case.opened_on == dt.date(2026, 3, 1)
    again = client.post(url, _body(tables))  # a second conversion of the same contact
    assert again.status_code == 400 and Case.objects.count() == 1
    assert "already become a case" in again.content.decode()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"open_case_consent": ""}, "open_case_consent"),
        ({"evidence": "  "}, "open_case_consent"),
        ({"last_name": ""}, "last_name"),
        ({"first_name": "x" * 101}, "first_name"),
        ({"risk_level": "extreme"}, "risk_level"),
        ({"table": "999999"}, "table"),
        ({"evidence": "e" * 201}, "evidence"),
    ],
)
def test_no_case_without_consent_or_with_bad_input(
    tables: Any, third: Any, changes: dict[str, str], field: str
) -> None:
    contact = _contact(third)
    url = reverse("casework:contact_convert", kwargs={"contact_id": contact.pk})
    response = verified_client(third).post(url, _body(tables, **changes))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Case.objects.exists()


def test_another_workers_contact_is_404(tables: Any, third: Any, partner: Any, outsider) -> None:
    contact = _contact(third)
    url = reverse("casework:contact_convert", kwargs={"contact_id": contact.pk})
    for user in (partner, outsider):
        assert verified_client(user).get(url).status_code == 404
        assert verified_client(user).post(url, _body(tables)).status_code == 404
    missing = reverse("casework:contact_convert", kwargs={"contact_id": contact.pk + 999})
    assert verified_client(third).get(missing).status_code == 404
    assert not Case.objects.exists()
