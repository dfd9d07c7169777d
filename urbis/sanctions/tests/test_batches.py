"""Bulk work: a day's parking notices, reminders after the payment term, enforcement export,
the dashboard's at-risk queue and the nightly lead-time table."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from urbis.core.testing.fixtures import verified_client
from urbis.sanctions.models import Case, LeadTimeStat, Letter
from urbis.sanctions.services import cases as case_services
from urbis.sanctions.services.batches import (
    enforcement_due,
    fixed_fines_decide,
    reminders_send,
)
from urbis.sanctions.services.intake import ascertainment_create
from urbis.sanctions.services.register import lead_times_refresh
from urbis.sanctions.tests.conftest import report

pytestmark = pytest.mark.django_db


def test_day_of_parking_notices_then_reminders_then_enforcement(
    catalogue, ascertainer, gas_staff, sanctioning_officer
) -> None:
    with time_machine.travel("2026-09-05 10:00", tick=False):
        for n in range(3):
            ascertainment_create(
                actor=ascertainer, data=report("PARK-1", reference=f"P/{n}", plate=f"1-AAA-{n}")
            )
        ascertainment_create(actor=ascertainer, data=report("ABP-12"))  # not a parking case
    with time_machine.travel("2026-09-07 10:00", tick=False):
        client = verified_client(gas_staff)
        client.post(reverse("sanctions:notices"), {"procedure": "parking"})  # immediate in tests
    assert Letter.objects.filter(kind="parking_notice").count() == 3
    assert Case.objects.filter(procedure="parking", status="opened").count() == 3
    assert Case.objects.get(procedure="general").status == "received"
    # GAS-R31: 30 days to pay; nothing is reminded inside the term.
    assert reminders_send(actor=None, today=dt.date(2026, 9, 30)).done == []
    with time_machine.travel("2026-10-20 10:00", tick=False):
        reminded = reminders_send(actor=None, today=dt.date(2026, 10, 20))
    assert len(reminded.done) == 3
    assert Letter.objects.filter(kind="reminder").count() == 3
    # GAS-R27: no collection without a decided fine.
    assert enforcement_due(today=dt.date(2026, 11, 30)) == []
    # Unpaid after the reminder: the sanctioning official decides the fixed fines in one go.
    assert fixed_fines_decide(actor=sanctioning_officer, today=dt.date(2026, 11, 20)).done == []
    with time_machine.travel("2026-11-24 10:00", tick=False):
        decided = fixed_fines_decide(actor=sanctioning_officer, today=dt.date(2026, 11, 24))
    assert len(decided.done) == 3
    assert Letter.objects.filter(kind="decision", registered=True).count() == 3
    # The decision's month to pay and to appeal runs; then a reminder; then collection.
    assert reminders_send(actor=None, today=dt.date(2026, 12, 20)).done == []
    with time_machine.travel("2027-01-05 10:00", tick=False):
        assert len(reminders_send(actor=None, today=dt.date(2027, 1, 5)).done) == 3
    assert enforcement_due(today=dt.date(2027, 1, 20)) == []  # reminder term still running
    due = enforcement_due(today=dt.date(2027, 2, 10))
    assert len(due) == 3
    with time_machine.travel("2027-02-10 10:00", tick=False):
        csv = verified_client(gas_staff).post(reverse("sanctions:enforcement")).content.decode()
    assert csv.count("GAS-2026-") == 3 and "58.00" in csv
    assert Case.objects.filter(status="enforcement").count() == 3


def test_dashboard_at_risk_and_lead_times(
    catalogue, ascertainer, gas_staff, sanctioning_officer
) -> None:
    with time_machine.travel("2026-03-05 10:00", tick=False):
        old = ascertainment_create(actor=ascertainer, data=report(on=dt.date(2026, 3, 2))).case
        decided = ascertainment_create(
            actor=ascertainer, data=report(reference="R2", on=dt.date(2026, 3, 2))
        ).case
    case_services.case_transition(
        actor=gas_staff, case=decided, action="send_opening_letter", on=dt.date(2026, 3, 5)
    )
    with time_machine.travel("2026-04-11 10:00", tick=False):
        case_services.case_transition(
            actor=sanctioning_officer,
            case=decided,
            action="decide_fine",
            amount=Decimal(80),
            motivation="m",
        )
    with time_machine.travel("2026-08-10 10:00", tick=False):
        assert lead_times_refresh() == 1
        page = verified_client(gas_staff).get(reverse("sanctions:dashboard")).content.decode()
    stat = LeadTimeStat.objects.get()
    assert (stat.month, stat.procedure, stat.cases, stat.median_days) == (
        "2026-04",
        "general",
        1,
        40.0,
    )
    old.refresh_from_db()
    assert old.decision_limit is not None and old.number in page
    assert decided.number not in page.split('id="at-risk"')[1].split("</section>")[0]


@time_machine.travel("2026-10-01 10:00", tick=False)
def test_appeal_judgment_and_instalments_through_the_pages(
    catalogue, ascertainer, gas_staff, sanctioning_officer
) -> None:
    case = ascertainment_create(actor=ascertainer, data=report()).case
    case_services.case_transition(
        actor=gas_staff, case=case, action="send_opening_letter", on=dt.date(2026, 9, 6)
    )
    case_services.case_transition(
        actor=sanctioning_officer,
        case=case,
        action="decide_fine",
        amount=Decimal(200),
        motivation="m",
    )
    client = verified_client(gas_staff)
    client.post(
        reverse("sanctions:case_instalments", args=[case.number]),
        {"instalments": "4", "first_due": "2026-11-01"},
    )
    assert case.instalment_plan.instalments == 4
    bad = client.post(
        reverse("sanctions:case_judgment", args=[case.number]),
        {"judgment": "annulled", "on": "2026-10-01"},
        follow=True,
    )
    assert "not allowed" in bad.content.decode()  # no appeal lodged yet
    client.post(
        reverse("sanctions:case_appeal", args=[case.number]),
        {"lodged_on": "2026-10-01", "reference": "PR-2026-77"},
    )
    case.refresh_from_db()
    assert case.status == "in_appeal" and case.appeals.get().court == "police"
    client.post(
        reverse("sanctions:case_judgment", args=[case.number]),
        {"judgment": "reformed", "on": "2026-10-01", "new_amount": "100"},
    )
    case.refresh_from_db()
    assert (case.status, case.amount) == ("decided", Decimal(100))
    assert case.appeals.get().judgment == "reformed"


def test_fixed_fines_button_is_for_the_official(catalogue, gas_staff, sanctioning_officer) -> None:
    assert verified_client(gas_staff).post(reverse("sanctions:fixed_fines")).status_code == 404
    response = verified_client(sanctioning_officer).post(reverse("sanctions:fixed_fines"))
    assert response.status_code == 302
