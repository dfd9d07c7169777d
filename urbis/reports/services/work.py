"""The public-space service works a report: status steps, (re)assignment, merge, filters."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from urbis.core.audit import record_event
from urbis.core.types import Actor, actor_user, person_actor
from urbis.reports import workflow
from urbis.reports.models import Assignment, Report, SavedFilter, Status, StatusChange, Team
from urbis.reports.rules import text as text_rules
from urbis.reports.services.common import follow_url, locked, mail_reporters
from urbis.reports.workflow import Actor as By

TRANSITION_MESSAGES = {
    "not_allowed": gettext_lazy("This status change is not allowed from the current status."),
    "text_required": gettext_lazy("Tell the reporter why: a text is required."),
    "forwarded_to_required": gettext_lazy("Say to whom the report was forwarded."),
    "duplicate_of_required": gettext_lazy("Choose the original report."),
}


def _apply(
    report: Report,
    *,
    actor: Actor,
    by: By,
    to_status: str,
    text: str,
    internal_note: str = "",
    forwarded_to: str = "",
    duplicate_of: Report | None = None,
) -> StatusChange:
    try:
        target = workflow.Status(to_status)
    except ValueError:
        raise ValidationError({"status": [TRANSITION_MESSAGES["not_allowed"]]}) from None
    try:
        workflow.check(
            workflow.Status(report.status),
            target,
            by=by,
            text=text,
            forwarded_to=forwarded_to,
            duplicate_of=duplicate_of,
        )
    except workflow.TransitionError as error:
        raise ValidationError({error.field: [TRANSITION_MESSAGES[error.code]]}) from None
    if len(text) > 2000 or len(internal_note) > 2000 or len(forwarded_to) > 200:
        raise ValidationError({"text": [_("This text is too long.")]})
    # staff texts reach the reporter and Open311 partners: no control characters (XML 1.0 §2.2)
    text, internal_note = text_rules.clean_controls(text), text_rules.clean_controls(internal_note)
    forwarded_to = text_rules.clean_controls(forwarded_to)
    now = timezone.now()
    change = StatusChange.objects.create(
        report=report,
        at=now,
        actor=actor_user(actor),
        by=by,
        from_status=report.status,
        to_status=target,
        text=text.strip(),
        internal_note=internal_note.strip(),
        forwarded_to=forwarded_to.strip(),
    )
    report.status = target
    report.updated_at = now
    report.public_note = text.strip()
    report.closed_at = now if target in workflow.CLOSED else None
    if target == workflow.Status.NOT_COMPETENT:
        report.forwarded_to = forwarded_to.strip()
    report.duplicate_of = duplicate_of if target == workflow.Status.DUPLICATE else None
    report.save(
        update_fields=[
            "status",
            "updated_at",
            "public_note",
            "closed_at",
            "forwarded_to",
            "duplicate_of",
        ]
    )
    record_event(
        actor=actor,
        action="reports.status_changed",
        target=report,
        data={"from": change.from_status, "to": target.value, "by": by.value},
    )
    return change


def report_transition(
    *,
    actor: Actor,
    report: Report,
    to_status: str,
    text: str = "",
    internal_note: str = "",
    forwarded_to: str = "",
    duplicate_of: Report | None = None,
) -> Report:
    """Move a report along the transition table (``workflow.py``); the reporters are told.

    A duplicate is merged into ``duplicate_of`` (an open report, not itself) and the reporters
    of both are told, each in their language; the duplicate's follow page shows the original's
    progress."""
    with transaction.atomic():
        report = locked(report)
        if duplicate_of is not None:
            if duplicate_of.pk == report.pk:
                raise ValidationError({"duplicate_of": [_("A report cannot duplicate itself.")]})
            duplicate_of = locked(duplicate_of)
            if duplicate_of.is_closed:
                raise ValidationError({"duplicate_of": [_("The original must still be open.")]})
        _apply(
            report,
            actor=actor,
            by=By.STAFF,
            to_status=to_status,
            text=text,
            internal_note=internal_note,
            forwarded_to=forwarded_to,
            duplicate_of=duplicate_of if to_status == Status.DUPLICATE else None,
        )
        if report.status == Status.DUPLICATE and duplicate_of is not None:
            original = duplicate_of
            mail_reporters(
                original,
                lambda _private: (
                    _("Report %(n)s: another report was merged into it") % {"n": original.pk},
                    _("Report %(d)s describes the same problem and was merged into yours.")
                    % {"d": report.pk},
                ),
            )
            record_event(
                actor=actor,
                action="reports.merged",
                target=original,
                data={"duplicate": report.pk},
            )
        mail_reporters(report, lambda private: _status_mail(report, duplicate_of, private))
    return report


def _status_mail(report: Report, original: Report | None, private: bool) -> tuple[str, str]:
    """(subject, body) of a status change, in the active language (the reporter's). A merged
    duplicate names the original's number and keeps the reporter's own follow link (which
    shows the original's progress): the original's link is its reporter's private secret."""
    label = Status(report.status).label
    body = _("Your report %(n)s is now: %(status)s.") % {"n": report.pk, "status": label}
    if report.public_note:
        body += "\n\n" + report.public_note
    if report.status == Status.DUPLICATE and original is not None:
        body += "\n\n" + _("It was merged into report %(n)s.") % {"n": original.pk}
    subject = _("Report %(n)s: %(status)s") % {"n": report.pk, "status": label}
    return subject, body + ("\n\n" + follow_url(report) if private else "")


def report_assign(
    *, actor: Actor, report: Report, team: Team, assignee: Any | None = None, note: str = ""
) -> Report:
    """Reassign a report to a team and optionally one of its members (logged)."""
    if assignee is not None and not team.members.filter(pk=assignee.pk).exists():
        raise ValidationError({"assignee": [_("This person is not a member of the team.")]})
    if len(note) > 500:
        raise ValidationError({"note": [_("At most %(n)d characters.") % {"n": 500}]})
    with transaction.atomic():
        report = locked(report)
        Assignment.objects.create(
            report=report,
            at=timezone.now(),
            actor=actor_user(actor),
            team=team,
            assignee=assignee,
            note=note.strip() or "manual",
        )
        report.team = team
        report.assignee = assignee
        report.updated_at = timezone.now()
        report.save(update_fields=["team", "assignee", "updated_at"])
        record_event(
            actor=actor,
            action="reports.assigned",
            target=report,
            data={"team": team.code, "assignee": getattr(assignee, "pk", None)},
        )
    return report


def saved_filter_save(*, actor: Actor, name: str, query: str) -> SavedFilter:
    name = name.strip()[:100]
    if not name:
        raise ValidationError({"name": [_("Give the filter a name.")]})
    if len(query) > 1000:
        raise ValidationError({"query": [_("This filter is too long.")]})
    with transaction.atomic():
        saved, _created = SavedFilter.objects.update_or_create(
            user=person_actor(actor), name=name, defaults={"query": query}
        )
        record_event(actor=actor, action="reports.filter_saved", target=saved, data={})
    return saved
