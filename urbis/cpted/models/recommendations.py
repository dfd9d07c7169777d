"""Recommendations and their append-only status history (domain/cpted.md §5.5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from urbis.core.models import Organisation
from urbis.cpted.models.assessment import Assessment, ChecklistItem, Strategy
from urbis.cpted.models.projects import InvestmentProject, Phase
from urbis.cpted.texts import pick


class RecommendationType(models.TextChoices):
    # domain/cpted.md §5.5 (ISO 22341 physical + social strategies; CEN management strategies).
    DESIGN_CHANGE = "design_change", _("Design change")
    MANAGEMENT = "management_maintenance", _("Management / maintenance")
    LIGHTING = "lighting", _("Lighting")
    PLANTING = "planting", _("Planting")
    ACCESS_CONTROL = "access_control", _("Access control")
    TARGET_HARDENING = "target_hardening", _("Target hardening")
    ACTIVITY = "activity_programming", _("Activity programming")
    SIGNAGE = "signage_wayfinding", _("Signage / wayfinding")
    SOCIAL = "social_measure", _("Social measure")
    STUDY = "further_study", _("Further study")
    MONITORING = "monitoring", _("Monitoring")


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class RequirementLevel(models.TextChoices):
    # PKVW eis / aanbeveling (domain/cpted.md §1.3, §5.3).
    MANDATORY = "mandatory", _("Mandatory")
    ADVISED = "advised", _("Advised")


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    IMPLEMENTED = "implemented", _("Implemented")
    VERIFIED = "verified", _("Verified")


class Recommendation(models.Model):
    project = models.ForeignKey(
        InvestmentProject, on_delete=models.CASCADE, related_name="recommendations"
    )
    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations",
    )
    item = models.ForeignKey(
        ChecklistItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("recommendation"))
    #: Generated advice (red flags) in every language {en, nl, fr}, so that it reads in the
    #: reader's language whoever completed the assessment; empty for advice typed by a person.
    texts = models.JSONField(_("text per language"), default=dict, blank=True)
    strategy = models.CharField(_("strategy"), max_length=40, choices=Strategy.choices, blank=True)
    kind = models.CharField(_("type"), max_length=30, choices=RecommendationType.choices)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    quick_win = models.BooleanField(_("quick win"), default=False)
    phase = models.CharField(_("phase"), max_length=30, choices=Phase.choices)
    department = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="cpted_recommendations",
        verbose_name=_("owning department"),
    )
    requirement = models.CharField(
        _("requirement level"),
        max_length=10,
        choices=RequirementLevel.choices,
        default=RequirementLevel.ADVISED,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.OPEN,
    )
    motivation = models.TextField(_("motivation"), blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        ordering = ["project", "status", "priority", "pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(motivation=""),
                name="cpted_rejection_motivated",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def text_in(self, language: str | None = None) -> str:
        """The text in ``language`` (default: the active one); typed advice as written."""
        return pick(self.texts, language or get_language()) if self.texts else self.text

    @property
    def localized_text(self) -> str:
        return self.text_in()


class RecommendationChange(models.Model):
    """Append-only history of status changes and phase carries (ARCHITECTURE §4.7)."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="changes"
    )
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    from_phase = models.CharField(max_length=30, blank=True)
    to_phase = models.CharField(max_length=30, blank=True)
    motivation = models.TextField(blank=True)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"
