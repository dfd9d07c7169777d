"""Need to know: for every casework URL and API route, a participant gets it; every other
persona — administrator and coordinator included — and a caseworker of another case get 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from urbis.casework import services
from urbis.casework.models import Case
from urbis.core.models import AccessLogEntry
from urbis.core.testing.fixtures import PERSONA_FIXTURES, create_user, verified_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_case(fjc_case: Case, director: Any, partner: Any) -> dict[str, Any]:
    meeting = services.meeting_record(
        actor=director, case=fjc_case, held_on=dt.date(2026, 3, 9),
        attendee_ids=[director.pk, partner.pk], decisions="Safety plan.",
    )  # fmt: skip
    fjc_case.table.feedback_sheets = True
    fjc_case.table.save()
    sheet = services.sheet_draft(actor=director, case=fjc_case, meeting=meeting, content="Agreed.")
    return {"case": fjc_case, "meeting": meeting, "sheet": sheet}


def _page_urls(c: dict[str, Any]) -> list[str]:
    case = c["case"]
    return [
        reverse("casework:case", args=[case.pk]),
        reverse("casework:sheet_pdf", args=[case.pk, c["sheet"].pk]),
    ]


def _api_urls(c: dict[str, Any]) -> list[str]:
    case = c["case"]
    return [
        reverse("api-casework-case", args=[case.pk]),
        reverse("api-casework-disclosures", args=[case.pk]),
    ]


def _post_urls(c: dict[str, Any]) -> list[str]:
    case = c["case"]
    from urbis.casework.views.cases import STEPS

    urls = [reverse("casework:case_step", args=[case.pk, step]) for step in STEPS]
    urls += [
        reverse("api-casework-participants", args=[case.pk]),
        reverse("api-casework-disclosures", args=[case.pk]),
        reverse("api-casework-sheets", args=[case.pk]),
        reverse("api-casework-sheet-consent", args=[case.pk, c["sheet"].pk]),
        reverse("api-casework-sheet-issue", args=[case.pk, c["sheet"].pk]),
    ]
    return urls


def test_participant_sees_every_case_url(full_case: dict[str, Any], partner: Any) -> None:
    client = verified_client(partner)
    for url in _page_urls(full_case) + _api_urls(full_case):
        assert client.get(url).status_code == 200, url
    listed = client.get(reverse("api-casework-cases")).json()
    assert [row["number"] for row in listed] == [full_case["case"].number]


@pytest.mark.parametrize("persona", PERSONA_FIXTURES)
def test_every_other_persona_gets_404(
    request: pytest.FixtureRequest, persona: str, full_case: dict[str, Any]
) -> None:
    user = request.getfixturevalue(persona)
    client = verified_client(user)
    for url in _page_urls(full_case) + _api_urls(full_case):
        assert client.get(url).status_code == 404, (persona, url)
    for url in _post_urls(full_case):
        assert client.post(url, {}).status_code == 404, (persona, url)
    # Nothing in lists or search either.
    home = client.get(reverse("casework:home"))
    assert full_case["case"].number.encode() not in home.content
    search = client.get(reverse("casework:home"), {"q": "VEILIG"})
    assert search.status_code == 404 or full_case["case"].alias.encode() not in search.content
    api = client.get(reverse("api-casework-cases"), {"q": full_case["case"].number})
    assert api.status_code == 404 or api.json() == []


def test_caseworker_of_another_case_gets_404_and_cannot_enumerate(
    full_case: dict[str, Any], third: Any
) -> None:
    client = verified_client(third)
    case = full_case["case"]
    missing = client.get(reverse("casework:case", args=[case.pk + 1000]))
    existing = client.get(reverse("casework:case", args=[case.pk]))
    # The same answer for a case that exists and one that does not: numbers cannot be probed.
    assert existing.status_code == missing.status_code == 404
    api_missing = client.get(reverse("api-casework-case", args=[case.pk + 1000]))
    api_existing = client.get(reverse("api-casework-case", args=[case.pk]))
    assert api_existing.status_code == api_missing.status_code == 404
    assert api_existing.json() == api_missing.json()
    for url in _post_urls(full_case):
        assert client.post(url, {}).status_code == 404, url
    assert client.get(reverse("api-casework-cases")).json() == []


def test_anonymous_is_sent_to_login(client: Any, full_case: dict[str, Any]) -> None:
    for url in _page_urls(full_case):
        response = client.get(url)
        assert response.status_code == 302 and "/account/login/" in response["Location"]
    for url in _api_urls(full_case):
        assert client.get(url).status_code in (401, 403)


def test_removed_participant_loses_access(
    full_case: dict[str, Any], director: Any, partner: Any
) -> None:
    case = full_case["case"]
    participant = case.participants.get(user=partner)
    services.participant_remove(actor=director, case=case, participant_id=participant.pk)
    assert verified_client(partner).get(reverse("casework:case", args=[case.pk])).status_code == 404


def test_every_read_is_access_logged_with_purpose(full_case: dict[str, Any], partner: Any) -> None:
    case = full_case["case"]
    verified_client(partner).get(reverse("casework:case", args=[case.pk]))
    entry = AccessLogEntry.objects.filter(
        object_type="casework.case", object_id=str(case.pk)
    ).first()
    assert entry is not None and entry.user == partner
    assert entry.purpose == "casework.case_page"


def test_break_glass_needs_reason_is_logged_and_time_boxed(
    full_case: dict[str, Any], dpo: Any, admin_user: Any, settings: Any
) -> None:
    import time_machine

    case = full_case["case"]
    client = verified_client(dpo)
    url = reverse("casework:case", args=[case.pk])
    assert client.get(url).status_code == 404
    refused = client.post(
        reverse("casework:break_glass"), {"case_number": case.number, "reason": "x"}
    )
    assert refused.status_code == 400
    assert client.get(url).status_code == 404
    opened = client.post(
        reverse("casework:break_glass"),
        {"case_number": case.number, "reason": "Imminent danger reported by the police"},
    )
    assert opened.status_code == 302
    page = client.get(url)
    assert page.status_code == 200
    assert b"Break-glass access" in page.content
    assert AccessLogEntry.objects.filter(purpose="casework.break_glass").exists()
    # The administrator holds no break-glass role: still 404.
    admin = verified_client(admin_user)
    assert (
        admin.post(
            reverse("casework:break_glass"),
            {"case_number": case.number, "reason": "Curious about it"},
        ).status_code
        == 404
    )
    with time_machine.travel(
        dt.datetime.now(dt.UTC) + dt.timedelta(hours=settings.URBIS_CASEWORK_BREAK_GLASS_HOURS + 1)
    ):
        assert verified_client(dpo).get(url).status_code == 404


def test_break_glass_never_shows_secret_disclosures(
    full_case: dict[str, Any], director: Any, partner: Any, dpo: Any
) -> None:
    case = full_case["case"]
    services.disclosure_add(
        actor=director, case=case, basis="art_458ter", secrecy_class="secret",
        summary="Confided secret about the family", audience_ids=[partner.pk],
    )  # fmt: skip
    services.break_glass_open(actor=dpo, case_number=case.number, reason="Emergency check now")
    page = verified_client(dpo).get(reverse("casework:case", args=[case.pk]))
    assert b"Confided secret" not in page.content
    assert b"Lena" in page.content  # break-glass shows identities (CW-R3)


def test_identity_only_with_identity_rights(
    full_case: dict[str, Any], partner: Any, director: Any
) -> None:
    case = full_case["case"]
    page = verified_client(partner).get(reverse("casework:case", args=[case.pk]))
    assert b"Verhaegen" not in page.content and case.alias.encode() in page.content
    api = verified_client(partner).get(reverse("api-casework-case", args=[case.pk])).json()
    assert "Verhaegen" not in str(api)
    own = verified_client(director).get(reverse("casework:case", args=[case.pk]))
    assert b"Verhaegen" in own.content


def test_module_home_lists_only_own_cases(
    full_case: dict[str, Any], third: Any, partner: Any
) -> None:
    other = create_user("caseworker", username="someoneelse", organisation=third.organisation)
    assert (
        full_case["case"].number.encode()
        in verified_client(partner).get(reverse("casework:home")).content
    )
    assert (
        full_case["case"].number.encode()
        not in verified_client(other).get(reverse("casework:home")).content
    )


def test_audit_page_names_case_reads_by_number_and_alias(
    full_case: dict[str, Any], partner: Any, dpo: Any
) -> None:
    case = full_case["case"]
    verified_client(partner).get(reverse("casework:case", args=[case.pk]))
    page = verified_client(dpo).get(reverse("core:audit_log"), {"tab": "access"})
    assert f"{case.number} · {case.alias}".encode() in page.content
    assert b"Verhaegen" not in page.content


def test_search_with_odd_input_never_fails(full_case: dict[str, Any], partner: Any) -> None:
    client = verified_client(partner)
    for q in ("\x00", "a" * 5000, "%", "' OR 1=1 --"):
        # NUL bytes are refused up front (400) by core's middleware; nothing is ever a 500.
        assert client.get(reverse("casework:home"), {"q": q}).status_code in (200, 400)
        assert client.get(reverse("api-casework-cases"), {"q": q}).status_code in (200, 400)
    assert client.get("/casework/cases/99999999999999999999/").status_code == 404
    assert client.get("/api/v1/casework/cases/99999999999999999999/").status_code == 404


def test_admin_edits_tables_but_never_sees_cases(
    full_case: dict[str, Any], admin_user: Any
) -> None:
    from django.conf import settings

    admin_user.is_superuser = True  # every model permission: still no case in the admin
    admin_user.save()
    client = verified_client(admin_user)
    base = "/" + settings.URBIS_ADMIN_PATH
    assert client.get(f"{base}casework/consultationtable/").status_code == 200
    assert client.get(f"{base}casework/case/").status_code == 404
    assert full_case["case"].alias.encode() not in client.get(base).content


def test_api_list_filters(full_case: dict[str, Any], partner: Any) -> None:
    client = verified_client(partner)
    url = reverse("api-casework-cases")
    assert [c["number"] for c in client.get(url, {"status": "signal"}).json()] == [
        full_case["case"].number
    ]
    assert client.get(url, {"status": "closed"}).json() == []
    bad = client.get(url, {"status": "nope"})
    assert bad.status_code == 400 and "status" in bad.json()["errors"]


def test_a_method_a_case_route_does_not_answer_is_404_for_outsiders(
    full_case: dict[str, Any], partner: Any, third: Any
) -> None:
    """A 405 would answer before need to know: an outsider gets 404 for every method."""
    outsider, member = verified_client(third), verified_client(partner)
    for url in _api_urls(full_case) + _post_urls(full_case)[-5:]:
        for method in ("get", "put", "patch", "delete"):
            assert getattr(outsider, method)(url).status_code == 404, (method, url)
    participants = reverse("api-casework-participants", args=[full_case["case"].pk])
    assert member.get(participants).status_code == 405
    assert (
        member.delete(reverse("api-casework-case", args=[full_case["case"].pk])).status_code == 405
    )


def test_overdue_actions_on_the_casework_page_are_access_logged(
    full_case: dict[str, Any], director: Any, partner: Any
) -> None:
    case = full_case["case"]
    services.action_add(
        actor=director, case=case, organisation=partner.organisation,
        description="Call the school", due_on=timezone.localdate() - dt.timedelta(days=3),
    )  # fmt: skip
    # A search that does not match the case: the list logs nothing, the alert still shows it.
    page = verified_client(partner).get(reverse("casework:home"), {"q": "no-such-case"})
    assert b"Call the school" in page.content
    assert AccessLogEntry.objects.filter(
        user=partner, object_type="casework.case", object_id=str(case.pk),
        purpose="casework.overdue_actions",
    ).exists()  # fmt: skip
