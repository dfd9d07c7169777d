"""The Strategic Safety and Prevention Plan (domain/plan-casework.md §1, §6.1–6.3).

Plan → priorities (phenomena) → general → strategic → operational objectives → actions, with
partners, Bjørgo mechanism tags, alignment to the national frameworks, indicators with yearly
targets and append-only measurements, agreements, and the safety-survey monitor.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from urbis.core.models import AppendOnlyModel, Area, Organisation
from urbis.plan.bjorgo import Mechanism


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    EXTENDED = "extended", _("Extended")
    CLOSED = "closed", _("Closed")


class Plan(models.Model):
    """A plan period. An extension points at the plan it extends (KB 3 Jul 2019 ff.)."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    extends = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="extensions",
        verbose_name=_("extends"),
    )
    convention_ref = models.CharField(_("convention reference"), max_length=100, blank=True)
    diagnostic_summary = models.TextField(_("local safety diagnostic (summary)"), blank=True)

    class Meta:
        ordering = ["-period_start"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gt=models.F("period_start")),
                name="plan_period_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class PhenomenonSource(models.TextChoices):
    FEDERAL = "federal", _("Federal priority (DG Security and Prevention)")
    FRAMEWORK_NOTE = "kiv", _("Framework note on integral security")
    LOCAL = "local", _("Local")


