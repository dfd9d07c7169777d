"""Writes of ratings: one item in one zone, a zone's whole checklist at once, photos.

A zone's checklist is saved all or nothing: every row is checked first, and one refused row
(or photo) leaves every rating as it was, with the reason beside that row's field.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.core.geo import validate_lat_lon
from urbis.core.types import Actor, actor_user
from urbis.core.uploads import clean_photo
from urbis.cpted import scoring
from urbis.cpted.models import Assessment, AssessmentStatus, ChecklistItem, Photo, Rating, Zone


@dataclass(frozen=True)
class RatingEntry:
    """One row of a zone's checklist as entered."""

    item: ChecklistItem
    value: int | None = None
    not_applicable: bool = False
    not_observable: bool = False
    note: str = ""
    lat: float | None = None
    lon: float | None = None
    photo: UploadedFile | None = None

    @property
    def blank(self) -> bool:
        return (
            self.value is None
            and not (self.not_applicable or self.not_observable)
            and not self.note.strip()
            and self.lat is None
            and self.lon is None
            and self.photo is None
        )

    def same_as(self, rating: Rating | None) -> bool:
        """Nothing to write: the row repeats the stored rating and adds no photo."""
        return (
            rating is not None
            and self.photo is None
            and (rating.value, rating.not_applicable, rating.not_observable, rating.note)
            == (self.value, self.not_applicable, self.not_observable, self.note)
            and (rating.lat, rating.lon) == (self.lat, self.lon)
        )


class ZoneRatingsError(ValidationError):
    """Refused rows of a zone's checklist: ``rows`` maps a row's index to {field: message}."""

    def __init__(self, rows: dict[int, dict[str, str]]) -> None:
        super().__init__([m for fields in rows.values() for m in fields.values()])
        self.rows = rows


def rating_errors(entry: RatingEntry) -> dict[str, str]:
    """Why a rating cannot be saved, per field (empty when it can)."""
    errors: dict[str, str] = {}
    marked = entry.not_applicable or entry.not_observable
    if entry.not_applicable and entry.not_observable:
        errors["not_observable"] = _("An item is either not applicable or not observable.")
    if marked and entry.value is not None:
        errors["value"] = _("Leave the rating empty for a not applicable or unobservable item.")
    if entry.value is None and not marked:
        errors["value"] = _("Give a rating, or mark the item not applicable or unobservable.")
    low, high, _low = scoring.SCALES[entry.item.scale]
    if entry.value is not None and not low <= entry.value <= high:
        errors["value"] = _("The rating must lie between %(low)d and %(high)d.") % {
            "low": low,
            "high": high,
        }
    if (entry.lat is None) != (entry.lon is None):
        errors["lat"] = _("Give both latitude and longitude, or neither.")
    elif entry.lat is not None and entry.lon is not None:
        try:
            validate_lat_lon(entry.lat, entry.lon)
        except ValidationError as error:
            errors["lat"] = error.messages[0]
    return errors


def _locked_draft(assessment: Assessment) -> Assessment:
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.status != AssessmentStatus.DRAFT:
        raise ValidationError(_("This assessment is completed; start a new one to change it."))
    return locked


def _write(actor: Actor, assessment: Assessment, zone: Zone, entry: RatingEntry) -> Rating:
    """Store one checked rating (replacing the previous one, whose value the event keeps)."""
    item = entry.item
    previous = Rating.objects.filter(assessment=assessment, item=item, zone=zone).first()
    rating, _created = Rating.objects.update_or_create(
        assessment=assessment,
        item=item,
        zone=zone,
        defaults={
            "value": entry.value,
            "not_applicable": entry.not_applicable,
            "not_observable": entry.not_observable,
            "note": entry.note,
            "lat": entry.lat,
            "lon": entry.lon,
            "rated_by": actor_user(actor),
            "rated_at": timezone.now(),
        },
    )
    record_event(
        actor=actor,
        action="cpted.item_rated",
        target=assessment,
        data={
            "item": item.code,
            "zone": zone.name,
            "value": entry.value,
            "previous": previous.value if previous else None,
            "na": entry.not_applicable,
            "uto": entry.not_observable,
        },
    )
    if entry.photo is not None:
        photo_add(actor=actor, rating=rating, upload=entry.photo)
    return rating


