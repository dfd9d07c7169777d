"""Uploaded photos: checked by content (not by name), size-capped, and re-encoded with Pillow,
which drops EXIF metadata including the GPS location (ARCHITECTURE §6)."""

from __future__ import annotations

import io
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

ALLOWED_IMAGE_TYPES = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_SIDE = 2000  # pixels: enough for evidence, small enough for letters and reports


def clean_photo(upload: Any, *, max_bytes: int, field: str = "photo") -> ContentFile[bytes]:
    """A re-encoded JPEG of ``upload``, or ``ValidationError`` on ``field`` naming the problem."""
    from PIL import Image, UnidentifiedImageError

    if getattr(upload, "size", 0) and upload.size > max_bytes:
        raise ValidationError({field: _("The photo is too large.")})
    try:
        image = Image.open(upload)
        image.load()
    except (UnidentifiedImageError, OSError, ValueError):
        raise ValidationError({field: _("This file is not a JPEG, PNG or WebP image.")}) from None
    if image.format not in ALLOWED_IMAGE_TYPES:
        raise ValidationError({field: _("This file is not a JPEG, PNG or WebP image.")})
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.jpg")
