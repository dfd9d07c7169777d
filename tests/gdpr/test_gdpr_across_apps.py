"""GDPR instruments across apps: subject access (withheld, never leaked), records, DPIA export,
retention with frozen time and proofs, access-log search, alerts, requests, breaches."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from urbis.casework import services
from urbis.casework.models import Case
from urbis.core.gdpr import registry, selectors
from urbis.core.gdpr import services as gdpr
from urbis.core.gdpr.models import RetentionProof
from urbis.core.models import AccessLogEntry, AuditEvent
from urbis.core.testing.fixtures import PERSONA_FIXTURES, verified_client

pytestmark = pytest.mark.django_db

NN = "88040212345"
SECRET = "Confided to the CAW: a relapse in March"


@pytest.fixture
def person_everywhere(
    fjc_case: Case, livc_case: Case, director: Any, partner: Any
) -> dict[str, Any]:
    from urbis.sanctions.models import Offender, RegisterEntry

    Offender.objects.create(kind="natural", name="Verhaegen", first_name="Lena", national_number=NN)
    RegisterEntry.objects.create(
        case_number="GAS-2020-1", offender_name="Lena Verhaegen", national_number=NN,
        article_code="A1", procedure="fine", offence_on=dt.date(2020, 1, 1), measure="fine",
        decided_on=dt.date(2020, 2, 1),
    )  # fmt: skip
    services.disclosure_add(
        actor=partner, case=fjc_case, basis="art_458ter", secrecy_class="secret",
        summary=SECRET, audience_ids=[director.pk],
    )  # fmt: skip
    services.disclosure_add(
        actor=director, case=fjc_case, basis="art_458ter", secrecy_class="shareable",
        summary="Safety plan agreed with the family",
    )  # fmt: skip
    chair = livc_case.participants.get(capacity="director").user
    services.subject_add(
        actor=chair, case=livc_case, role="focus_person", first_name="Lena",
        last_name="Verhaegen", national_number=NN,
    )  # fmt: skip
    verified_client(partner).get(reverse("casework:case", args=[fjc_case.pk]))
    return {"fjc": fjc_case, "livc": livc_case}


def test_subject_access_finds_the_person_everywhere_and_withholds_with_reason(
    person_everywhere: dict[str, Any], dpo: Any
) -> None:
    result = selectors.subject_access(dpo, registry.SubjectQuery(national_number=NN))
    by_app = {a.app: a for a in result.apps}
    assert {"sanctions", "casework", "core"} <= set(by_app)
    kinds = [i.kind for i in by_app["sanctions"].items]
    assert "offender" in kinds and "register" in kinds
    casework = by_app["casework"]
    assert [i.label.split(": ")[1] for i in casework.items] == [person_everywhere["fjc"].number]
    reasons = " ".join(w.reason for w in casework.withheld)
    assert "LIVC-R" in reasons and "458ter" in reasons
    text = json.dumps(result.as_dict())
    assert SECRET not in text
    assert person_everywhere["livc"].number not in text
    assert "Safety plan agreed" in text
    # The reads of the person's records are in the export (the partner opened the case).
    assert any(r["user_label"] == "partner1" for r in result.reads)


def test_subject_access_command_json_pdf_and_bad_input(
    person_everywhere: dict[str, Any], tmp_path: Path
) -> None:
    from pypdf import PdfReader

    out, pdf = tmp_path / "sa.json", tmp_path / "sa.pdf"
    call_command(
        "gdpr",
        "subject-access",
        "--national-number",
        "88.04.02-123.45",
        "--out",
        str(out),
        "--pdf",
        str(pdf),
    )
    data = json.loads(out.read_text())
    assert data["national_number"] == NN
    assert SECRET not in out.read_text()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "Withheld" in text and SECRET not in text
    with pytest.raises(CommandError) as bad:
        call_command("gdpr", "subject-access", "--national-number", "123", "--out", str(out))
    assert bad.value.returncode == 2


def test_records_command_and_pia_export(tmp_path: Path, capsys: Any) -> None:
    call_command("gdpr", "records", "--format", "json")
    records = json.loads(capsys.readouterr().out)["processing_activities"]
    apps = {r["app"] for r in records}
    assert {"core", "sanctions", "plan", "cpted", "casework"} <= apps
    for row in records:
        assert row["purposes"] and row["legal_basis"] and row["retention"], row["code"]
    call_command("gdpr", "records", "--format", "csv")
    assert capsys.readouterr().out.startswith("code,app,name")
    out = tmp_path / "pia.json"
    call_command("gdpr", "pia", "--out", str(out))
    pia = json.loads(out.read_text())
    assert set(pia) >= {"pia", "answers"}
    refs = {a["reference_to"] for a in pia["answers"]}
    assert {111, 121, 211, 212, 215} <= refs
    assert all(set(a["data"]) == {"text", "gauge", "list"} for a in pia["answers"])
    with pytest.raises(CommandError):
        call_command("gdpr", "pia", "--activity", "nope", "--out", str(out))


@pytest.mark.parametrize("persona", [p for p in PERSONA_FIXTURES if p != "dpo"])
def test_gdpr_pages_are_for_the_dpo_only(
    request: pytest.FixtureRequest, persona: str, dpo: Any
) -> None:
    urls = [
        reverse("core:gdpr"),
        reverse("core:gdpr_records", args=["csv"]),
        reverse("core:gdpr_pia", args=["casework.case_consultation"]),
        reverse("core:gdpr_subject_access") + f"?national_number={NN}&format=json",
        reverse("core:gdpr_access_log"),
        reverse("core:gdpr_requests"),
        reverse("core:gdpr_breaches"),
    ]
    other = verified_client(request.getfixturevalue(persona))
    mine = verified_client(dpo)
    for url in urls:
        assert other.get(url).status_code == 404, (persona, url)
        assert mine.get(url).status_code == 200, url


def test_dpo_never_reads_casework_content_outside_break_glass(
    person_everywhere: dict[str, Any], dpo: Any
) -> None:
    client = verified_client(dpo)
    assert (
        client.get(reverse("casework:case", args=[person_everywhere["fjc"].pk])).status_code == 404
    )
    page = client.get(reverse("core:gdpr_subject_access"), {"national_number": NN})
    assert page.status_code == 200 and SECRET.encode() not in page.content
    bad = client.get(reverse("core:gdpr_subject_access"), {"national_number": "12"})
    assert bad.status_code == 400


def test_access_log_search_by_person_and_user_with_readable_names(
    person_everywhere: dict[str, Any], dpo: Any
) -> None:
    fjc = person_everywhere["fjc"]
    rows = selectors.access_log_search(dpo, national_number=NN)
    assert rows and all(r.entry.object_type == "casework.case" for r in rows)
    assert rows[0].name == f"{fjc.number} · {fjc.alias}"
    assert rows[0].url == reverse("casework:case", args=[fjc.pk])
    by_user = selectors.access_log_search(dpo, username="partner1")
    assert {r.entry.user_label for r in by_user} == {"partner1"}
    page = verified_client(dpo).get(reverse("core:gdpr_access_log"), {"national_number": NN})
    assert fjc.alias.encode() in page.content
    assert selectors.access_log_search(dpo) == []


def test_unusual_access_and_break_glass_alerts(
    person_everywhere: dict[str, Any], dpo: Any, partner: Any, settings: Any
) -> None:
    from urbis.core.audit import log_access

    settings.URBIS_GDPR_UNUSUAL_READS_PER_HOUR = 5
    for i in range(7):
        log_access(user=partner, target=("sanctions.case", i), purpose="gas.case")
    services.break_glass_open(
        actor=dpo, case_number=person_everywhere["fjc"].number, reason="Police report of danger"
    )
    kinds = {(a.kind, a.user_label) for a in selectors.unusual_access(dpo)}
    assert ("volume", "partner1") in kinds and ("break_glass", "dpo") in kinds
    page = verified_client(dpo).get(reverse("core:gdpr"))
    assert b"Police report of danger" in page.content


def test_the_dpo_reviews_each_break_glass_opening_once(
    person_everywhere: dict[str, Any], dpo: Any, partner: Any
) -> None:
    """Art. 5(2), 32(1)(d): an emergency opening is reviewed (justified, or unjustified with
    what follows), recorded append-only, once; nobody else may review."""
    services.break_glass_open(
        actor=dpo, case_number=person_everywhere["fjc"].number, reason="Police report of danger"
    )
    event = selectors.break_glass_uses(dpo).get()
    url = reverse("core:gdpr_break_glass_review", args=[event.pk])
    client = verified_client(dpo)
    page = client.get(reverse("core:gdpr")).content.decode()
    assert f'action="{url}"' in page
    assert client.post(url, {"finding": "unjustified", "note": ""}).status_code == 400
    assert verified_client(partner).post(url, {"finding": "justified"}).status_code == 404
    assert client.post(url, {"finding": "justified", "note": "danger confirmed"}).status_code == 302
    again = client.post(url, {"finding": "unjustified", "note": "second thoughts"})
    assert again.status_code == 400
    page = client.get(reverse("core:gdpr")).content.decode()
    assert 'data-reviewed="justified"' in page and "danger confirmed" in page
    assert f'action="{url}"' not in page
    review = AuditEvent.objects.get(action="gdpr.break_glass_reviewed")
    assert review.object_id == str(event.pk) and review.data["finding"] == "justified"
    other = AuditEvent.objects.exclude(action__endswith="break_glass").first()
    assert other is not None
    bad = reverse("core:gdpr_break_glass_review", args=[other.pk])
    assert client.post(bad, {"finding": "justified"}).status_code == 404


def test_retention_counts_from_closure_with_frozen_time_and_proof(
    fjc_case: Case, director: Any
) -> None:
    services.case_close(
        actor=director, case=fjc_case, reason="goals_met", closed_on=dt.date(2021, 6, 15)
    )
    # Veilig Huis table: 60 months from closure -> kept until 2026-06-15 included.
    with time_machine.travel(dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC)):
        dry = gdpr.retention_run(actor=None, dry_run=True, only="casework.closed_cases")
        assert [r.count for r in dry] == [0]
    with time_machine.travel(dt.datetime(2026, 6, 16, 12, tzinfo=dt.UTC)):
        dry = gdpr.retention_run(actor=None, dry_run=True, only="casework.closed_cases")
        assert [r.count for r in dry] == [1]
        assert Case.objects.filter(pk=fjc_case.pk).exists()  # a dry run deletes nothing
        assert not RetentionProof.objects.exists()
        gdpr.retention_run(actor=None, only="casework.closed_cases")
    assert not Case.objects.filter(pk=fjc_case.pk).exists()
    from urbis.casework.models import Person

    assert not Person.objects.filter(national_number=NN).exists()
    proof = RetentionProof.objects.get()
    assert (proof.rule, proof.count, proof.run_on) == (
        "casework.closed_cases",
        1,
        dt.date(2026, 6, 16),
    )


@pytest.mark.parametrize(
    ("decided", "today", "purged"),
    [
        pytest.param(
            dt.date(2020, 3, 1), dt.date(2025, 3, 1), 0, id="GAS-R48 exactly 5 years: kept"
        ),
        pytest.param(
            dt.date(2020, 2, 29), dt.date(2025, 3, 1), 1, id="GAS-R48 older than 5 years: purged"
        ),
    ],
)
def test_gas_register_purge_is_wired_in(decided: dt.date, today: dt.date, purged: int) -> None:
    from urbis.sanctions.models import PurgeLog, RegisterEntry

    RegisterEntry.objects.create(
        case_number="GAS-1", offender_name="X", article_code="A1", procedure="fine",
        offence_on=decided, measure="fine", decided_on=decided,
    )  # fmt: skip
    with time_machine.travel(dt.datetime(today.year, today.month, today.day, 12, tzinfo=dt.UTC)):
        [dry] = gdpr.retention_run(actor=None, dry_run=True, only="sanctions.register")
        assert dry.count == purged
        [done] = gdpr.retention_run(actor=None, only="sanctions.register")
    assert done.count == purged
    assert RegisterEntry.objects.count() == 1 - purged
    assert PurgeLog.objects.count() == 1  # the existing purge ran (and logged), once
    assert RetentionProof.objects.filter(rule="sanctions.register", count=purged).exists()


def test_access_log_is_itself_purged(settings: Any, partner: Any) -> None:
    from urbis.core.audit import log_access

    settings.URBIS_ACCESS_LOG_RETENTION_MONTHS = 24
    with time_machine.travel(dt.datetime(2023, 1, 10, tzinfo=dt.UTC)):
        log_access(user=partner, target=("casework.case", 1), purpose="test.old")
    with time_machine.travel(dt.datetime(2025, 1, 20, tzinfo=dt.UTC)):
        log_access(user=partner, target=("casework.case", 1), purpose="test.recent")
        [result] = gdpr.retention_run(actor=None, only="core.access_log")
    assert result.count == 1
    assert list(AccessLogEntry.objects.values_list("purpose", flat=True)) == ["test.recent"]
    with pytest.raises(PermissionError):
        AccessLogEntry.objects.all().delete()  # still append-only afterwards


def test_retention_command_dry_run(capsys: Any) -> None:
    call_command("gdpr", "retention", "--dry-run")
    out = capsys.readouterr().out
    assert "casework.closed_cases: would delete 0" in out and "sanctions.register" in out
    assert not RetentionProof.objects.exists()
    with pytest.raises(CommandError):
        call_command("gdpr", "retention", "--rule", "nope")


def test_request_steps_history_and_restriction(fjc_case: Case, director: Any, dpo: Any) -> None:
    client = verified_client(dpo)
    response = client.post(
        reverse("core:gdpr_requests"), {"kind": "restrict", "national_number": NN}
    )
    assert response.status_code == 302
    req = selectors.requests_for(dpo).get()
    from urbis.core.calendar import add_months

    assert req.due_on == add_months(req.received_on, 1)  # art. 12(3): one month
    url = reverse("core:gdpr_request", args=[req.pk])
    assert (
        client.post(
            url,
            {
                "form": "restrict",
                "object_type": "casework.case",
                "object_id": str(fjc_case.pk),
                "reason": "Accuracy contested",
            },
        ).status_code
        == 302
    )
    assert (
        client.post(
            url, {"form": "step", "step": "note", "close": "refused", "note": ""}
        ).status_code
        == 400
    )
    assert (
        client.post(
            url, {"form": "step", "step": "answered", "close": "done", "note": "Letter sent"}
        ).status_code
        == 302
    )
    req.refresh_from_db()
    assert [s.step for s in req.steps.order_by("at", "pk")] == [
        "received",
        "restricted",
        "answered",
    ]
    assert req.status == "done"
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.action_add(actor=director, case=fjc_case, organisation=director.organisation,
                            description="x", due_on=dt.date(2026, 5, 1))  # fmt: skip
    # The case page says so, and offers no form to change it.
    page = verified_client(director).get(reverse("casework:case", args=[fjc_case.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "data-restricted" in html
    assert "restricted (GDPR art. 18)" in html and "<form" not in html.split("</h1>", 1)[1]


def test_breach_72_hour_clock(dpo: Any) -> None:
    from django.core.exceptions import ValidationError

    aware = timezone.now() - dt.timedelta(hours=80)
    breach = gdpr.breach_record(actor=dpo, title="Laptop lost", discovered_at=aware)
    assert breach.notify_by == aware + dt.timedelta(hours=72)
    with pytest.raises(ValidationError, match="72 hours"):
        gdpr.breach_notified(actor=dpo, breach=breach)
    gdpr.breach_notified(actor=dpo, breach=breach, delay_reason="Discovered during holidays")
    with pytest.raises(ValidationError):
        gdpr.breach_record(
            actor=dpo, title="Future", discovered_at=timezone.now() + dt.timedelta(days=1)
        )
    page = verified_client(dpo).get(reverse("core:gdpr_breaches"))
    assert b"Laptop lost" in page.content


def _zip_parts(data: bytes) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_subject_access_zip_one_json_and_pdf_per_app_withheld_with_reason_only(
    person_everywhere: dict[str, Any], dpo: Any, tmp_path: Path
) -> None:
    out = tmp_path / "sa.zip"
    call_command("gdpr", "subject-access", "--national-number", NN, "--out", str(out))
    parts = _zip_parts(out.read_bytes())
    apps = [a.app for a in registry.subject_providers()]
    expected = {f"{app}.{ext}" for app in apps for ext in ("json", "pdf")}
    expected |= {"access-log-reads.json", "access-log-reads.pdf", "subject-access.json"}
    assert set(parts) == expected
    casework = json.loads(parts["casework.json"])
    assert casework["app"] == "casework" and casework["national_number"] == NN
    assert [i["label"].split(": ")[1] for i in casework["items"]] == [
        person_everywhere["fjc"].number
    ]
    reasons = " ".join(w["reason"] for w in casework["withheld"])
    assert "LIVC-R" in reasons and "458ter" in reasons
    sanctions = json.loads(parts["sanctions.json"])
    assert {"offender", "register"} <= {i["kind"] for i in sanctions["items"]}
    assert "casework" not in parts["sanctions.json"].decode()
    casework_pdf = _pdf_text(parts["casework.pdf"])
    assert "Withheld" in casework_pdf and person_everywhere["fjc"].number in casework_pdf
    assert "Who read these records" not in casework_pdf
    reads = json.loads(parts["access-log-reads.json"])["reads"]
    assert any(r["user_label"] == "partner1" for r in reads)
    assert "partner1" in _pdf_text(parts["access-log-reads.pdf"])
    for name, content in parts.items():
        text = _pdf_text(content) if name.endswith(".pdf") else content.decode()
        assert SECRET not in text, name
        assert person_everywhere["livc"].number not in text, name
    # The same archive from the DPO's page.
    page = verified_client(dpo).get(
        reverse("core:gdpr_subject_access"), {"national_number": NN, "format": "zip"}
    )
    assert page.status_code == 200 and page["Content-Type"] == "application/zip"
    assert 'filename="subject-access.zip"' in page["Content-Disposition"]
    assert set(_zip_parts(page.content)) == expected
    html = verified_client(dpo).get(reverse("core:gdpr_subject_access"), {"national_number": NN})
    assert b"format=zip" in html.content


def test_subject_access_zip_unwritable_path_exits_2(person_everywhere: dict[str, Any]) -> None:
    with pytest.raises(CommandError) as bad:
        call_command(
            "gdpr", "subject-access", "--national-number", NN, "--out", "/nonexistent/x/sa.zip"
        )
    assert bad.value.returncode == 2


def test_search_by_person_finds_reads_of_a_withheld_livc_case_the_export_never_names(
    person_everywhere: dict[str, Any], partner: Any, dpo: Any
) -> None:
    """Art. 23 withholds the LIVC-R case from the person, not from the DPO's supervision."""
    livc = person_everywhere["livc"]
    verified_client(partner).get(reverse("casework:case", args=[livc.pk]))
    rows = selectors.access_log_search(dpo, national_number=NN)
    assert (livc.pk, "partner1") in {(int(r.entry.object_id), r.entry.user_label) for r in rows}
    exported = selectors.subject_access(dpo, registry.SubjectQuery(national_number=NN))
    text = json.dumps(exported.as_dict())
    assert livc.number not in text and livc.alias not in text
    assert str(livc.pk) not in {r["object_id"] for r in exported.reads}
    api = verified_client(dpo).get("/api/v1/gdpr/subject-access/", {"national_number": NN})
    assert api.status_code == 200 and livc.number not in api.content.decode()
    assert "refs" not in api.content.decode()
