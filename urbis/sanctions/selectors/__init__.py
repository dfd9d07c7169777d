"""Reads for GAS: catalogue look-ups, what each user may see, work queues and figures."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.paginator import Page
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404
from django.utils import timezone

from urbis.core.audit import log_access, log_access_many
from urbis.core.calendar import add_months
from urbis.core.roles import Role, has_role, roles_of
from urbis.core.selectors import page_logged
from urbis.core.types import Actor, actor_user
from urbis.sanctions import labels, timelimits
from urbis.sanctions.facts import facts_of, parameters_for
from urbis.sanctions.facts import settings_on as settings_on
from urbis.sanctions.models import (
    Article,
    Case,
    LeadTimeStat,
    Letter,
    MunicipalSettings,
    Offender,
    Payment,
    RegisterEntry,
)
from urbis.sanctions.permissions import CASE_ROLES
from urbis.sanctions.rules import guards, workflow
from urbis.sanctions.rules.eligibility import REPEAT_WINDOW_MONTHS
from urbis.sanctions.rules.workflow import AWAITING_DECISION, Outcome, Status


def article_in_force(code: str, day: dt.date) -> Article | None:
    return (
        Article.objects.filter(code=code, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("-valid_from")
        .first()
    )


def find_offender(national_number: str, enterprise_number: str) -> Offender | None:
    if national_number:
        return Offender.objects.filter(national_number=national_number).first()
    if enterprise_number:
        return Offender.objects.filter(enterprise_number=enterprise_number).first()
    return None


def identity_shown(*, user: Actor, national_numbers: list[str]) -> None:
    """The offenders whose stored name a refused report showed to ``user`` (the "same
    person?" question of intake, services/intake/identity.py), access-logged."""
    numbers = sorted({n for n in national_numbers if n})
    if not numbers:
        return
    shown = list(Offender.objects.filter(national_number__in=numbers))
    log_access_many(user=user, targets=shown, purpose="gas.identity_match")


def earlier_sanction(offender: Offender, article_code: str, ascertained_on: dt.date) -> Case | None:
    """GAS-R12 (art. 7): the same infringement sanctioned in the 24 months before the new
    ascertainment makes a repeat offence; return that earlier case."""

    start = add_months(ascertained_on, -REPEAT_WINDOW_MONTHS)
    # The same person may have several offender rows (one per first report): match them all by
    # national number, through indexed columns only.
    offender_ids = [offender.pk]
    if offender.national_number:
        offender_ids = list(
            Offender.objects.filter(national_number=offender.national_number).values_list(
                "pk", flat=True
            )
        )
    return (
        Case.objects.filter(
            ascertainment__offender_id__in=offender_ids,
            ascertainment__article__code=article_code,
            outcome__in=[Outcome.FINE, Outcome.PAID],
            decided_on__gte=start,
            decided_on__lt=ascertained_on,
        )
        .order_by("-decided_on")
        .first()
    )


def cases_for(user: Any) -> QuerySet[Case]:
    """Cases the user may see: the sanctions staff see all; nobody else sees any."""
    if not has_role(user, *CASE_ROLES):
        return Case.objects.none()
    return Case.objects.select_related("ascertainment__article", "ascertainment__offender")


def own_reports(*, user: Actor, limit: int = 10) -> list[Case]:
    """The reports ``user`` filed, newest first, for the field form's "my recent reports"
    list: case number, reference, article, date, place and status only (no offender, so
    nothing personal to access-log; an officer without case roles sees only these)."""
    author = actor_user(user)
    if author is None:
        return []
    return list(
        Case.objects.filter(ascertainment__created_by=author)
        .select_related("ascertainment__article")
        .only(
            "number",
            "status",
            "created_at",
            "ascertainment__reference",
            "ascertainment__address",
            "ascertainment__offence_at",
            "ascertainment__article__code",
        )
        .order_by("-created_at")[:limit]
    )


def register_for(user: Any) -> QuerySet[RegisterEntry]:
    if not has_role(user, *CASE_ROLES):
        return RegisterEntry.objects.none()
    return RegisterEntry.objects.all()


# Reads of personal data: each writes the access log with its purpose code (``gas.*``), so no
# page or API can forget it. Http404 for a case the user may not see (outsiders get 404).


def case_get(*, user: Actor, number: str, purpose: str) -> Case:
    """The case ``number`` if the user may see it (else Http404), access-logged."""
    case = get_object_or_404(cases_for(user), number=number)
    log_access(user=user, target=case, purpose=purpose)
    return case


#: The case list's sort keys -> the columns they order by (newest first by default).
CASE_SORTS = {
    "number": ("number",),
    "ascertained": ("ascertainment__ascertained_on", "number"),
    "offender": ("ascertainment__offender__name", "ascertainment__offender__first_name"),
    "status": ("status", "number"),
    "limit": ("decision_limit", "number"),
    "created": ("created_at",),
}


def _case_search(user: Actor, statuses: list[str] | None, query: str, sort: str) -> QuerySet[Case]:
    """The cases of the list: each word of ``query`` must match the case number, the
    offender's name or first name, the PV number or the place."""
    cases = cases_for(user)
    if statuses:
        cases = cases.filter(status__in=statuses)
    for word in query.split()[:8]:
        cases = cases.filter(
            Q(number__icontains=word)
            | Q(ascertainment__offender__name__icontains=word)
            | Q(ascertainment__offender__first_name__icontains=word)
            | Q(ascertainment__reference__icontains=word)
            | Q(ascertainment__address__icontains=word)
        )
    descending = sort.startswith("-")
    columns = CASE_SORTS.get(sort.removeprefix("-"))
    if columns is None:
        return cases.order_by("-created_at")
    return cases.order_by(*(f"-{c}" if descending else c for c in columns))


def case_page(
    *,
    user: Actor,
    purpose: str,
    statuses: list[str] | None = None,
    query: str = "",
    number: int | str | None = None,
    per_page: int = 50,
    sort: str = "",
) -> Page[Case]:
    """One page of the case list (newest first unless ``sort`` names a key of
    :data:`CASE_SORTS`, ``-key`` descending), filtered by status and a search; the cases
    shown are access-logged."""
    cases = _case_search(user, statuses, query, sort)
    return page_logged(cases, user=user, purpose=purpose, number=number, per_page=per_page)


#: An export holds at most this many cases (a year of a large city's office).
EXPORT_LIMIT = 20000


def case_export(
    *, user: Actor, purpose: str, statuses: list[str] | None = None, query: str = "", sort: str = ""
) -> list[Case]:
    """The cases of the list as filtered, for a CSV/XLSX export; every exported case is
    access-logged (the file names the offenders)."""
    cases = list(_case_search(user, statuses, query, sort)[:EXPORT_LIMIT])
    log_access_many(user=user, targets=cases, purpose=purpose)
    return cases


def register_page(
    *, user: Actor, purpose: str, number: int | str | None = None, per_page: int = 100
) -> Page[RegisterEntry]:
    """One page of the register of sanctions (art. 44), access-logged."""
    return page_logged(
        register_for(user),
        user=user,
        purpose=purpose,
        number=number,
        per_page=per_page,
    )


def unmatched_payments(*, user: Actor, purpose: str, limit: int = 200) -> list[Payment]:
    """Payments no case claimed yet (the payer's name and account are personal data)."""
    if not has_role(user, *CASE_ROLES):
        return []
    payments = list(Payment.objects.filter(case__isnull=True)[:limit])
    log_access_many(user=user, targets=payments, purpose=purpose)
    return payments


def registered_letters(*, user: Actor, day: dt.date, purpose: str) -> list[Letter]:
    """The registered letters made on ``day`` (addressee and address, for the post office);
    each letter's case is access-logged, in one insert."""
    letters = list(
        Letter.objects.filter(
            registered=True, created_at__date=day, case__in=cases_for(user)
        ).select_related("case__ascertainment__offender")
    )
    log_access_many(user=user, targets=[letter.case for letter in letters], purpose=purpose)
    return letters


def letters_of_day(*, user: Actor, day: dt.date, purpose: str) -> list[Letter]:
    """Every letter made on ``day`` (Brussels time) for the cases the user may see, in case
    and letter order, for the batch print file; each letter's case is access-logged."""
    from django.utils import timezone

    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    letters = list(
        Letter.objects.filter(
            created_at__gte=start,
            created_at__lt=start + dt.timedelta(days=1),
            case__in=cases_for(user),
        )
        .select_related("case")
        .order_by("case__number", "pk")
    )
    log_access_many(user=user, targets=[letter.case for letter in letters], purpose=purpose)
    return letters


def payment_term_passed(case: Case, today: dt.date) -> bool:
    """The payment term of the last letter (notice, invitation, reminder or decision) has run
    out: 30 days (one month after a decision) after its deemed receipt."""
    if case.status == Status.REMINDER or case.status == Status.SECOND_INVITATION:
        started = case.term_started_on
        return started is not None and today > started + dt.timedelta(days=30 + 3)
    term = timelimits.deadline(case, "payment")
    return term is not None and today > term.due


def enforceable_cases(*, today: dt.date | None = None) -> list[Case]:
    """Decided fines, unpaid after their reminder and past the appeal term, within their
    collection limit: ready for collection (the same pure guard the export step runs,
    GAS-R25..R28). For the batch; pages use :func:`enforcement_due`."""
    today = today or timezone.localdate()
    candidates = Case.objects.filter(
        status=Status.REMINDER, decided_on__isnull=False
    ).select_related("ascertainment__offender", "ascertainment__article")
    return [
        case
        for case in candidates
        if payment_term_passed(case, today)
        and not guards.enforcement_refusals(facts_of(case), today, parameters_for(case))
    ]


def enforcement_due(*, user: Actor, purpose: str, today: dt.date | None = None) -> list[Case]:
    """The unpaid fines ready for collection that the user may see, access-logged (the
    bailiff list names the offenders)."""
    if not has_role(user, *CASE_ROLES):
        return []
    cases = enforceable_cases(today=today)
    log_access_many(user=user, targets=cases, purpose=purpose)
    return cases


def status_counts(user: Any) -> dict[str, int]:
    rows = cases_for(user).values("status").annotate(n=Count("pk")).order_by()
    return {row["status"]: row["n"] for row in rows}


def lead_times(user: Any, since: dt.date | None = None) -> list[dict[str, Any]]:
    """The nightly lead-time figures (see :func:`compute_lead_times`) since a month."""

    if not has_role(user, *CASE_ROLES):
        return []
    stats = LeadTimeStat.objects.all()
    if since:
        stats = stats.filter(month__gte=since.strftime("%Y-%m"))
    return [
        {
            "procedure": s.procedure,
            "month": s.month,
            "cases": s.cases,
            "median": s.median_days,
            "p90": s.p90_days,
            "computed_at": s.computed_at,
        }
        for s in stats.order_by("month", "procedure")
    ]


def at_risk(user: Any, today: dt.date, within_days: int = 60) -> QuerySet[Case]:
    """Undecided cases whose decision limit falls within ``within_days``, soonest first."""
    return (
        cases_for(user)
        .filter(status__in=[s.value for s in AWAITING_DECISION], decided_on__isnull=True)
        .filter(decision_limit__lte=today + dt.timedelta(days=within_days))
        .order_by("decision_limit")
    )


def compute_lead_times(since: dt.date | None = None) -> list[dict[str, Any]]:
    """Days from ascertainment to decision: median and 90th percentile per procedure and month
    of decision (all cases, no access filter: used by the nightly job)."""
    cases = Case.objects.filter(decided_on__isnull=False)
    if since:
        cases = cases.filter(decided_on__gte=since)
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for procedure, decided, ascertained in cases.values_list(
        "procedure", "decided_on", "ascertainment__ascertained_on"
    ):
        assert decided is not None  # filtered above
        groups[(procedure, decided.strftime("%Y-%m"))].append((decided - ascertained).days)
    rows = []
    for (procedure, month), days in sorted(groups.items()):
        days.sort()
        rows.append(
            {
                "procedure": procedure,
                "month": month,
                "cases": len(days),
                "median": statistics.median(days),
                "p90": days[min(len(days) - 1, round(0.9 * (len(days) - 1)))],
            }
        )
    return rows


def evaluation_rows(user: Any) -> list[dict[str, Any]]:
    """GAS-R52 (art. 52): register counts per year, procedure, measure and minority, no names."""

    return list(
        register_for(user)
        .annotate(year=ExtractYear("decided_on"))
        .values("year", "procedure", "measure", "minor")
        .annotate(n=Count("pk"), total=Sum("amount"))
        .order_by("year", "procedure", "measure", "minor")
    )


def received_per_procedure(user: Any) -> dict[str, int]:
    """Received cases waiting for their first letter, per procedure."""
    rows = (
        cases_for(user)
        .filter(status=Status.RECEIVED)
        .values("procedure")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["procedure"]: row["n"] for row in rows}


def mediators() -> QuerySet[Any]:
    """Who may be named mediator: active staff who are not sanctioning officials (GAS-R49)."""

    return (
        get_user_model()
        .objects.filter(is_active=True, groups__isnull=False)
        .exclude(groups__name=Role.SANCTIONING_OFFICER)
        .distinct()
        .order_by("last_name", "username")
    )


@dataclass(frozen=True)
class CaseStatus:
    """A GAS case as another app may see it: its number and status, never the offender."""

    number: str
    status: str
    label: str


def case_status_of(user: Any, number: str) -> CaseStatus | None:
    """The live status of the case ``number``, for an app that holds the number (ADR 0002).

    The one read entry point the reports app may import: it answers only the number, the
    status code and its label (no party, no amount, no facts), so there is nothing personal to
    access-log. ``None`` for a user without any role or an unknown number.
    """
    return case_statuses_of(user, [number]).get(number)


def case_statuses_of(user: Any, numbers: Iterable[str]) -> dict[str, CaseStatus]:
    """``case_status_of`` for a page of reports in one query: number → status (ADR 0002).

    Unknown numbers are absent; a user without any role gets an empty answer.
    """
    wanted = {n for n in numbers if n}
    if not roles_of(user) or not wanted:
        return {}
    rows = Case.objects.filter(number__in=wanted).values_list("number", "status")
    return {
        number: CaseStatus(
            number=number, status=status, label=str(labels.STATUS.get(status, status))
        )
        for number, status in rows
    }


def articles() -> QuerySet[Article]:
    """Every version of the police regulation's articles (no personal data)."""
    return Article.objects.order_by("code", "-valid_from")


def municipal_settings() -> QuerySet[MunicipalSettings]:
    """The municipal GAS settings, newest first (no personal data)."""
    return MunicipalSettings.objects.order_by("-valid_from")


@dataclass(frozen=True)
class ProcedurePanel:
    """What the case page may offer to record now (decided from the table, not from strings
    in a view): hearings to record, the lawyer, mediation terms, community service, letter
    receipts and limitation events."""

    hearings_to_record: list[Any]
    lawyer: bool
    payment_terms: bool
    community_service: bool
    service_result: bool
    letters: list[Any]
    limitation: bool
    instalments: bool


def procedure_panel(case: Case) -> ProcedurePanel:
    """The recordable steps of ``case`` (the caller read the case through ``case_get``)."""
    actions = {e.action for e in workflow.allowed(case.status, case.procedure, minor=case.minor)}
    pending_service = case.community_services.filter(performed__isnull=True).exists()
    return ProcedurePanel(
        hearings_to_record=[h for h in case.hearings.order_by("at") if not (h.held or h.waived)]
        if workflow.Action.HOLD_HEARING in actions
        else [],
        lawyer=case.minor,
        payment_terms=workflow.Action.AGREE_PAYMENT_TERMS in actions
        and not case.payment_terms_agreed,
        community_service=workflow.Action.PROPOSE_COMMUNITY_SERVICE in actions,
        service_result=pending_service and workflow.Action.SERVICE_PERFORMED in actions,
        letters=list(case.letters.defer("content").filter(addressee_role="offender")),
        limitation=case.decided_on is not None and bool(case.amount),
        instalments=case.status in (Status.DECIDED, Status.REMINDER)
        and not hasattr(case, "instalment_plan"),
    )