def _scope_errors(assessment: Assessment, zone: Zone, item: ChecklistItem) -> dict[str, str]:
    errors: dict[str, str] = {}
    if item.template_id != assessment.template_id:
        errors["item"] = _("This item is not in the assessment's checklist.")
    if zone.assessment_id != assessment.pk:
        errors["zone"] = _("This zone belongs to another assessment.")
    return errors


def _photo_errors(entry: RatingEntry) -> dict[str, str]:
    """Check the photo before anything is written (photo_add checks it again as it stores it)."""
    if entry.photo is None:
        return {}
    try:
        clean_photo(entry.photo, max_bytes=settings.URBIS_CPTED_MAX_PHOTO_BYTES)
    except ValidationError as error:
        return {"photo": error.messages[0]}
    return {}


def rating_record(
    *,
    actor: Actor,
    assessment: Assessment,
    item: ChecklistItem,
    zone: Zone,
    value: int | None = None,
    not_applicable: bool = False,
    not_observable: bool = False,
    note: str = "",
    lat: float | None = None,
    lon: float | None = None,
) -> Rating:
    """Rate an item in a zone (again: the rating is replaced, the old value kept in the audit
    event). A value outside the item's scale is refused."""
    entry = RatingEntry(item, value, not_applicable, not_observable, note, lat, lon)
    errors = {**_scope_errors(assessment, zone, item), **rating_errors(entry)}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return _write(actor, _locked_draft(assessment), zone, entry)


def zone_ratings_record(
    *, actor: Actor, assessment: Assessment, zone: Zone, entries: list[RatingEntry]
) -> list[Rating]:
    """Save a zone's whole checklist together: rows left blank are skipped, rows that repeat
    the stored rating are not written again; a refused row or photo saves nothing
    (:class:`ZoneRatingsError` names each refused row and field)."""
    stored = {r.item_id: r for r in Rating.objects.filter(assessment=assessment, zone=zone)}
    rows: dict[int, dict[str, str]] = {}
    for index, entry in enumerate(entries):
        if entry.blank and entry.item.pk in stored:
            rows[index] = {"value": _("A saved rating cannot be emptied: mark it N/A instead.")}
        elif not entry.blank:
            errors = {**_scope_errors(assessment, zone, entry.item), **rating_errors(entry)}
            errors.update(_photo_errors(entry))
            if errors:
                rows[index] = errors
    if rows:
        raise ZoneRatingsError(rows)
    changed = [e for e in entries if not e.blank and not e.same_as(stored.get(e.item.pk))]
    with transaction.atomic():
        locked = _locked_draft(assessment)
        return [_write(actor, locked, zone, entry) for entry in changed]


def photo_add(*, actor: Actor, rating: Rating, upload: UploadedFile, caption: str = "") -> Photo:
    """Attach a photo: the content is checked (type, size, really an image) and re-encoded with
    Pillow, which drops EXIF, including the GPS location (ARCHITECTURE §6)."""
    content = clean_photo(upload, max_bytes=settings.URBIS_CPTED_MAX_PHOTO_BYTES)
    with transaction.atomic():
        _locked_draft(rating.assessment)
        photo = Photo(
            rating=rating,
            caption=caption,
            uploaded_by=actor_user(actor),
            uploaded_at=timezone.now(),
        )
        photo.image.save(content.name, content, save=False)
        photo.save()
        record_event(
            actor=actor,
            action="cpted.photo_added",
            target=rating.assessment,
            data={"item": rating.item.code, "photo": photo.pk},
        )
    return photo
