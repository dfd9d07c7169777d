"""The register's retention purge (GAS-R48, BELIEVED: 5 years, a setting) and the nightly
deadline sweep (GAS-R53: alerts at month 4, escalation at month 5; time-barred cases are
recorded, never silently dropped)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.core.languages import language_of
from urbis.core.types import Actor, actor_user
from urbis.sanctions import selectors, timelimits
from urbis.sanctions.models import LeadTimeStat, PurgeLog, RegisterEntry
from urbis.sanctions.selectors import worklists
from urbis.sanctions.services.cases import case_transition


def register_cutoff(today: dt.date) -> dt.date:
    """Entries decided before this date are past the register's retention (GAS-R48)."""
    years = selectors.settings_on(today).register_retention_years
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def register_purge(*, actor: Actor, today: dt.date | None = None) -> PurgeLog:
    """Delete register entries older than the retention period; the purge itself is logged.
    Run nightly by the GDPR retention job (urbis.core.gdpr, rule ``sanctions.register``)."""
    today = today or timezone.localdate()
    years = selectors.settings_on(today).register_retention_years
    cutoff = register_cutoff(today)
    with transaction.atomic():
        deleted, _ = RegisterEntry.objects.filter(decided_on__lt=cutoff).delete()
        log = PurgeLog.objects.create(
            at=timezone.now(),
            actor=actor_user(actor),
            cutoff=cutoff,
            retention_years=years,
            deleted=deleted,
        )
        record_event(
            actor=actor,
            action="gas.register_purged",
            target=log,
            data={"cutoff": cutoff.isoformat(), "deleted": deleted, "years": years},
        )
    return log


@dataclass
class SweepResult:
    alerts: list[tuple[str, str, dt.date]]
    escalations: list[tuple[str, str, dt.date]]
    time_barred: list[str]

    def summary(self) -> str:
        return (
            f"{len(self.alerts)} alert(s), {len(self.escalations)} escalation(s), "
            f"{len(self.time_barred)} time-barred"
        )


def _flag(result: SweepResult, number: str, deadline: Any, today: dt.date) -> None:
    """An approaching or passed deadline of the administration, at its GAS-R53 level."""
    if (deadline.escalate_on and today >= deadline.escalate_on) or today > deadline.due:
        result.escalations.append((number, deadline.code, deadline.due))
    elif deadline.alert_on and today >= deadline.alert_on:
        result.alerts.append((number, deadline.code, deadline.due))


def _sweep_decisions(result: SweepResult, today: dt.date) -> None:
    """GAS-R21..R23: the undecided cases whose limit approaches; those past it lapse."""
    # Alerts come at 4/6 of the term: 2 months before a 6-month limit, 5 before a 15-month
    # one; cases further away cannot be due for anything yet (the limit is stored per case).
    horizon = today + dt.timedelta(days=160)
    undecided = worklists.undecided_before(horizon)
    for case in undecided.iterator(chunk_size=500):
        for deadline in timelimits.deadlines_of(case):
            if deadline.code != "decision_limit":
                continue
            if today > deadline.due:
                case_transition(
                    actor=None, case=case, action="time_bar", on=today, via_service=True
                )
                result.time_barred.append(case.number)
            else:
                _flag(result, case.number, deadline, today)


def _sweep_community_service(result: SweepResult, today: dt.date) -> None:
    """GAS-R07: community service not yet performed as its execution term nears or ends."""
    pending = worklists.community_service_pending()
    for case in pending.iterator(chunk_size=500):
        for deadline in timelimits.deadlines_of(case):
            if deadline.code == "community_service" and deadline.met_on is None:
                _flag(result, case.number, deadline, today)


def deadline_sweep(*, today: dt.date | None = None) -> SweepResult:
    """Flag every undecided case whose limit approaches; record those past it; flag community
    service whose execution term approaches or passed."""
    today = today or timezone.localdate()
    result = SweepResult([], [], [])
    _sweep_decisions(result, today)
    _sweep_community_service(result, today)
    if result.alerts or result.escalations or result.time_barred:
        transaction.on_commit(lambda: _notify(result))
        record_event(
            actor=None,
            action="gas.deadline_sweep",
            target=("sanctions.case", "sweep"),
            data={
                "alerts": [n for n, _, _ in result.alerts],
                "escalations": [n for n, _, _ in result.escalations],
                "time_barred": result.time_barred,
            },
        )
    return result


def lead_times_refresh(since: dt.date | None = None) -> int:
    """Recompute the lead-time table for the last 13 months (nightly job)."""
    today = timezone.localdate()
    since = since or today.replace(day=1, year=today.year - 1, month=today.month)
    rows = selectors.compute_lead_times(since)
    now = timezone.now()
    with transaction.atomic():
        LeadTimeStat.objects.filter(month__gte=since.strftime("%Y-%m")).delete()
        LeadTimeStat.objects.bulk_create(
            LeadTimeStat(
                month=row["month"],
                procedure=row["procedure"],
                cases=row["cases"],
                median_days=float(row["median"]),
                p90_days=row["p90"],
                computed_at=now,
            )
            for row in rows
        )
    return len(rows)


def _notify(result: SweepResult) -> None:
    """Mail the sanctioning officials the cases that need them (GAS-R53): nobody may lose a
    case to a time limit without having been warned in time. Each official reads it in their
    own language: one mail per language, to the officials who chose it."""
    by_language: dict[str, list[str]] = {}
    for official in worklists.officials_to_mail():
        by_language.setdefault(language_of(official), []).append(official.email)
    for language, recipients in sorted(by_language.items()):
        with translation.override(language):
            subject, body = _deadline_mail(result)
        send_mail(subject=subject, message=body, from_email=None, recipient_list=recipients)


def _deadline_mail(result: SweepResult) -> tuple[str, str]:
    """The sweep's mail in the active language: subject and one line per case."""
    subject = _(
        "Urbis GAS deadlines: %(alerts)d alert(s), %(escalations)d escalation(s), "
        "%(time_barred)d time-barred"
    ) % {
        "alerts": len(result.alerts),
        "escalations": len(result.escalations),
        "time_barred": len(result.time_barred),
    }

    def day(due: Any) -> str:
        return formats.date_format(due, "SHORT_DATE_FORMAT")

    lines = [
        _("ESCALATION %(number)s: decide before %(due)s") % {"number": n, "due": day(due)}
        for n, _code, due in result.escalations
    ]
    lines += [
        _("alert %(number)s: decide before %(due)s") % {"number": n, "due": day(due)}
        for n, _code, due in result.alerts
    ]
    lines += [_("TIME-BARRED %(number)s") % {"number": n} for n in result.time_barred]
    return subject, "\n".join(lines)
