"""Checklist templates (versioned), assessments per phase, zones, site visits, ratings and
photos (domain/cpted.md §5.2–5.4; ISO 22341:2021 §5.2 strategies)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from urbis.cpted.models.projects import InvestmentProject, Phase
from urbis.cpted.texts import language_code


class Strategy(models.TextChoices):
    # ISO 22341:2021 §5.2: six physical (first-generation) and four social (second-generation)
    # strategies (domain/cpted.md §2.1).
    NATURAL_SURVEILLANCE = "natural_surveillance", _("Natural surveillance")
    ACCESS_CONTROL = "access_control", _("Natural access control")
    TERRITORIAL_REINFORCEMENT = "territorial_reinforcement", _("Territorial reinforcement")
    MAINTENANCE = "maintenance", _("Image and management / maintenance")
    ACTIVITY_SUPPORT = "activity_support", _("Activity support")
    TARGET_HARDENING = "target_hardening", _("Target hardening")
    SOCIAL_COHESION = "social_cohesion", _("Social cohesion")
    CONNECTIVITY = "connectivity", _("Social connectivity")
    COMMUNITY_CULTURE = "community_culture", _("Community culture")
    THRESHOLD_CAPACITY = "threshold_capacity", _("Threshold capacity")


PHYSICAL_STRATEGIES = [s.value for s in Strategy][:6]


class RatingScale(models.TextChoices):
    # domain/cpted.md §5.3.
    FIVE_POINT = "five_point", _("1 (critical) – 5 (excellent)")
    YES_NO = "yes_no_unobservable", _("Yes / no / unobservable")
    ZERO_TO_THREE = "zero_to_three", _("0 – 3")


class TimeOfDay(models.TextChoices):
    DAY = "day", _("Day")
    NIGHT = "night", _("Night")
    BOTH = "both", _("Day and night")


class ChecklistTemplate(models.Model):
    code = models.SlugField(_("code"), max_length=40)
    version = models.CharField(_("version"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="cpted_template_version")
        ]
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")

    def __str__(self) -> str:
        return f"{self.name_in()} ({self.version})"

    def name_in(self, language: str | None = None) -> str:
        """The name in ``language`` (default: the active one), English when missing."""
        code = language_code(language or get_language())
        return self.name if code == "en" else getattr(self, f"name_{code}") or self.name


class ChecklistItem(models.Model):
    template = models.ForeignKey(ChecklistTemplate, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("code"), max_length=20)
    strategy = models.CharField(_("strategy"), max_length=40, choices=Strategy.choices)
    # English texts, with Dutch and French next to them; an empty translation shows English.
    question = models.TextField(_("question"))
    question_nl = models.TextField(_("question (Dutch)"), blank=True)
    question_fr = models.TextField(_("question (French)"), blank=True)
    guidance = models.TextField(_("guidance"), blank=True)
    guidance_nl = models.TextField(_("guidance (Dutch)"), blank=True)
    guidance_fr = models.TextField(_("guidance (French)"), blank=True)
    evidence_required = models.JSONField(_("evidence required"), default=list, blank=True)
    time_of_day = models.CharField(
        _("day / night"), max_length=10, choices=TimeOfDay.choices, default=TimeOfDay.BOTH
    )
    scale = models.CharField(
        _("rating scale"),
        max_length=30,
        choices=RatingScale.choices,
        default=RatingScale.FIVE_POINT,
    )
    critical = models.BooleanField(_("critical"), default=False)
    weight = models.DecimalField(_("weight"), max_digits=4, decimal_places=2, default=1)
    source_ref = models.CharField(_("source"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["template", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["template", "code"], name="cpted_item_code_once"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="cpted_item_weight"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.question[:60]}"

    def _text(self, name: str, language: str | None) -> str:
        code = language_code(language or get_language())
        english = str(getattr(self, name))
        return english if code == "en" else str(getattr(self, f"{name}_{code}")) or english

    def question_in(self, language: str | None = None) -> str:
        """The question in ``language`` (default: the active one), English when missing."""
        return self._text("question", language)

    def guidance_in(self, language: str | None = None) -> str:
        return self._text("guidance", language)

    @property
    def localized_question(self) -> str:
        return self.question_in()

    @property
    def localized_guidance(self) -> str:
        return self.guidance_in()


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("In progress")
    COMPLETED = "completed", _("Completed")


class Assessment(models.Model):
    project = models.ForeignKey(
        InvestmentProject, on_delete=models.CASCADE, related_name="assessments"
    )
    phase = models.CharField(_("phase"), max_length=30, choices=Phase.choices)
    template = models.ForeignKey(ChecklistTemplate, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    summary = models.TextField(_("summary"), blank=True)
    management_plan = models.TextField(_("management and maintenance plan"), blank=True)
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(_("started at"))
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    signed_off_by = models.CharField(_("signed off by"), max_length=200, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return f"{self.project} – {self.get_phase_display()}"


#: The zone an assessment gets when none is named; stored in English, shown translated.
WHOLE_SITE = "Whole site"


def zone_label(name: str) -> str:
    """A zone's name for display: the default zone in the active language, others as named."""
    return str(_("Whole site")) if name == WHOLE_SITE else name


class Zone(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="zones")
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "name"], name="cpted_zone_name_once")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return zone_label(self.name)


class VisitKind(models.TextChoices):
    DAY = "day", _("Day walk")
    NIGHT = "night", _("Night walk")


class SiteVisit(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="visits")
    kind = models.CharField(_("kind"), max_length=10, choices=VisitKind.choices)
    date = models.DateField(_("date"))
    participants = models.TextField(_("participants"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}"


class Rating(models.Model):
    """One item rated in one zone. ``value`` None with a flag means not applicable or not
    observable (excluded from the means, domain/cpted.md §5.4)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="+")
    zone = models.ForeignKey(Zone, on_delete=models.CASCADE, related_name="ratings")
    value = models.SmallIntegerField(_("rating"), null=True, blank=True)
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    not_observable = models.BooleanField(_("not observable"), default=False)
    note = models.TextField(_("note"), blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    rated_at = models.DateTimeField(_("rated at"))

    class Meta:
        ordering = ["item__order", "item__code", "zone"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "item", "zone"], name="cpted_rating_once_per_zone"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item.code}@{self.zone}: {self.value}"


def photo_path(instance: Photo, filename: str) -> str:
    return f"cpted/photos/{instance.rating.assessment_id}/{filename}"


class Photo(models.Model):
    """A photo of a rated item, re-encoded on upload (EXIF and GPS stripped, ARCHITECTURE §6)."""

    rating = models.ForeignKey(Rating, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=photo_path)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.caption or self.image.name
