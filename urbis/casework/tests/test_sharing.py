"""Disclosures, the feedback sheet (consensus and secrecy), consent, forged ids, restriction."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from urbis.casework import services
from urbis.casework.models import Case
from urbis.core.models import AuditEvent
from urbis.core.testing.fixtures import verified_client

pytestmark = pytest.mark.django_db

SECRET = "Told the CAW in confidence about a relapse"


@pytest.fixture
def livc(livc_case: Case, partner: Any, third: Any) -> dict[str, Any]:
    chair = livc_case.participants.get(capacity="director").user
    services.participant_add(actor=chair, case=livc_case, user_id=third.pk)
    meeting = services.meeting_record(
        actor=chair, case=livc_case, held_on=dt.date(2026, 3, 9),
        attendee_ids=[chair.pk, partner.pk, third.pk],
    )  # fmt: skip
    secret = services.disclosure_add(
        actor=partner, case=livc_case, basis="art_458ter", secrecy_class="secret",
        summary=SECRET, audience_ids=[chair.pk], meeting=meeting,
    )  # fmt: skip
    shared = services.disclosure_add(
        actor=third, case=livc_case, basis="art_458ter", secrecy_class="shareable",
        summary="Attends the youth centre weekly", meeting=meeting,
    )  # fmt: skip
    return {"case": livc_case, "chair": chair, "meeting": meeting, "secret": secret,
            "shared": shared}  # fmt: skip


def test_sheet_is_issued_only_with_everyones_consent(
    livc: dict[str, Any], partner: Any, third: Any
) -> None:
    case, chair = livc["case"], livc["chair"]
    sheet = services.sheet_draft(
        actor=chair, case=case, meeting=livc["meeting"], content="Follow-up by the youth centre.",
        item_ids=[livc["shared"].pk],
    )  # fmt: skip
    services.sheet_consent(actor=chair, case=case, sheet_id=sheet.pk)
    services.sheet_consent(actor=partner, case=case, sheet_id=sheet.pk)
    with pytest.raises(ValidationError, match="Every member who took part"):
        services.sheet_issue(actor=chair, case=case, sheet_id=sheet.pk)
    sheet.refresh_from_db()
    assert sheet.status == "draft"
    assert AuditEvent.objects.filter(action="casework.sheet_refused").exists()
    services.sheet_consent(actor=third, case=case, sheet_id=sheet.pk)
    issued = services.sheet_issue(actor=chair, case=case, sheet_id=sheet.pk)
    assert issued.status == "issued" and issued.issued_at is not None


def test_sheet_refuses_secret_item_and_secret_text(livc: dict[str, Any]) -> None:
    case, chair = livc["case"], livc["chair"]
    with pytest.raises(ValidationError, match="never include information marked secret"):
        services.sheet_draft(
            actor=chair, case=case, meeting=livc["meeting"], content="ok",
            item_ids=[livc["secret"].pk],
        )  # fmt: skip
    with pytest.raises(ValidationError, match="repeats information marked secret"):
        services.sheet_draft(
            actor=chair, case=case, meeting=livc["meeting"], content=f"Note: {SECRET}."
        )


def test_only_attendees_consent_and_only_for_themselves(
    livc: dict[str, Any], director: Any
) -> None:
    case = livc["case"]
    sheet = services.sheet_draft(
        actor=livc["chair"], case=case, meeting=livc["meeting"], content="ok"
    )
    with pytest.raises(Case.DoesNotExist):
        services.sheet_consent(actor=director, case=case, sheet_id=sheet.pk)  # not a participant


def test_secret_disclosure_stays_with_its_audience(
    livc: dict[str, Any], partner: Any, third: Any
) -> None:
    case = livc["case"]
    chair_page = verified_client(livc["chair"]).get(reverse("casework:case", args=[case.pk]))
    third_page = verified_client(third).get(reverse("casework:case", args=[case.pk]))
    assert SECRET.encode() in chair_page.content
    assert SECRET.encode() not in third_page.content
    assert b"Attends the youth centre" in third_page.content
    api = verified_client(third).get(reverse("api-casework-disclosures", args=[case.pk])).json()
    assert [d["summary"] for d in api] == ["Attends the youth centre weekly"]
    # Not in the indicators, search or list either.
    for client in (verified_client(third),):
        assert SECRET.encode() not in client.get(reverse("casework:home"), {"q": "relapse"}).content
        assert SECRET not in str(client.get(reverse("api-casework-indicators")).json())


def test_feedback_sheet_pdf_in_three_languages_without_secret(
    livc: dict[str, Any], partner: Any, third: Any
) -> None:
    from pypdf import PdfReader

    case, chair = livc["case"], livc["chair"]
    sheet = services.sheet_draft(
        actor=chair, case=case, meeting=livc["meeting"], content="Follow-up agreed.",
        item_ids=[livc["shared"].pk],
    )  # fmt: skip
    titles = {"nl": "Terugkoppelingsfiche", "fr": "Fiche de retour", "en": "Feedback sheet"}
    for language, title in titles.items():
        response = verified_client(chair).get(
            reverse("casework:sheet_pdf", args=[case.pk, sheet.pk]), {"lang": language}
        )
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
        assert title.lower() in text.lower(), language
        assert "relapse" not in text
        assert "Attends the youth centre weekly" in text


def test_forged_ids_are_refused_with_400(fjc_case: Case, director: Any, third: Any) -> None:
    client = verified_client(director)
    # An attendee who is not a participant (forged id) in the page form and in the API.
    response = client.post(
        reverse("casework:case_step", args=[fjc_case.pk, "meeting"]),
        {"held_on": "2026-03-09", "attendees": [third.pk]},
    )
    assert response.status_code == 400
    refused = AuditEvent.objects.filter(action="casework.step_refused").get()
    assert refused.data["step"] == "meeting"
    api = client.post(
        reverse("api-casework-disclosures", args=[fjc_case.pk]),
        {"basis": "art_458ter", "secrecy_class": "secret", "summary": "x", "audience": [third.pk]},
        content_type="application/json",
    )
    assert api.status_code == 400
    assert "audience" in api.json()["errors"]
    assert AuditEvent.objects.filter(
        action="casework.step_refused", data__step="api_disclosure"
    ).exists()
    bogus = client.post(
        reverse("api-casework-participants", args=[fjc_case.pk]),
        {"user": 2**40}, content_type="application/json",
    )  # fmt: skip
    assert bogus.status_code == 400
    junk = client.post(
        reverse("api-casework-disclosures", args=[fjc_case.pk]),
        {"basis": "x\x00" * 3000, "secrecy_class": "secret", "summary": "y" * 5000},
        content_type="application/json",
    )
    assert junk.status_code == 400


def test_participants_must_be_caseworkers_of_a_table_organisation(
    fjc_case: Case, director: Any, coordinator: Any, orgs: Any
) -> None:
    from urbis.core.testing.fixtures import create_user

    with pytest.raises(ValidationError):
        services.participant_add(actor=director, case=fjc_case, user_id=coordinator.pk)
    stranger = create_user("caseworker", username="stranger")  # no organisation
    fjc_case.table.allowed_organisations.set([orgs["FJC"]])
    with pytest.raises(ValidationError, match="does not take part"):
        services.participant_add(actor=director, case=fjc_case, user_id=stranger.pk)


def test_consent_withdrawal_ends_referrals_to_the_recipient(
    fjc_case: Case, director: Any, orgs: Any
) -> None:
    subject = fjc_case.subjects.get()
    referral = services.referral_add(
        actor=director, case=fjc_case, service="drug_service", organisation=orgs["OCMW"]
    )
    consent = services.consent_record(
        actor=director, case=fjc_case, subject_id=subject.pk, purpose="service",
        recipient=orgs["OCMW"],
    )  # fmt: skip
    services.consent_withdraw(actor=director, case=fjc_case, consent_id=consent.pk)
    referral.refresh_from_db()
    consent.refresh_from_db()
    assert referral.status == "ended" and consent.withdrawn_on is not None
    assert fjc_case.subjects.exists()  # data under the legal basis stays (CW-R6)


def test_restricted_case_is_kept_but_frozen(fjc_case: Case, director: Any, dpo: Any) -> None:
    from urbis.core.gdpr import services as gdpr

    gdpr.restriction_set(
        actor=dpo, object_type="casework.case", object_id=str(fjc_case.pk), reason="Art. 18 request"
    )
    with pytest.raises(ValidationError, match="restricted"):
        services.case_assess(actor=director, case=fjc_case, risk_level="low")
    assert Case.objects.filter(pk=fjc_case.pk).exists()


def test_risk_sets_approach_and_closure(fjc_case: Case, director: Any, partner: Any) -> None:
    services.case_assess(actor=partner, case=fjc_case, risk_level="low", status="active")
    fjc_case.refresh_from_db()
    assert (fjc_case.approach, fjc_case.status) == ("voluntary", "active")
    with pytest.raises(ValidationError, match="case director"):
        services.case_close(actor=partner, case=fjc_case, reason="goals_met")
    services.case_close(actor=director, case=fjc_case, reason="goals_met")
    fjc_case.refresh_from_db()
    assert fjc_case.status == "closed" and fjc_case.closed_on is not None


def test_contact_log_has_no_identity_and_alias_is_the_workers(director: Any, partner: Any) -> None:
    from urbis.casework.models import ContactLog

    client = verified_client(director)
    response = client.post(
        reverse("casework:contacts"),
        {"on": "2026-03-01", "theme": "drugs", "people": 2, "alias": "Blue cap"},
    )
    assert response.status_code == 302
    assert {f.name for f in ContactLog._meta.get_fields()} >= {"alias", "theme"}
    assert not {"first_name", "last_name", "national_number", "person"} & {
        f.name for f in ContactLog._meta.get_fields()
    }
    assert b"Blue cap" in client.get(reverse("casework:contacts")).content
    assert b"Blue cap" not in verified_client(partner).get(reverse("casework:contacts")).content
    assert (
        client.post(
            reverse("casework:contacts"), {"on": "x", "theme": "?", "people": 0}
        ).status_code
        == 400
    )
    with pytest.raises(ValidationError, match="consent"):
        services.contact_convert_check(open_case_consent=False)


def test_open_case_page(tables: Any, director: Any) -> None:
    client = verified_client(director)
    assert client.get(reverse("casework:case_new")).status_code == 200
    bad = client.post(reverse("casework:case_new"), {"table": "999999", "risk_level": "extreme"})
    assert bad.status_code == 400
    ok = client.post(
        reverse("casework:case_new"), {"table": tables["veilig-huis"].pk, "risk_level": "low"}
    )
    assert ok.status_code == 302


def test_contact_becomes_a_case_only_with_consent(tables: Any, third: Any, partner: Any) -> None:
    from urbis.casework.models import ContactLog

    contact = services.contact_log(actor=third, on=dt.date(2026, 3, 1), theme="drugs")
    table = tables["prevention"]
    kwargs = dict(table=table, risk_level="low", first_name="A", last_name="B")
    with pytest.raises(ValidationError, match="consent"):
        services.contact_convert(
            actor=third, contact=contact, open_case_consent=False, evidence="", **kwargs
        )
    with pytest.raises(ValidationError, match="consent"):
        services.contact_convert(
            actor=third, contact=contact, open_case_consent=True, evidence=" ", **kwargs
        )
    with pytest.raises(ContactLog.DoesNotExist):
        services.contact_convert(
            actor=partner, contact=contact, open_case_consent=True, evidence="signed", **kwargs
        )
    assert not Case.objects.exists()
    case = services.contact_convert(
        actor=third, contact=contact, open_case_consent=True, evidence="signed form", **kwargs
    )
    assert case.consents.get().purpose == "open_case"


def test_indicators_are_counts_with_small_cells_suppressed(
    tables: Any, director: Any, coordinator: Any, settings: Any
) -> None:
    from urbis.casework.jobs import cases_opened

    settings.URBIS_CASEWORK_MIN_CELL = 3
    for _ in range(3):
        services.case_open(actor=director, table=tables["veilig-huis"], risk_level="low",
                           opened_on=dt.date(2026, 2, 1))  # fmt: skip
    services.case_open(actor=director, table=tables["veilig-huis"], risk_level="high",
                       opened_on=dt.date(2026, 2, 1))  # fmt: skip
    rows = verified_client(coordinator).get(reverse("api-casework-indicators")).json()
    by_risk = {r["risk_level"]: r["cases"] for r in rows}
    assert by_risk == {"low": 3, "high": None}  # one high-risk case: suppressed
    assert all(set(r) == {"table", "risk_level", "quarter", "cases"} for r in rows)
    assert cases_opened(dt.date(2026, 1, 1), dt.date(2026, 3, 31)).value == 4.0
    assert cases_opened(dt.date(2026, 2, 1), dt.date(2026, 2, 1)).value == 4.0
    assert cases_opened(dt.date(2025, 1, 1), dt.date(2025, 3, 31)).value == 0.0
