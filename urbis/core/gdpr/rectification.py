"""GDPR art. 16 rectification as a real operation: a field of a person's record is corrected,
the old and the new value are kept in the append-only history (``Rectification``), and the
recipients the data was disclosed to are listed so each can be told (art. 19)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from urbis.core.audit import _actor_label, record_event
from urbis.core.gdpr import registry
from urbis.core.gdpr.models import Rectification, RequestStep, SubjectRequest
from urbis.core.gdpr.selectors import is_dpo

#: The fields of a person that may be corrected (art. 16: inaccurate or incomplete data).
PERSON_FIELDS: dict[str, Any] = {
    "first_name": gettext_lazy("first name"),
    "last_name": gettext_lazy("last name"),
    "birth_date": gettext_lazy("date of birth"),
    "national_number": gettext_lazy("national register number"),
    "street": gettext_lazy("street and number"),
    "postal_code": gettext_lazy("postal code"),
    "municipality": gettext_lazy("municipality"),
    "email": gettext_lazy("e-mail"),
    "phone": gettext_lazy("phone"),
}


def _clean(person: models.Model, field: str, raw: str) -> Any:
    """The new value checked by the model field (length, date format, e-mail); a national
    number also by its check digits (python-stdnum)."""
    if field not in PERSON_FIELDS:
        raise ValidationError({"field": [_("This field cannot be rectified.")]})
    model_field = cast(models.Field, person._meta.get_field(field))
    raw = raw.strip()
    try:
        if field == "national_number" and raw:
            from stdnum.be import nn

            try:
                raw = str(nn.validate(raw))
            except Exception as error:  # stdnum raises its own ValidationError subclasses
                raise ValidationError(_("This is not a valid national register number.")) from error
        value = model_field.clean((raw or None) if field == "birth_date" else raw, person)
    except ValidationError as error:
        raise ValidationError({"value": error.messages}) from error
    if field in ("first_name", "last_name") and not value:
        raise ValidationError({"value": [_("A name cannot be emptied; restrict the record.")]})
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def person_rectify(
    *,
    actor: Any,
    person: models.Model,
    field: str,
    value: str,
    reason: str,
    request: SubjectRequest | None = None,
    authorised: bool = False,
    recipients: Iterable[str] | None = None,
) -> Rectification:
    """Correct one field of ``person`` (an app's person record, ADR 0004); the DPO, or an
    app's service that has checked its own rule (``authorised``: e.g. the case director). The
    old and new values go to the history; the recipients (every app's, or the ones given) are
    listed for the art. 19 notice."""
    if not (authorised or is_dpo(actor)):
        raise PermissionError("rectification is for the DPO or the record's owner")
    if not reason.strip():
        raise ValidationError({"reason": [_("State why the data is corrected.")]})
    if len(reason) > 500:
        raise ValidationError({"reason": [_("At most %(n)d characters.") % {"n": 500}]})
    with transaction.atomic():
        person = type(person)._default_manager.select_for_update().get(pk=person.pk)
        new = _clean(person, field, value)
        old = getattr(person, field)
        if _text(old) == _text(new):
            raise ValidationError({"value": [_("This is already the recorded value.")]})
        setattr(person, field, new)
        person.save(update_fields=[field])
        told = sorted(recipients) if recipients is not None else None
        if told is None:
            told = registry.rectification_recipients(person)
        row = Rectification.objects.create(
            at=timezone.now(), actor_label=_actor_label(actor),
            object_type=person._meta.label_lower,
            object_id=str(person.pk), field=field, old_value=_text(old)[:300],
            new_value=_text(new)[:300], reason=reason.strip(), recipients=told, request=request,
        )  # fmt: skip
        if request is not None:
            _request_step(actor, request, row)
        # The audit event names the field, never the values (they are in the history).
        record_event(
            actor=actor, action="gdpr.rectified", target=person,
            data={"field": field, "rectification": row.pk, "recipients": len(told)},
        )  # fmt: skip
    return row


def _request_step(actor: Any, request: SubjectRequest, row: Rectification) -> None:
    note = _(
        "%(field)s corrected. Recipients to inform (art. 19): %(recipients)s. The person is "
        "told of these recipients on request."
    ) % {
        "field": PERSON_FIELDS[row.field],
        "recipients": ", ".join(row.recipients) or _("none"),
    }
    RequestStep.objects.create(
        request=request, at=row.at, actor_label=row.actor_label, step="rectified",
        note=note[:1000], data={"rectification": row.pk, "field": row.field},
    )  # fmt: skip


def request_rectify(
    *, actor: Any, request: SubjectRequest, field: str, value: str, reason: str
) -> list[Rectification]:
    """The DPO answers a rectification request: the field is corrected on every record of
    the person with the request's national number."""
    if request.status != "open":
        raise ValidationError(_("This request is already closed."))
    people = registry.rectifiable_records(request.national_number)
    if not people:
        raise ValidationError({"field": [_("No record of this person holds that field.")]})
    with transaction.atomic():
        return [
            person_rectify(
                actor=actor, person=p, field=field, value=value, reason=reason, request=request
            )
            for p in people
        ]
