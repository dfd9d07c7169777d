"""Helpers shared by the reports services (photos, mail, locking)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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
    return Report.objects.select_for_update().get(pk=report.pk)


def follow_url(report: Report) -> str:
    return f"{str(conf.get('URBIS_PUBLIC_URL')).rstrip('/')}/report/{report.token}/"


def mail_reporters(report: Report, subject: str, body: str) -> None:
    """After commit: tell every reporter of ``report`` who left an e-mail address."""
    addresses = sorted({r.email for r in report.reporters.all() if r.email})
    if not addresses:
        return

    def send() -> None:
        for address in addresses:
            send_mail(subject, body, None, [address], fail_silently=True)

    transaction.on_commit(send)
