"""What the reporter does through the private follow link (token): add information, say "not
fixed", give feedback, or join an open report ("is it one of these?")."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.reports.models import Message, MessageKind, Report, Reporter
from urbis.reports.rules import text as text_rules
from urbis.reports.services.common import check_photos, locked, reporter_language, save_photos
from urbis.reports.services.work import _apply
from urbis.reports.workflow import Actor as By


def _text(value: str, *, required: bool) -> str:
    if len(value) > text_rules.MAX_DESCRIPTION:
        raise ValidationError(
            {"text": [_("At most %(n)d characters.") % {"n": text_rules.MAX_DESCRIPTION}]}
        )
    if text_rules.has_markup(value):
        raise ValidationError({"text": [_("HTML is not allowed.")]})
    cleaned = text_rules.clean(value)
    if required and not cleaned:
        raise ValidationError({"text": [_("Write a few words.")]})
    return cleaned


def report_add_info(*, report: Report, text: str, photos: list[Any] | None = None) -> Message:
    """The reporter adds information (text and/or photos) to a report."""
    cleaned = _text(text, required=not photos)
    with transaction.atomic():
        report = locked(report)
        contents = check_photos(
            photos or [], already=report.photos.filter(visit__isnull=True).count()
        )
        message = Message.objects.create(
            report=report, at=timezone.now(), kind=MessageKind.INFO, text=cleaned
        )
        save_photos(report, contents)
        record_event(actor=None, action="reports.info_added", target=report, data={})
    return message


def report_reopen_request(*, report: Report, text: str) -> Report:
    """ "Not fixed": the reporter reopens a resolved (or no-action) report, saying why."""
    cleaned = _text(text, required=True)
    with transaction.atomic():
        report = locked(report)
        _apply(report, actor=None, by=By.REPORTER, to_status="reopened", text=cleaned)
        Message.objects.create(
            report=report, at=timezone.now(), kind=MessageKind.REOPEN, text=cleaned
        )
    return report


def report_feedback(*, report: Report, rating: int, text: str = "") -> Message:
    """A satisfaction rating (1-5) and a comment, once the report is closed."""
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError({"rating": [_("Choose 1 to 5.")]})
    cleaned = _text(text, required=False)
    with transaction.atomic():
        report = locked(report)
        if not report.is_closed:
            raise ValidationError({"rating": [_("Feedback is asked once the report is closed.")]})
        message = Message.objects.create(
            report=report,
            at=timezone.now(),
            kind=MessageKind.FEEDBACK,
            text=cleaned,
            rating=rating,
        )
        record_event(actor=None, action="reports.feedback", target=report, data={"rating": rating})
    return message


def report_join(*, report: Report, email: str = "", text: str = "") -> Reporter:
    """Another citizen says "it is this one": they join the report (and are told of changes
    when they leave an e-mail), instead of filing a duplicate."""
    from django.core.validators import validate_email

    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError({"email": [_("Enter a valid e-mail address.")]}) from None
    cleaned = _text(text, required=False)
    with transaction.atomic():
        report = locked(report)
        if report.is_closed:
            raise ValidationError({"report": [_("This report is closed.")]})
        reporter = Reporter.objects.create(
            report=report,
            email=email.strip()[:254],
            language=reporter_language(),
            original=False,
            created_at=timezone.now(),
        )
        Message.objects.create(
            report=report, at=timezone.now(), kind=MessageKind.JOINED, text=cleaned
        )
        record_event(actor=None, action="reports.joined", target=report, data={})
    return reporter
