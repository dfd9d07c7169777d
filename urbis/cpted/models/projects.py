"""Investment projects, their phases (append-only history), the triage flow versions and each
project's triage decisions (domain/cpted.md §5.1)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from urbis.core.models import Organisation
from urbis.cpted import texts
from urbis.cpted import triage as engine


class ProjectType(models.TextChoices):
    # The T1 project types of domain/cpted.md §5.1 (Overlasttoets; UK CIS triggers).
    PUBLIC_SPACE = "public_space", _("Square / public space")
    PARK = "park", _("Park / green")
    PLAYGROUND = "playground", _("Playground / sports ground")
    STREET = "street", _("Street / road / cycle path")
    PARKING = "parking", _("Parking")
    HOUSING = "housing", _("Housing")
    SCHOOL = "school", _("School / childcare")
    COMMUNITY = "community", _("Community / culture / worship")
    RETAIL = "retail", _("Retail / hospitality")
    OFFICE = "office", _("Office / industry")
    PUBLIC_BUILDING = "public_building", _("Public building")
    TRANSPORT_NODE = "transport_node", _("Transport node")
    TOILETS = "toilets", _("Public toilets")
    LIGHTING = "lighting", _("Lighting only")
    OTHER = "other", _("Other")


class Phase(models.TextChoices):
    # Design phases of the Overlasttoets (domain/cpted.md §1.1, T13).
    IDEA = "idea", _("Idea / programme")
    PRELIMINARY_DESIGN = "preliminary_design", _("Preliminary design")
    FINAL_DESIGN = "final_design", _("Final design")
    EXECUTION = "execution", _("Execution")
    MANAGEMENT = "management", _("Management")


PHASE_ORDER = [p.value for p in Phase]


class Outcome(models.TextChoices):
    NO_CHECK = "no_check", _("No check")
    SELF_CHECK = "self_check", _("Self-check by the project leader")
    FULL_CHECK = "full_check", _("Full CPTED check")
    SPECIALIST = "specialist", _("Specialist check")


class InvestmentProject(models.Model):
    name = models.CharField(_("name"), max_length=200)
    department = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="cpted_projects",
        verbose_name=_("owning department"),
    )
    project_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="cpted_projects",
        verbose_name=_("project leader"),
    )
    project_type = models.CharField(_("type"), max_length=30, choices=ProjectType.choices)
    description = models.TextField(_("description"), blank=True)
    location = models.JSONField(
        _("location (GeoJSON point or polygon, WGS84)"), null=True, blank=True
    )
    lat = models.FloatField(_("latitude"), null=True, blank=True, editable=False)
    lon = models.FloatField(_("longitude"), null=True, blank=True, editable=False)
    budget = models.DecimalField(_("budget (EUR)"), max_digits=14, decimal_places=2, default=0)
    dwellings = models.PositiveIntegerField(_("dwellings"), default=0)
    floor_area = models.DecimalField(
        _("gross floor area (m²)"), max_digits=10, decimal_places=1, default=0
    )
    parking_spaces = models.PositiveIntegerField(_("parking spaces"), default=0)
    night_time_uses = models.BooleanField(_("night-time uses"), default=False)
    licensed_uses = models.BooleanField(_("licensed premises (alcohol)"), default=False)
    vulnerable_users = models.BooleanField(_("vulnerable users"), default=False)
    phase = models.CharField(
        _("current phase"), max_length=30, choices=Phase.choices, default=Phase.IDEA
    )
    preliminary_design_end = models.DateField(
        _("preliminary design closes (planned)"), null=True, blank=True
    )
    final_design_approval = models.DateField(
        _("final design approval (planned)"), null=True, blank=True
    )
    execution_start = models.DateField(_("execution starts (planned)"), null=True, blank=True)
    management_start = models.DateField(_("management starts (planned)"), null=True, blank=True)
    final_design_approved_at = models.DateTimeField(
        _("final design approved at"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        editable=False,
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("investment project")
        verbose_name_plural = _("investment projects")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget__gte=0) & models.Q(floor_area__gte=0),
                name="cpted_project_amounts_positive",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def current_triage(self) -> Triage | None:
        return self.triages.order_by("-decided_at", "-pk").first()


class PhaseChange(models.Model):
    """Append-only phase history (ARCHITECTURE §4.7)."""

    project = models.ForeignKey(
        InvestmentProject, on_delete=models.CASCADE, related_name="phase_changes"
    )
    from_phase = models.CharField(max_length=30, choices=Phase.choices, blank=True)
    to_phase = models.CharField(max_length=30, choices=Phase.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.from_phase} → {self.to_phase}"


class TriageFlow(models.Model):
    """One version of the triage flow document (triage.py). Versions are never edited: a save
    adds a version, and the latest is the one in use."""

    version = models.CharField(_("version"), max_length=40, unique=True)
    document = models.JSONField(_("flow document"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("triage flow")
        verbose_name_plural = _("triage flows")

    def __str__(self) -> str:
        return self.version


class Triage(models.Model):
    """A triage decision: the answers, the flow version, the outcome, the path and when the
    check must happen. A re-triage adds a row. ``steps`` keep the path as data with every text
    in nl, fr and en (triage.render_path shows it per language); ``path`` is the English
    rendering (and the only path of rows stored before steps existed). ``check_moments`` hold
    one {en, nl, fr} object per moment (plain English strings in older rows)."""

    project = models.ForeignKey(InvestmentProject, on_delete=models.CASCADE, related_name="triages")
    flow = models.ForeignKey(TriageFlow, on_delete=models.PROTECT, related_name="triages")
    answers = models.JSONField(_("answers"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    path = models.JSONField(_("path"))
    steps = models.JSONField(_("path steps"), default=list, blank=True)
    check_moments = models.JSONField(_("when the check must happen"), default=list)
    decided_at = models.DateTimeField(_("decided at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("triage")
        verbose_name_plural = _("triages")

    def __str__(self) -> str:
        return f"{self.project} → {self.outcome}"

    @property
    def needs_check(self) -> bool:
        return self.outcome != Outcome.NO_CHECK

    def path_in(self, language: str | None = None) -> list[str]:
        """The path in words in ``language`` (default: the active language)."""
        return engine.render_path(self.steps or self.path, language or get_language())

    def check_moments_in(self, language: str | None = None) -> list[str]:
        return [texts.pick(moment, language or get_language()) for moment in self.check_moments]

    @property
    def localized_path(self) -> list[str]:
        return self.path_in()

    @property
    def localized_check_moments(self) -> list[str]:
        return self.check_moments_in()
