"""GDPR art. 18 restriction: a frozen object blocks use (services refuse changes) and keeps the
data. Apps call :func:`check_not_restricted` at the start of each write service."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from urbis.core.gdpr.models import Restriction


def _key(target: models.Model | tuple[str, str | int]) -> tuple[str, str]:
    if isinstance(target, models.Model):
        return f"{target._meta.app_label}.{target._meta.model_name}", str(target.pk)
    return target[0], str(target[1])


def active_restriction(target: models.Model | tuple[str, str | int]) -> Restriction | None:
    object_type, object_id = _key(target)
    return Restriction.objects.filter(
        object_type=object_type, object_id=object_id, lifted_at__isnull=True
    ).first()


def restricted_among(targets: Sequence[models.Model]) -> set[tuple[str, str]]:
    """The (object_type, object_id) of those ``targets`` that are frozen, in one query."""
    keys = [_key(t) for t in targets]
    if not keys:
        return set()
    types = {k[0] for k in keys}
    rows = Restriction.objects.filter(
        object_type__in=types, object_id__in=[k[1] for k in keys], lifted_at__isnull=True
    ).values_list("object_type", "object_id")
    return set(rows) & set(keys)


def is_restricted(target: models.Model | tuple[str, str | int]) -> bool:
    return active_restriction(target) is not None


def check_not_restricted(target: models.Model | tuple[str, str | int]) -> None:
    """Raise a ValidationError when the object is frozen under art. 18."""
    if is_restricted(target):
        raise ValidationError(
            _(
                "This record is restricted (GDPR art. 18): it is kept but may not be used "
                "or changed."
            )
        )
