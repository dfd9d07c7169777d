"""The one checked path for every uploaded file (ARCHITECTURE §6).

Files are judged by their content (magic bytes, Pillow), never by their name or the browser's
content type; each kind has a size limit from the settings; stored names are random (no user
input reaches the file system); images are re-encoded with Pillow, which drops EXIF metadata
including the GPS location. ``clean_photo`` takes photos only; ``clean_document`` takes a PDF
or a photo (attachments such as a written defence). Call them in the service, so that every
page, API and admin form goes through them.
"""

from __future__ import annotations

import io
import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

ALLOWED_IMAGE_TYPES = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_SIDE = 2000  # pixels: enough for evidence, small enough for letters and reports
PDF_MAGIC = b"%PDF-"  # ISO 32000-1 §7.5.2: a PDF file begins with its header "%PDF-1.n"


def _too_large(upload: Any, max_bytes: int) -> bool:
    size = getattr(upload, "size", None)
    if size is not None:
        return bool(size > max_bytes)
    # No declared size: read one byte past the limit, at most.
    upload.seek(0)
    too_large = len(upload.read(max_bytes + 1)) > max_bytes
    upload.seek(0)
    return too_large


def clean_photo(upload: Any, *, max_bytes: int, field: str = "photo") -> ContentFile[bytes]:
    """A re-encoded JPEG of ``upload``, or ``ValidationError`` on ``field`` naming the problem."""
    from PIL import Image, UnidentifiedImageError

    if _too_large(upload, max_bytes):
        raise ValidationError({field: _("The photo is too large.")})
    try:
        upload.seek(0)
        image = Image.open(upload)
        image.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError({field: _("This file is not a JPEG, PNG or WebP image.")}) from None
    if image.format not in ALLOWED_IMAGE_TYPES:
        raise ValidationError({field: _("This file is not a JPEG, PNG or WebP image.")})
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.jpg")


def clean_document(
    upload: Any, *, max_bytes: int | None = None, field: str = "attachment"
) -> ContentFile[bytes]:
    """A PDF (kept as sent, under a random name) or a photo (re-encoded without EXIF).

    ``max_bytes`` defaults to ``URBIS_MAX_DOCUMENT_BYTES``. Anything else, or anything larger,
    raises ``ValidationError`` on ``field``.
    """
    limit = settings.URBIS_MAX_DOCUMENT_BYTES if max_bytes is None else max_bytes
    if _too_large(upload, limit):
        message = _("The file is too large (at most %(size)s).") % {"size": filesizeformat(limit)}
        raise ValidationError({field: message})
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head == PDF_MAGIC:
        return ContentFile(upload.read(), name=f"{uuid.uuid4().hex}.pdf")
    try:
        return clean_photo(upload, max_bytes=limit, field=field)
    except ValidationError:
        raise ValidationError(
            {field: _("Only PDF documents and JPEG, PNG or WebP photos are accepted.")}
        ) from None