class Phenomenon(models.Model):
    """Editable code list (the official list is BELIEVED, domain §1.2)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label_nl = models.CharField(_("label (Dutch)"), max_length=200)
    label_fr = models.CharField(_("label (French)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200)
    source = models.CharField(_("source list"), max_length=20, choices=PhenomenonSource.choices)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("phenomenon")
        verbose_name_plural = _("phenomena")

    def __str__(self) -> str:
        return self.label()

    def label(self, language: str | None = None) -> str:
        from django.utils.translation import get_language

        lang = (language or get_language() or "nl")[:2]
        return str(getattr(self, f"label_{lang}", "") or self.label_en)


class Priority(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    phenomenon = models.ForeignKey(Phenomenon, on_delete=models.PROTECT, related_name="+")
    rationale = models.TextField(_("rationale from the diagnostic"), blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), default=1)

    class Meta:
        ordering = ["plan", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "phenomenon"], name="priority_once_per_plan")
        ]

    def __str__(self) -> str:
        return str(self.phenomenon)


class ObjectiveLevel(models.TextChoices):
    GENERAL = "general", _("General objective")
    STRATEGIC = "strategic", _("Strategic objective")
    OPERATIONAL = "operational", _("Operational objective")


class Objective(models.Model):
    """General → strategic → operational (definitions of KB 3 Jul 2019)."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="objectives")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    level = models.CharField(_("level"), max_length=20, choices=ObjectiveLevel.choices)
    code = models.CharField(_("code"), max_length=20)
    text = models.TextField(_("objective"))
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)

    class Meta:
        ordering = ["priority", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    STOPPED = "stopped", _("Stopped")


class Action(models.Model):
    """A measure under an operational objective."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="owned_actions",
        verbose_name=_("owning organisation"),
    )
    budget = models.DecimalField(_("budget (EUR)"), max_digits=12, decimal_places=2, default=0)
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    target_groups = models.CharField(_("target groups"), max_length=300, blank=True)
    areas = models.ManyToManyField(Area, blank=True, related_name="+", verbose_name=_("areas"))

    class Meta:
        ordering = ["objective", "title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(budget__gte=0), name="action_budget_positive")
        ]

    def __str__(self) -> str:
        return self.title


class ActionStatusChange(AppendOnlyModel):
    """An action's status history: one row per change, never updated (ARCHITECTURE §4.7);
    ``Action.status`` holds the latest row's status for filtering."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="status_changes")
    from_status = models.CharField(
        _("from"), max_length=20, choices=ActionStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=ActionStatus.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    at = models.DateTimeField(_("when"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        ordering = ["action", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.action_id}: {self.from_status} → {self.to_status}"


class PartnerRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    IMPLEMENTER = "implementer", _("Implementer")
    FUNDER = "funder", _("Funder")
    REFERRER = "referrer", _("Referrer")


class ActionPartner(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=20, choices=PartnerRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["action", "organisation", "role"], name="partner_role_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.role})"


class MechanismStrength(models.TextChoices):
    PRIMARY = "primary", _("Primary")
    SECONDARY = "secondary", _("Secondary")


class ActionMechanism(models.Model):
    """Bjørgo tag: which preventive mechanism the action activates, and why."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="mechanisms")
    mechanism = models.CharField(_("mechanism"), max_length=10, choices=Mechanism.choices)
    strength = models.CharField(
        _("strength"),
        max_length=10,
        choices=MechanismStrength.choices,
        default=MechanismStrength.PRIMARY,
    )
    rationale = models.TextField(_("rationale"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["action", "mechanism"], name="mechanism_once")
        ]

    def __str__(self) -> str:
        return f"{self.action} → {self.mechanism}"


class SideEffect(models.Model):
    """Register of side effects per action (Bjørgo asks for them for every measure)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="side_effects")
    positive = models.BooleanField(_("positive"), default=False)
    observed = models.BooleanField(_("observed (not only expected)"), default=False)
    description = models.TextField(_("description"))
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.description[:60]


class Framework(models.TextChoices):
    KIV = "kiv", _("Framework note on integral security")
    NVP = "nvp", _("National security plan")
    ZVP = "zvp", _("Zonal security plan")
    EFUS = "efus", _("Efus manifesto")


class AlignmentCode(models.Model):
    """Editable code list of framework priorities (KIV 2022–2024, NVP, ZVP ...)."""

    framework = models.CharField(_("framework"), max_length=10, choices=Framework.choices)
    code = models.CharField(_("code"), max_length=20)
    label = models.CharField(_("label"), max_length=200)
    objectives = models.ManyToManyField(Objective, blank=True, related_name="alignments")

    class Meta:
        ordering = ["framework", "code"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="alignment_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_framework_display()} {self.code} {self.label}"


class IndicatorKind(models.TextChoices):
    INPUT = "input", _("Input")
    PROCESS = "process", _("Process")
    OUTPUT = "output", _("Output")
    OUTCOME = "outcome", _("Outcome")
    IMPACT = "impact", _("Impact")


class Direction(models.TextChoices):
    UP = "up", _("Higher is better")
    DOWN = "down", _("Lower is better")


class Indicator(models.Model):
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=IndicatorKind.choices)
    definition = models.TextField(_("definition"))
    unit = models.CharField(_("unit"), max_length=40)
    population_base = models.CharField(_("population base"), max_length=200, blank=True)
    direction = models.CharField(_("direction"), max_length=5, choices=Direction.choices)
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    data_source = models.CharField(_("data source"), max_length=200)
    frequency = models.CharField(_("frequency"), max_length=40, default="yearly")
    minimum = models.DecimalField(
        _("lowest valid value"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    maximum = models.DecimalField(
        _("highest valid value"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    provider_code = models.CharField(
        _("automatic source"),
        max_length=80,
        blank=True,
        help_text=_("Code of an Urbis indicator provider; measured nightly when set."),
    )
    # The published reference series (a BenchmarkPoint series) the dashboard draws beside the
    # indicator's trend, e.g. the national Veiligheidsmonitor for the feeling of insecurity.
    benchmark_series = models.CharField(
        _("benchmark series"),
        max_length=100,
        blank=True,
        help_text=_("Name of the reference series compared on the dashboard (same definition)."),
    )

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Target(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=4)

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="target_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}: {self.value}"


class Measurement(AppendOnlyModel):
    """A measured value. Never overwritten: a correction is a new row (domain §6.1)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="measurements")
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    base_n = models.PositiveIntegerField(_("base N"), null=True, blank=True)
    ci_low = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    ci_high = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source = models.CharField(_("source"), max_length=300)
    automatic = models.BooleanField(_("computed by Urbis"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["indicator", "period_end", "entered_at"]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period_end}: {self.value}"


class AgreementKind(models.TextChoices):
    CONVENTION = "convention", _("Convention")
    PROTOCOL = "protocol", _("Protocol")
    COOPERATION = "cooperation", _("Cooperation agreement")
    SUBSIDY = "subsidy", _("Subsidy agreement")


class Agreement(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=AgreementKind.choices)
    title = models.CharField(_("title"), max_length=200)
    parties = models.ManyToManyField(Organisation, related_name="agreements")
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    document = models.FileField(_("document"), upload_to="agreements/", blank=True)

    class Meta:
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return self.title


class Contact(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    def __str__(self) -> str:
        return self.name


class SurveyResponse(models.Model):
    """Anonymous survey microdata: one row per respondent and edition."""

    edition = models.PositiveSmallIntegerField(_("year"))
    respondent = models.CharField(_("respondent id"), max_length=40)
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    weight = models.FloatField(_("weight"), default=1.0)
    insecurity = models.CharField(_("feels unsafe"), max_length=10, blank=True)
    pride = models.CharField(_("proud of the city"), max_length=10, blank=True)
    avoid_dark = models.CharField(_("avoids going out after dark"), max_length=10, blank=True)
    avoid_places = models.CharField(_("avoids certain places"), max_length=10, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "respondent"], name="respondent_once"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="weight_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.edition} {self.respondent}"


class BenchmarkPoint(models.Model):
    """A published reference figure (e.g. national Veiligheidsmonitor), with its definition."""

    series = models.CharField(_("series"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=40, default="%")
    definition = models.TextField(_("definition"))
    population_base = models.CharField(_("population base"), max_length=200, blank=True)
    # The survey question it is a reference for (blank: an indicator from a peer city).
    item = models.CharField(_("survey question"), max_length=40, blank=True)
    source = models.CharField(_("source"), max_length=400)

    class Meta:
        ordering = ["series", "year"]
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="benchmark_once")]

    def __str__(self) -> str:
        return f"{self.series} {self.year}"


class PracticeSheet(models.Model):
    """A practice sheet received from a peer city (schema urbis.practice-sheet/1)."""

    title = models.CharField(_("title"), max_length=200)
    city = models.CharField(_("city"), max_length=200, blank=True)
    document = models.JSONField(_("document"))
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return self.title
