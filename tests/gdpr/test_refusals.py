"""Issue 14: GDPR pages and exports requested by a non-DPO are refused (404, as any page) and
each refusal is logged as ``gdpr.export_refused`` — without the looked-up number in clear —
and shown on the DPO's alerts page. Anonymous visitors get the login page and nothing is
logged (there is nobody to name)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from urbis.core.gdpr.access import keyed_hash
from urbis.core.models import AuditEvent
from urbis.core.testing.fixtures import PERSONA_FIXTURES, verified_client

pytestmark = pytest.mark.django_db

NN = "88040212345"
NON_DPO = [p for p in PERSONA_FIXTURES if p != "dpo"] + ["outsider"]


def _gets() -> list[tuple[str, str]]:
    return [
        ("home", reverse("core:gdpr") + "?dry=1"),
        ("records_download", reverse("core:gdpr_records", args=["json"])),
        ("records_download", reverse("core:gdpr_records", args=["csv"])),
        ("pia_download", reverse("core:gdpr_pia", args=["casework.case_consultation"])),
        ("subject_access", reverse("core:gdpr_subject_access") + f"?national_number={NN}"),
        (
            "subject_access",
            reverse("core:gdpr_subject_access") + f"?national_number={NN}&format=json",
        ),
        (
            "subject_access",
            reverse("core:gdpr_subject_access") + f"?national_number={NN}&format=pdf",
        ),
        (
            "subject_access",
            reverse("core:gdpr_subject_access") + f"?national_number={NN}&format=zip",
        ),
        ("access_log", reverse("core:gdpr_access_log") + f"?national_number={NN}"),
        ("access_log", reverse("core:gdpr_access_log") + "?username=partner1"),
        ("requests_page", reverse("core:gdpr_requests")),
        ("request_detail", reverse("core:gdpr_request", args=[1])),
        ("breaches", reverse("core:gdpr_breaches")),
    ]


def _posts() -> list[tuple[str, str, dict[str, str]]]:
    return [
        ("requests_page", reverse("core:gdpr_requests"), {"kind": "access", "national_number": NN}),
        ("request_detail", reverse("core:gdpr_request", args=[1]), {"form": "step"}),
        ("breaches", reverse("core:gdpr_breaches"), {"form": "breach", "title": "Laptop lost"}),
    ]


@pytest.mark.parametrize("persona", NON_DPO)
def test_every_gdpr_page_refused_to_a_non_dpo_is_logged(
    request: pytest.FixtureRequest, persona: str
) -> None:
    user = request.getfixturevalue(persona)
    client = verified_client(user)
    for page, url in _gets():
        before = AuditEvent.objects.filter(action="gdpr.export_refused").count()
        response = client.get(url)
        assert response.status_code == 404, (persona, url)
        event = AuditEvent.objects.filter(action="gdpr.export_refused").latest("id")
        assert AuditEvent.objects.filter(action="gdpr.export_refused").count() == before + 1, url
        assert event.actor_id == user.pk
        assert event.data["page"] == page
        assert event.data["path"] == url.split("?")[0]
        assert event.data["asked"]["method"] == "GET"
        assert NN not in json.dumps(event.data), url
        assert NN not in event.object_label
    for page, url, data in _posts():
        assert client.post(url, data).status_code == 404, (persona, url)
        event = AuditEvent.objects.filter(action="gdpr.export_refused").latest("id")
        assert event.data["page"] == page
        assert event.data["asked"]["posted_fields"] == sorted(data)
        assert NN not in json.dumps(event.data) and "Laptop" not in json.dumps(event.data)


def test_the_number_asked_for_is_kept_hashed_and_masked(analyst: Any) -> None:
    verified_client(analyst).get(
        reverse("core:gdpr_subject_access"), {"national_number": NN, "format": "json"}
    )
    event = AuditEvent.objects.get(action="gdpr.export_refused")
    asked = event.data["asked"]["query"]
    assert asked["format"] == "json"
    assert asked["national_number"] == {"hash": keyed_hash(NN), "masked": "•••••••••45"}


def test_long_parameters_are_logged_cut_without_a_500(analyst: Any) -> None:
    client = verified_client(analyst)
    response = client.get(
        reverse("core:gdpr_access_log"), {"username": "x" * 10_000, "email": "a@b.be"}
    )
    assert response.status_code == 404
    asked = AuditEvent.objects.get(action="gdpr.export_refused").data["asked"]["query"]
    assert len(asked["username"]) == 100
    assert "a@b.be" not in json.dumps(asked)


def test_anonymous_gets_the_login_page_and_nothing_is_logged(client: Any) -> None:
    response = client.get(reverse("core:gdpr_subject_access"), {"national_number": NN})
    assert response.status_code == 302 and "/login" in response["Location"]
    assert not AuditEvent.objects.filter(action="gdpr.export_refused").exists()


def test_the_dpo_is_not_logged_as_refused_and_sees_the_refusals(analyst: Any, dpo: Any) -> None:
    verified_client(analyst).get(reverse("core:gdpr_records", args=["csv"]))
    page = verified_client(dpo).get(reverse("core:gdpr"))
    assert page.status_code == 200
    assert AuditEvent.objects.filter(action="gdpr.export_refused").count() == 1
    alerts = page.content.decode()
    assert "refused GDPR request" in alerts and analyst.username in alerts
    assert "/gdpr/records.csv" in alerts
