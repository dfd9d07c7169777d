"""GAS's GDPR declarations: processing activity (art. 30), the register's retention (the
existing purge, wired into the GDPR retention run) and the subject-access provider for
offenders and guardians."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from urbis.core.audit import log_access_many
from urbis.core.gdpr.registry import (
    ProcessingActivity,
    RetentionRule,
    SubjectItem,
    SubjectItems,
    SubjectQuery,
    register_object_describer,
    register_processing_activity,
    register_retention_rule,
    register_subject_provider,
)
from urbis.sanctions.models import Case, Offender, RegisterEntry
from urbis.sanctions.services.register import register_cutoff, register_purge

register_processing_activity(
    ProcessingActivity(
        code="sanctions.gas",
        app="sanctions",
        name=_("Municipal administrative sanctions (GAS)"),
        purposes=(_("sanction incivilities under the law of 24 June 2013"),),
        legal_basis=(
            _("art. 6(1)(e) GDPR; law of 24 June 2013 on municipal administrative sanctions"),
        ),
        data_subjects=(
            _("offenders"),
            _("parents or guardians of minors"),
            _("ascertaining officers"),
        ),
        data_categories=(
            _("identity, national or enterprise number, address, facts, decisions, payments"),
        ),
        special_categories=(_("offence data (art. 10 GDPR, under the GAS law)"),),
        recipients=(
            _("GAS staff"),
            _("the prosecutor (mixed offences)"),
            _("the police court on appeal"),
        ),
        retention=_("register: GAS-R48, 5 years from the decision (a municipal setting)"),
        security=(_("GAS roles only; access-logged reads; append-only status history"),),
    )
)


def _register_purge(today: dt.date, dry_run: bool) -> int:
    """The GAS register's existing purge (sanctions.services.register), run by the GDPR
    retention job; a dry run counts with the same cutoff."""

    if dry_run:
        return RegisterEntry.objects.filter(decided_on__lt=register_cutoff(today)).count()
    return register_purge(actor=None, today=today).deleted


register_retention_rule(
    RetentionRule(
        code="sanctions.register",
        app="sanctions",
        category=_("GAS register entries"),
        retention=_("the municipal register retention (default 5 years) from the decision"),
        action="delete",
        run=_register_purge,
    )
)


def find_subject(query: SubjectQuery, *, user: Any) -> SubjectItems:
    """GAS offenders with the national number, their cases, guardians and register entries."""

    result = SubjectItems(app="sanctions", label=str(_("Administrative sanctions (GAS)")))
    if not query.national_number:
        return result
    offenders = list(Offender.objects.filter(national_number=query.national_number))
    if not offenders:
        return result
    cases = list(
        Case.objects.filter(ascertainment__offender__in=offenders).select_related(
            "ascertainment__article"
        )
    )
    for offender in offenders:
        result.items.append(
            SubjectItem(
                kind="offender",
                label=str(offender),
                data={
                    "name": str(offender),
                    "birth_date": offender.birth_date.isoformat() if offender.birth_date else None,
                    "address": offender.address_lines,
                    "email": offender.email,
                    "guardians": [
                        {"name": g.name, "relation": g.relation, "address": g.address_lines}
                        for g in offender.guardians.all()
                    ],
                },
            )
        )
    for case in cases:
        result.items.append(
            SubjectItem(
                kind="case",
                label=case.number,
                data={
                    "number": case.number,
                    "article": case.ascertainment.article.code,
                    "facts": case.ascertainment.description,
                    "offence_at": case.ascertainment.offence_at.isoformat(),
                    "status": case.status,
                    "outcome": case.outcome,
                    "amount": str(case.amount) if case.amount is not None else None,
                },
                object_type="sanctions.case",
                object_id=str(case.pk),
            )
        )
    for entry in RegisterEntry.objects.filter(national_number=query.national_number):
        result.items.append(
            SubjectItem(
                kind="register",
                label=entry.case_number,
                data={
                    "case_number": entry.case_number,
                    "measure": entry.measure,
                    "decided_on": entry.decided_on.isoformat(),
                    "guardians": entry.guardians,
                },
            )
        )
    log_access_many(user=user, targets=cases, purpose="gdpr.subject_access")
    return result


register_subject_provider("sanctions", _("Administrative sanctions (GAS)"), find_subject)


def describe_cases(ids: Iterable[str]) -> dict[str, tuple[str, str]]:

    wanted = [int(i) for i in ids if str(i).isdigit()]
    return {
        str(pk): (f"GAS {number}", reverse("sanctions:case", args=[number]))
        for pk, number in Case.objects.filter(pk__in=wanted).values_list("pk", "number")
    }


register_object_describer("sanctions.case", describe_cases)
