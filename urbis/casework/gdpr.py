"""Casework's GDPR declarations: its processing activities (art. 30), its retention rule
(counted from closure), its subject-access provider (art. 15, with the legal restrictions)
and the readable names of its objects in the access-log search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from urbis.casework import rules
from urbis.casework.models import Case, CaseSubject, ContactLog, Participant, Person
from urbis.core.audit import log_access_many
from urbis.core.gdpr.registry import (
    ProcessingActivity,
    RetentionRule,
    SubjectItem,
    SubjectItems,
    SubjectQuery,
    Withheld,
    register_object_describer,
    register_processing_activity,
    register_rectifiable_records,
    register_rectification_recipients,
    register_retention_rule,
    register_subject_provider,
)
from urbis.core.types import Actor

SECURITY = (
    _("need-to-know access per case (participants only; ADR 0003)"),
    _("break-glass access time-boxed, reasoned and reported to the DPO"),
    _("every read access-logged with its purpose; append-only audit and access logs"),
    _("two-factor authentication for DPO and administrators; TLS; encrypted backups"),
    _("secret disclosures visible only to their chosen audience, never exported"),
)

register_processing_activity(
    ProcessingActivity(
        code="casework.case_consultation",
        app="casework",
        name=_("Multi-agency case consultation (casusoverleg)"),
        purposes=(
            _("protect the physical and psychological integrity of persons (art. 458ter Sw.)"),
            _("prevent terrorist offences (LIVC-R, law of 30 July 2018)"),
            _("coordinate a support path among partners (Veilig Huis, reintegration)"),
        ),
        legal_basis=(
            _("art. 6(1)(e) GDPR: public task"),
            _("art. 458ter Criminal Code; law of 30 July 2018 (LIVC-R)"),
            _("Flemish decree of 21 May 2021 (LIVC-R); Veilige Huizen decree of 29 March 2024"),
        ),
        data_subjects=(
            _("persons of concern"),
            _("victims"),
            _("children and family members"),
            _("third parties named in a case"),
            _("participating professionals"),
        ),
        data_categories=(
            _("identity (name, date of birth, national number)"),
            _("risk level, goals, support path, meetings, referrals, consents"),
            _("information shared under professional secrecy (minimal summaries)"),
        ),
        special_categories=(
            _("health (art. 9(2)(g)/(h))"),
            _("religion or belief (radicalisation cases, art. 9(2)(g))"),
            _("criminal-offence data (art. 10, under the laws above)"),
        ),
        recipients=(
            _("the case's participants only"),
            _("the local police: feedback sheets issued with consensus, never secret items"),
        ),
        retention=_("per table, counted from closure (default 60 months), then deleted"),
        security=SECURITY,
        dpia_required=True,
    )
)
register_processing_activity(
    ProcessingActivity(
        code="casework.contact_log",
        app="casework",
        name=_("Anonymous contact log of low-threshold work"),
        purposes=(_("count contacts by theme, place and referral for the plan"),),
        legal_basis=(_("art. 6(1)(e) GDPR: municipal prevention task"),),
        data_subjects=(_("people met by street-corner workers (not identified)"),),
        data_categories=(_("date, place, theme, referral; an alias known to the worker only"),),
        recipients=(_("the worker; aggregated, small cells suppressed, for the plan"),),
        retention=_("kept 36 months from the contact date, then deleted"),
        security=SECURITY[2:4],
    )
)

CONTACT_RETENTION_MONTHS = 36  # BELIEVED: the local choice for anonymous counts (a setting)


def _purge_closed_cases(today: dt.date, dry_run: bool) -> int:
    """CW-R8: closed cases whose table's retention has run out since closure are deleted with
    everything in them; persons no other case mentions go with them."""
    due = [
        case.pk
        for case in Case.objects.filter(status="closed").select_related("table")
        if (end := rules.retention_until(case.closed_on, case.table.retention_months)) is not None
        and end < today
    ]
    if dry_run or not due:
        return len(due)
    with transaction.atomic():
        person_ids = set(
            CaseSubject.objects.filter(case_id__in=due).values_list("person_id", flat=True)
        )
        for pk in due:
            Case.objects.get(pk=pk).delete()
        still_used = set(
            CaseSubject.objects.filter(person_id__in=person_ids).values_list("person_id", flat=True)
        )
        Person.objects.filter(pk__in=person_ids - still_used).delete()
    return len(due)


def _purge_contacts(today: dt.date, dry_run: bool) -> int:
    cutoff = rules.retention_until(today, -CONTACT_RETENTION_MONTHS) or today
    rows = ContactLog.objects.filter(on__lt=cutoff)
    if dry_run:
        return rows.count()
    deleted, _by_model = rows.delete()
    return deleted


register_retention_rule(
    RetentionRule(
        code="casework.closed_cases",
        app="casework",
        category=_("closed cases with their persons, disclosures, meetings and sheets"),
        retention=_("the table's retention period, counted from closure"),
        action="delete",
        run=_purge_closed_cases,
    )
)
register_retention_rule(
    RetentionRule(
        code="casework.contact_log",
        app="casework",
        category=_("anonymous contacts"),
        retention=_("36 months from the contact"),
        action="delete",
        run=_purge_contacts,
    )
)

# Art. 23 GDPR restrictions (BELIEVED, for the DPO's legal review; plan-casework.md §4.3).
LIVC_R_REASON = _(
    "LIVC-R case: access restricted to protect the prevention of terrorist offences "
    "(art. 23(1)(d) GDPR, law of 30 July 2018); the DPO decides after legal review."
)
SECRET_REASON = _(
    "Information another participant disclosed as secret under professional secrecy "
    "(art. 458ter §2 Criminal Code; art. 15(4) GDPR: rights of others)."
)


def find_subject(query: SubjectQuery, *, user: Actor) -> SubjectItems:
    """Subject access in casework: the person's record per case, consents and referrals,
    shareable disclosures; LIVC-R cases and secret disclosures are withheld with the reason."""
    result = SubjectItems(app="casework", label=str(_("Multi-agency casework")))
    if not query.national_number:
        return result
    subjects = list(
        CaseSubject.objects.filter(person__national_number=query.national_number).select_related(
            "case__table", "person"
        )
    )
    livc = [s for s in subjects if s.case.table.kind == "livc_r"]
    if livc:
        result.withheld.append(
            Withheld(
                kind="case",
                reason=str(LIVC_R_REASON),
                count=len(livc),
                refs=tuple(("casework.case", str(s.case_id)) for s in livc),
            )
        )
    shown = [s for s in subjects if s.case.table.kind != "livc_r"]
    for subject in shown:
        case = subject.case
        person = subject.person
        result.items.append(
            SubjectItem(
                kind="case",
                label=f"{case.table.name}: {case.number}",
                data={
                    "name": str(person),
                    "birth_date": person.birth_date.isoformat() if person.birth_date else None,
                    "role": subject.get_role_display(),
                    "table": case.table.name,
                    "legal_basis": case.table.legal_basis,
                    "status": case.get_status_display(),
                    "risk_level": case.get_risk_level_display(),
                    "opened_on": case.opened_on.isoformat(),
                    "closed_on": case.closed_on.isoformat() if case.closed_on else None,
                    "consents": [
                        {
                            "purpose": c.get_purpose_display(),
                            "recipient": str(c.recipient or ""),
                            "given_on": c.given_on.isoformat(),
                            "withdrawn_on": c.withdrawn_on.isoformat() if c.withdrawn_on else None,
                        }
                        for c in subject.consents.all()
                    ],
                    "referrals": [
                        {"service": r.get_service_display(), "status": r.get_status_display()}
                        for r in case.referrals.all()
                    ],
                    "shared_information": [
                        d.summary
                        for d in case.disclosures.prefetch_related("audience")
                        if d.secrecy_class == "shareable" and not d.audience.all()
                    ],
                },
                object_type="casework.case",
                object_id=str(case.pk),
            )
        )
        secret = sum(
            1
            for d in case.disclosures.prefetch_related("audience")
            if d.secrecy_class == "secret" or d.audience.all()
        )
        if secret:
            result.withheld.append(
                Withheld(kind="disclosure", reason=str(SECRET_REASON), count=secret)
            )
    log_access_many(user=user, targets=[s.case for s in shown], purpose="gdpr.subject_access")
    return result


register_subject_provider("casework", _("Multi-agency casework"), find_subject)


def describe_cases(ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Readable names for the access log: number and alias, never a person's name."""
    wanted = [int(i) for i in ids if str(i).isdigit()]
    return {
        str(pk): (f"{number} · {alias}", reverse("casework:case", args=[pk]))
        for pk, number, alias in Case.objects.filter(pk__in=wanted).values_list(
            "pk", "number", "alias"
        )
    }


register_object_describer("casework.case", describe_cases)


def rectification_recipients(person: Person) -> list[str]:
    """Art. 19: the partner organisations of every case the person is on — LIVC-R cases left
    out, as in subject access (law of 30 July 2018: their existence is not disclosed)."""
    rows = (
        Participant.objects.filter(case__subjects__person=person, removed_at__isnull=True)
        .exclude(case__table__kind="livc_r")
        .select_related("organisation", "user")
    )
    return sorted({str(p.organisation or p.user) for p in rows})


register_rectification_recipients("casework", rectification_recipients)
register_rectifiable_records(
    "casework",
    lambda number: list(Person.objects.filter(national_number=number).order_by("pk")),
)
