"""Writes of the CPTED check: assessments, zones, site visits, ratings, photos, completion."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.core.types import Actor, person_actor
from urbis.cpted import selectors
from urbis.cpted.models import (
    Assessment,
    AssessmentStatus,
    ChecklistItem,
    ChecklistTemplate,
    InvestmentProject,
    Priority,
    RecommendationType,
    RequirementLevel,
    SiteVisit,
    Strategy,
    VisitKind,
    Zone,
)
from urbis.cpted.models.assessment import WHOLE_SITE, zone_label
from urbis.cpted.services.recommendations import recommendation_create
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


def _coverage_gate(coverage: float, accepted: bool) -> None:
    threshold = settings.URBIS_CPTED_SIGN_OFF_COVERAGE
    if coverage < threshold and not accepted:
        raise ValidationError(
            {
                "accept_low_coverage": _(
                    "Only %(coverage)s%% of the applicable items are rated (at least "
                    "%(threshold)s%% expected): confirm that you sign off a partial check."
                )
                % {"coverage": formats.number_format(coverage, 1), "threshold": threshold}
            }
        )


def assessment_complete(
    *,
    actor: Actor,
    assessment: Assessment,
    summary: str,
    signed_off_by: str,
    management_plan: str = "",
    accept_low_coverage: bool = False,
) -> Assessment:
    """Complete and sign off the assessment. Each red flag without a recommendation gets a
    mandatory, high-priority one (domain/cpted.md §5.2: "a single failing rating forces a
    recommendation"). Below ``URBIS_CPTED_SIGN_OFF_COVERAGE`` % of the applicable items rated,
    the sign-off needs ``accept_low_coverage`` (the advisor confirms a partial check)."""
    errors: dict[str, str] = {}
    if not summary.strip():
        errors["summary"] = _("Write the summary of the findings.")
    if not signed_off_by.strip():
        errors["signed_off_by"] = _("Name who signs the report off.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _draft(assessment)
        card = selectors.scorecard(locked)
        if card.overall.rated == 0:
            raise ValidationError(_("Rate at least one item before completing the assessment."))
        _coverage_gate(card.overall.coverage, accept_low_coverage)
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
