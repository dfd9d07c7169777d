"""Helpers shared by the reports services (photos, mail, locking)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from urbis.core.gdpr.restrictions import check_not_restricted, restricted_among
from urbis.core.uploads import clean_photo
from urbis.reports import conf
from urbis.reports.models import Photo, Report, Visit


def check_photos(uploads: list[Any], *, already: int = 0) -> list[Any]:
    """Each upload re-encoded without EXIF, or ValidationError on ``photos``; nothing saved."""
    limit = int(conf.get("URBIS_REPORTS_MAX_PHOTOS"))  # type: ignore[call-overload]
    if len(uploads) + already > limit:
        raise ValidationError({"photos": _("At most %(n)d photos.") % {"n": limit}})
    max_bytes = int(conf.get("URBIS_REPORTS_MAX_PHOTO_BYTES"))  # type: ignore[call-overload]
    return [clean_photo(upload, max_bytes=max_bytes, field="photos") for upload in uploads]


def save_photos(report: Report, contents: Iterable[Any], visit: Visit | None = None) -> None:
    for content in contents:
        photo = Photo(report=report, visit=visit, at=timezone.now())
        photo.image.save(content.name, content, save=False)
        photo.save()


def locked(report: Report) -> Report:
    """The report's row locked for a change; a report frozen under GDPR art. 18 refuses it."""
    row = Report.objects.select_for_update().get(pk=report.pk)
    check_not_restricted(row)
    return row


def follow_url(report: Report) -> str:
    return f"{str(conf.get('URBIS_PUBLIC_URL')).rstrip('/')}/report/{report.token}/"


def reporter_language() -> str:
    """The language of the citizen's request (the page they used, or Accept-Language)."""
    language = (translation.get_language() or "nl")[:2]
    return language if language in {code for code, _name in settings.LANGUAGES} else "nl"


def mail_reporters(report: Report, compose: Callable[[bool], tuple[str, str]]) -> None:
    """After commit: tell every reporter of ``report`` who left an e-mail address, each in the
    language they used (``Reporter.language``): ``compose(private)`` gives (subject, body) and
    is called with that language active, never the language of the staff member who acts.
    ``private`` is true for the reporter who filed it: only they may get the follow link (a
    neighbour who joined the report must not receive the filer's secret)."""
    groups: dict[tuple[str, bool], set[str]] = {}
    reporters = list(report.reporters.all())
    # GDPR art. 18: a restricted reporter (or report) is kept but not used: no mail.
    frozen = restricted_among([report, *reporters])
    for reporter in reporters:
        if ("reports.report", str(report.pk)) in frozen:
            break
        if ("reports.reporter", str(reporter.pk)) in frozen:
            continue
        if reporter.email:
            language = reporter.language or settings.LANGUAGE_CODE[:2]
            groups.setdefault((language, reporter.original), set()).add(reporter.email)
    if not groups:
        return
    mails: list[tuple[str, str, str]] = []
    for (language, private), addresses in sorted(groups.items()):
        with translation.override(language):
            subject, body = compose(private)
        mails.extend((str(subject), str(body), address) for address in sorted(addresses))

    def send() -> None:
        for subject, body, address in mails:
            send_mail(subject, body, None, [address], fail_silently=True)

    transaction.on_commit(send)
