"""Writes of the CPTED check: assessments, zones, site visits, ratings, photos, completion."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.core.geo import validate_lat_lon
from urbis.core.types import Actor, actor_user, person_actor
from urbis.core.uploads import clean_photo
from urbis.cpted import scoring
from urbis.cpted.models import (
    Assessment,
    AssessmentStatus,
    ChecklistItem,
    ChecklistTemplate,
    InvestmentProject,
    Photo,
    Priority,
    Rating,
    RecommendationType,
    RequirementLevel,
    SiteVisit,
    Strategy,
    VisitKind,
    Zone,
)
from urbis.cpted.models.assessment import WHOLE_SITE, zone_label
from urbis.cpted.texts import LANGUAGES


def assessment_start(
    *,
    actor: Actor,
    project: InvestmentProject,
    template: ChecklistTemplate,
    zones: list[str] | None = None,
) -> Assessment:
    """Start an assessment of the project in its current phase, with its zones."""
    names = [z.strip() for z in (zones or []) if z.strip()] or [WHOLE_SITE]
    if len(set(names)) != len(names):
        raise ValidationError({"zones": _("Zone names must be different.")})
    with transaction.atomic():
        assessment = Assessment.objects.create(
            project=project,
            phase=project.phase,
            template=template,
            advisor=person_actor(actor),
            started_at=timezone.now(),
        )
        Zone.objects.bulk_create(Zone(assessment=assessment, name=name) for name in names)
        record_event(
            actor=actor,
            action="cpted.assessment_started",
            target=assessment,
            data={"template": f"{template.code}/{template.version}", "zones": names},
        )
    return assessment


def _draft(assessment: Assessment) -> Assessment:
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.status != AssessmentStatus.DRAFT:
        raise ValidationError(_("This assessment is completed; start a new one to change it."))
    return locked


def zone_add(*, actor: Actor, assessment: Assessment, name: str, description: str = "") -> Zone:
    if not name.strip():
        raise ValidationError({"name": _("Name the zone.")})
    with transaction.atomic():
        locked = _draft(assessment)
        if locked.zones.filter(name=name.strip()).exists():
            raise ValidationError({"name": _("This zone already exists.")})
        zone = Zone.objects.create(assessment=locked, name=name.strip(), description=description)
        record_event(actor=actor, action="cpted.zone_added", target=locked, data={"zone": name})
    return zone


def visit_record(
    *,
    actor: Actor,
    assessment: Assessment,
    kind: str,
    date: dt.date,
    participants: str,
    notes: str = "",
) -> SiteVisit:
    """Record a day or night walk with its participants (the Overlasttoets advisory group)."""
    errors: dict[str, str] = {}
    if kind not in VisitKind.values:
        errors["kind"] = _("Choose a day or a night walk.")
    if not participants.strip():
        errors["participants"] = _("Name the participants.")
    if date > timezone.localdate():
        errors["date"] = _("A visit cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _draft(assessment)
        visit = SiteVisit.objects.create(
            assessment=locked, kind=kind, date=date, participants=participants, notes=notes
        )
        record_event(
            actor=actor,
            action="cpted.visit_recorded",
            target=locked,
            data={"kind": kind, "date": date.isoformat()},
        )
    return visit


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
    errors: dict[str, str] = {}
    if item.template_id != assessment.template_id:
        errors["item"] = _("This item is not in the assessment's checklist.")
    if zone.assessment_id != assessment.pk:
        errors["zone"] = _("This zone belongs to another assessment.")
    if not_applicable and not_observable:
        errors["not_observable"] = _("An item is either not applicable or not observable.")
    if (not_applicable or not_observable) and value is not None:
        errors["value"] = _("Leave the rating empty for a not applicable or unobservable item.")
    if value is None and not (not_applicable or not_observable):
        errors["value"] = _("Give a rating, or mark the item not applicable or unobservable.")
    low, high, _low = scoring.SCALES[item.scale]
    if value is not None and not low <= value <= high:
        errors["value"] = _("The rating must lie between %(low)d and %(high)d.") % {
            "low": low,
            "high": high,
        }
    if (lat is None) != (lon is None):
        errors["lat"] = _("Give both latitude and longitude, or neither.")
    elif lat is not None and lon is not None:
        try:
            validate_lat_lon(lat, lon)
        except ValidationError as error:
            errors["lat"] = error.messages[0]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _draft(assessment)
        previous = Rating.objects.filter(assessment=locked, item=item, zone=zone).first()
        rating, _created = Rating.objects.update_or_create(
            assessment=locked,
            item=item,
            zone=zone,
            defaults={
                "value": value,
                "not_applicable": not_applicable,
                "not_observable": not_observable,
                "note": note,
                "lat": lat,
                "lon": lon,
                "rated_by": actor,
                "rated_at": timezone.now(),
            },
        )
        record_event(
            actor=actor,
            action="cpted.item_rated",
            target=locked,
            data={
                "item": item.code,
                "zone": zone.name,
                "value": value,
                "previous": previous.value if previous else None,
                "na": not_applicable,
                "uto": not_observable,
            },
        )
    return rating


def photo_add(*, actor: Actor, rating: Rating, upload: UploadedFile, caption: str = "") -> Photo:
    """Attach a photo: the content is checked (type, size, really an image) and re-encoded with
    Pillow, which drops EXIF, including the GPS location (ARCHITECTURE §6)."""
    content = clean_photo(upload, max_bytes=settings.URBIS_CPTED_MAX_PHOTO_BYTES)
    with transaction.atomic():
        _draft(rating.assessment)
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


def scored_ratings(assessment: Assessment) -> list[scoring.ScoredRating]:
    """Every (item, zone) of the assessment, rated or not, as input for :func:`scoring.score`."""
    ratings = {(r.item_id, r.zone_id): r for r in assessment.ratings.select_related("item", "zone")}
    rows = []
    for zone in assessment.zones.all():
        for item in assessment.template.items.all():
            rating = ratings.get((item.pk, zone.pk))
            rows.append(
                scoring.ScoredRating(
                    item_code=item.code,
                    strategy=item.strategy,
                    zone=zone.name,
                    scale=item.scale,
                    value=rating.value if rating else None,
                    not_applicable=bool(rating and rating.not_applicable),
                    not_observable=bool(rating and rating.not_observable),
                    critical=item.critical,
                    weight=float(item.weight),
                )
            )
    return rows


# Red flag → recommendation type, by strategy (domain/cpted.md §5.5).
TYPE_BY_STRATEGY: dict[str, str] = {
    Strategy.NATURAL_SURVEILLANCE: RecommendationType.DESIGN_CHANGE,
    Strategy.ACCESS_CONTROL: RecommendationType.ACCESS_CONTROL,
    Strategy.MAINTENANCE: RecommendationType.MANAGEMENT,
    Strategy.TARGET_HARDENING: RecommendationType.TARGET_HARDENING,
    Strategy.ACTIVITY_SUPPORT: RecommendationType.ACTIVITY,
}


def red_flag_texts(item: ChecklistItem, zone: str) -> dict[str, str]:
    """The generated advice for a red flag in nl, fr and en (stored all three, so it reads in
    the reader's language whoever completed the assessment)."""
    rendered = {}
    for language in LANGUAGES:
        with translation.override(language):
            rendered[language] = _("Red flag %(code)s (%(zone)s): %(question)s") % {
                "code": item.code,
                "zone": zone_label(zone),
                "question": item.question_in(language),
            }
    return rendered


def assessment_complete(
    *,
    actor: Actor,
    assessment: Assessment,
    summary: str,
    signed_off_by: str,
    management_plan: str = "",
) -> Assessment:
    """Complete and sign off the assessment. Each red flag without a recommendation gets a
    mandatory, high-priority one (domain/cpted.md §5.2: "a single failing rating forces a
    recommendation")."""
    from urbis.cpted.services.recommendations import recommendation_create

    errors: dict[str, str] = {}
    if not summary.strip():
        errors["summary"] = _("Write the summary of the findings.")
    if not signed_off_by.strip():
        errors["signed_off_by"] = _("Name who signs the report off.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _draft(assessment)
        card = scoring.score(scored_ratings(locked))
        if card.overall.rated == 0:
            raise ValidationError(_("Rate at least one item before completing the assessment."))
        # A red flag is covered only by mandatory advice on that item that was not rejected (an
        # advised or rejected one does not count); each failing zone gets its own advice.
        advised = set(
            locked.recommendations.filter(requirement=RequirementLevel.MANDATORY)
            .exclude(status="rejected")
            .values_list("item__code", flat=True)
        )
        covered: set[tuple[str, str]] = set()
        items = {i.code: i for i in locked.template.items.all()}
        for flag in card.red_flags:
            if flag.item_code in advised or (flag.item_code, flag.zone) in covered:
                continue
            item = items[flag.item_code]
            texts = red_flag_texts(item, flag.zone)
            recommendation_create(
                actor=actor,
                project=locked.project,
                assessment=locked,
                item=item,
                text=texts["en"],
                texts=texts,
                strategy=item.strategy,
                kind=TYPE_BY_STRATEGY.get(item.strategy, RecommendationType.DESIGN_CHANGE),
                priority=Priority.HIGH,
                requirement=RequirementLevel.MANDATORY,
                department=locked.project.department,
            )
            covered.add((flag.item_code, flag.zone))
        locked.status = AssessmentStatus.COMPLETED
        locked.summary = summary
        locked.management_plan = management_plan
        locked.signed_off_by = signed_off_by
        locked.completed_at = timezone.now()
        locked.save()
        record_event(
            actor=actor,
            action="cpted.assessment_completed",
            target=locked,
            data={
                "score": card.overall.value,
                "coverage": card.overall.coverage,
                "red_flags": [f.item_code for f in card.red_flags],
            },
        )
    return locked
