"""A photo kept across a refused field report: an officer in the street does not take the
picture again because a date was wrong.

The photo is checked and re-encoded without EXIF (``clean_photo``) before it is kept, in the
private storage under the user's own folder and a random token; only the same user gets it
back, once. Nothing of it is served from public media."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from urbis.core.types import Actor, actor_user
from urbis.core.uploads import clean_photo

#: A kept photo not claimed within a day is removed: at the user's next kept photo, and by the
#: nightly job ``sanctions.pending_photos`` for users who never come back (GDPR art. 5(1)(e):
#: a photo of a person is not kept longer than the report it was taken for needs it).
KEEP_FOR = dt.timedelta(days=1)
ROOT = "gas/pending"
_TOKEN = re.compile(r"^[0-9a-f]{32}$")


def _folder(actor: Actor) -> str:
    user = actor_user(actor)
    return f"{ROOT}/{user.pk if user else 'system'}"


def photo_keep(*, actor: Actor, upload: Any) -> str:
    """Keep ``upload`` (checked and re-encoded) and return its token."""
    content = clean_photo(upload, max_bytes=settings.URBIS_MAX_PHOTO_BYTES)
    _purge_old(actor)
    token = secrets.token_hex(16)
    default_storage.save(f"{_folder(actor)}/{token}.jpg", content)
    return token


def photo_exists(*, actor: Actor, token: str) -> bool:
    return bool(_TOKEN.match(token)) and default_storage.exists(f"{_folder(actor)}/{token}.jpg")


def photo_take(*, actor: Actor, token: str) -> ContentFile[bytes] | None:
    """The kept photo of ``token`` for the same user (``None`` for any other token), removed
    from the temporary folder."""
    if not photo_exists(actor=actor, token=token):
        return None
    name = f"{_folder(actor)}/{token}.jpg"
    with default_storage.open(name, "rb") as kept:
        content = ContentFile(kept.read(), name=f"{token}.jpg")
    default_storage.delete(name)
    return content


def _purge_old(actor: Actor) -> None:
    _purge_folder(_folder(actor), timezone.now() - KEEP_FOR)


def _purge_folder(folder: str, limit: dt.datetime) -> int:
    if not default_storage.exists(folder):
        return 0
    removed = 0
    for name in default_storage.listdir(folder)[1]:
        path = f"{folder}/{name}"
        if default_storage.get_modified_time(path) < limit:
            default_storage.delete(path)
            removed += 1
    return removed


def pending_photos_purge(*, now: dt.datetime | None = None) -> int:
    """Remove every user's kept photos older than ``KEEP_FOR`` (the nightly job); the count."""
    limit = (now or timezone.now()) - KEEP_FOR
    if not default_storage.exists(ROOT):
        return 0
    return sum(_purge_folder(f"{ROOT}/{user}", limit) for user in default_storage.listdir(ROOT)[0])
