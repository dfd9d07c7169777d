"""The legal conditions of a step beyond the transition table (which only says *from where*).

Each refusal names its rule (``domain/gas.md`` §9). Called by ``case_transition`` under the
case's row lock, before anything is written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from urbis.core.roles import has_role
from urbis.core.types import Actor
from urbis.sanctions import selectors, timelimits, workflow
from urbis.sanctions.models import Case
from urbis.sanctions.permissions import DECIDE_ROLES
from urbis.sanctions.rules import amounts
from urbis.sanctions.workflow import Procedure, Status

DECISIONS = {"decide_fine", "decide_warning", "decide_no_follow_up"}
#: Steps that only their own service may take (it records what the step needs: the defence
#: text, the hearing, the appeal, the payment) — never a bare transition from a page or the API.
SERVICE_ONLY = {
    "record_defence",
    "schedule_hearing",
    "lodge_appeal",
    "appeal_confirmed",
    "appeal_annulled",
    "payment_received",
    "time_bar",
}
#: Steps that are the sanctioning official's own decisions (or record the college's).
OFFICIAL_ONLY = DECISIONS | {
    "reject_defence",
    "college_warning",
    "college_suspension",
    "college_withdrawal",
    "college_closure",
}
#: Before the prosecutor's gate is cleared a mixed case may only go to or come from him.
PROSECUTOR_STEPS = {
    "forward_to_prosecutor",
    "prosecutor_waives",
    "prosecutor_silent",
    "prosecutor_prosecutes",
    "time_bar",
}


def refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def check(
    case: Case,
    edge: workflow.Edge,
    actor: Actor,
    on: dt.date,
    amount: Decimal | None,
    *,
    via_service: bool,
) -> Decimal | None:
    """Raise ``ValidationError`` when the law forbids the step now; return the amount."""
    action = edge.action
    if action in SERVICE_ONLY and not via_service:
        raise refuse("action", _("This step is recorded with its own form."))
    if action in OFFICIAL_ONLY and not has_role(actor, *DECIDE_ROLES):
        raise refuse("action", _("Only the sanctioning official decides."))
    _dates(case, on)
    _prosecutor_gate(case, action)
    if action in DECISIONS:
        _decision(case, actor, on)
    if action.startswith("propose_"):
        _alternative(case, action, on)
    if action == "prosecutor_silent":
        wait = timelimits.deadline(case, "prosecutor_wait")
        if wait is None or on < wait.due:  # due: the first day the SA may act
            raise refuse(
                "action",
                _("GAS-R14: the prosecutor has two months, until %(day)s.")
                % {"day": wait.due.isoformat() if wait else "?"},
            )
    if action == "time_bar" and case.decided_on is not None:
        raise refuse("action", _("A decided case cannot lapse."))
    if action == "export_for_enforcement":
        _enforceable(case, on)
    if action == "decide_fine":
        return _fine_amount(case, amount)
    return amount


def _dates(case: Case, on: dt.date) -> None:
    """A step happens today or was missed on a past day — never in the future, never before
    the facts were ascertained."""
    if on > timezone.localdate():
        raise refuse("on", _("This date is in the future."))
    if on < case.ascertainment.ascertained_on:
        raise refuse("on", _("This date is before the ascertainment."))


def _prosecutor_gate(case: Case, action: str) -> None:
    """GAS-R14/R15 (art. 23): without a protocol, a mixed case stays with the prosecutor until
    he waives (art. 3 1° and 2°) or stays silent for two months (art. 3 2° only)."""
    if case.procedure not in workflow.MIXED or action in PROSECUTOR_STEPS:
        return
    municipal = selectors.settings_on(case.ascertainment.ascertained_on)
    protocol = (
        municipal.protocol_mixed_light
        if case.procedure == Procedure.MIXED_LIGHT
        else municipal.protocol_mixed_heavy
    )
    if not protocol and case.prosecutor_answer_on is None:
        raise refuse(
            "action",
            _("GAS-R14/R15: without a protocol, the prosecutor must first waive or stay silent."),
        )


def _decision(case: Case, actor: Actor, on: dt.date) -> None:
    a = case.ascertainment
    # GAS-R49: the sanctioning official is never the ascertaining officer or the mediator.
    if actor is not None and actor.pk in {a.ascertainer_id, case.mediator_id}:
        raise refuse(
            "action",
            _("GAS-R49: the ascertaining officer or mediator of a case may not decide it."),
        )
    limit = timelimits.decision_limit(case)
    if limit is not None and on > limit:
        raise refuse(
            "action",
            _("GAS-R21: the decision limit passed on %(day)s; the case is time-barred.")
            % {"day": limit.isoformat()},
        )
    # Art. 25 (GAS-R17): nobody is sanctioned without the letter that opens the procedure.
    if case.opened_on is None:
        raise refuse("action", _("GAS-R17: send the opening letter or notice first."))
    # GAS-R18 / R31 / R41: the offender's term to defend himself runs out first.
    if case.defence_received_on is None:
        defence = timelimits.deadline(case, "defence")
        if defence is not None and on <= defence.due:
            raise refuse(
                "action",
                _("GAS-R18: the defence term runs until %(day)s.")
                % {"day": defence.due.isoformat()},
            )
    # GAS-R20: a scheduled hearing is held before the decision.
    if case.hearings.filter(at__date__gt=on, held=False).exists():
        raise refuse("action", _("GAS-R20: the hearing has not taken place yet."))


def _alternative(case: Case, action: str, on: dt.date) -> None:
    a = case.ascertainment
    municipal = selectors.settings_on(a.ascertained_on)
    provided = (
        municipal.mediation_provided and a.article.mediation_allowed
        if action == "propose_mediation"
        else municipal.community_service_provided and a.article.community_service_allowed
    )
    if not provided:
        raise refuse(
            "action", _("The police regulation does not provide for this alternative measure.")
        )
    # GAS-R22: proposing an alternative extends a running limit; it cannot revive a lapsed one.
    if case.alternative_proposed_on is None:
        limit = timelimits.decision_limit(case)
        if limit is not None and on > limit:
            raise refuse(
                "action",
                _("GAS-R21: the decision limit passed on %(day)s; the case is time-barred.")
                % {"day": limit.isoformat()},
            )
    # GAS-R08 (art. 18): a minor is offered mediation before anything else.
    if (
        action == "propose_community_service"
        and case.minor
        and not case.history.filter(to_status=Status.MEDIATION).exists()
    ):
        raise refuse("action", _("GAS-R08: a minor must first be offered mediation."))


def _fine_amount(case: Case, amount: Decimal | None) -> Decimal | None:
    a = case.ascertainment
    if case.minor and not case.history.filter(to_status=Status.MEDIATION).exists():
        raise refuse("action", _("GAS-R08: a minor must first be offered mediation."))
    if case.procedure in (Procedure.PARKING, Procedure.SPEEDING):
        return case.amount  # fixed amounts: the official cannot deviate (§2.4, §2.5)
    if amount is None or amount <= 0:
        raise refuse("amount", _("State the amount of the fine."))
    offence_on = timezone.localtime(a.offence_at).date()
    legal_max = amounts.max_fine(offence_on, minor=case.minor).value
    ceiling = min(legal_max, a.article.max_fine or legal_max)
    if amount > ceiling:
        raise refuse("amount", _("GAS-R01..R03: at most %(max)s for this case.") % {"max": ceiling})
    return amount


def _enforceable(case: Case, on: dt.date) -> None:
    """GAS-R27/R28 (art. 30): only a decided, notified, unappealed and unpaid fine whose
    appeal term has run out goes to collection; not one paid in instalments."""
    if case.decided_on is None or not case.amount:
        raise refuse("action", _("GAS-R27: only a decided fine can be enforced."))
    if case.appeals.exists():
        raise refuse("action", _("GAS-R27: the fine was appealed."))
    appeal = timelimits.deadline(case, "appeal")
    if appeal is not None and on <= appeal.due:
        raise refuse(
            "action",
            _("GAS-R26: the appeal term runs until %(day)s.") % {"day": appeal.due.isoformat()},
        )
    paid = case.payments.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    if paid >= case.amount:
        raise refuse("action", _("This fine is paid."))
    if hasattr(case, "instalment_plan"):
        raise refuse("action", _("This fine is paid in instalments."))
