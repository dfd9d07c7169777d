"""Crime incidents, their categories (data, not code), address points, Knox runs, cocoon watches.

No victim identity is stored: an incident is a category, an occurrence window and a place.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from urbis.core.models import Area


class Family(models.TextChoices):
    BURGLARY = "burglary", _("Burglary")
    THEFT = "theft", _("Theft")
    VIOLENCE = "violence", _("Violence")
    NUISANCE = "nuisance", _("Vandalism and nuisance")
    DRUGS = "drugs", _("Drugs")
    OTHER = "other", _("Other")


class Category(models.Model):
    """A configurable incident category (the admin edits the list; the demo seeds ten)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label_nl = models.CharField(_("label (Dutch)"), max_length=120)
    label_fr = models.CharField(_("label (French)"), max_length=120)
    label_en = models.CharField(_("label (English)"), max_length=120)
    family = models.CharField(_("family"), max_length=20, choices=Family.choices)
    dwelling = models.BooleanField(
        _("against a dwelling"),
        default=False,
        help_text=_("Counted per 1,000 dwellings (domestic burglary) rather than inhabitants."),
    )
    triggers_cocoon = models.BooleanField(
        _("triggers a cocoon watch"),
        default=False,
        help_text=_("A new incident of this category proposes a cocoon watch to the neighbours."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["family", "code"]
        verbose_name = _("incident category")
        verbose_name_plural = _("incident categories")

    def __str__(self) -> str:
        return self.label()

    def label(self, language: str | None = None) -> str:
        from django.utils.translation import get_language

        lang = (language or get_language() or "en")[:2]
        return str(getattr(self, f"label_{lang}", "") or self.label_en)


class Precision(models.TextChoices):
    EXACT = "exact", _("Exact (address or GPS)")
    STREET = "street", _("Street segment")
    BLOCK = "block", _("Block or 100 m")
    AREA = "area", _("Area only")


class Incident(models.Model):
    """One recorded crime. ``occurred_from``–``occurred_to`` is the occurrence window (police
    data often knows only "between Friday 18:00 and Monday 08:00"); equal when exact."""

    reference = models.CharField(_("reference"), max_length=100, unique=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="incidents", verbose_name=_("category")
    )
    occurred_from = models.DateTimeField(_("occurred from"))
    occurred_to = models.DateTimeField(_("occurred to"))
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    # Belgian Lambert 72 metres, computed once at import so the kernels need no projection.
    x = models.FloatField(editable=False)
    y = models.FloatField(editable=False)
    # The window in local wall-clock seconds since 1970-01-01 (Europe/Brussels): what the
    # kernels and aoristic weights read, without converting 50,000 datetimes per layer.
    t_from = models.FloatField(editable=False, default=0)
    t_to = models.FloatField(editable=False, default=0)
    precision = models.CharField(
        _("location precision"), max_length=10, choices=Precision.choices, default=Precision.EXACT
    )
    area = models.ForeignKey(
        Area,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("area"),
    )
    source = models.CharField(_("source"), max_length=60, blank=True)
    is_synthetic = models.BooleanField(_("synthetic demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-occurred_from"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        indexes = [
            models.Index(fields=["category", "occurred_from"]),
            models.Index(fields=["occurred_from"]),
            models.Index(fields=["lat", "lon"]),
            models.Index(fields=["updated_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(occurred_to__gte=F("occurred_from")), name="incident_window_order"
            ),
            models.CheckConstraint(
                condition=Q(lat__gte=-90, lat__lte=90, lon__gte=-180, lon__lte=180),
                name="incident_lat_lon_range",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class AddressPoint(models.Model):
    """One address of the city's register (Belgian address exports: street, number, box,
    postcode, municipality, coordinates). Addresses alone are not personal data."""

    street = models.CharField(_("street"), max_length=150)
    number = models.CharField(_("house number"), max_length=20)
    box = models.CharField(_("box"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10)
    municipality = models.CharField(_("municipality"), max_length=100)
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    x = models.FloatField(editable=False)
    y = models.FloatField(editable=False)
    is_synthetic = models.BooleanField(_("synthetic demo data"), default=False)

    class Meta:
        ordering = ["municipality", "street", "number", "box"]
        verbose_name = _("address point")
        verbose_name_plural = _("address points")
        indexes = [models.Index(fields=["x", "y"])]
        constraints = [
            models.UniqueConstraint(
                fields=["postcode", "street", "number", "box"], name="address_point_unique"
            ),
        ]

    def __str__(self) -> str:
        box = f" bus {self.box}" if self.box else ""
        return f"{self.street} {self.number}{box}, {self.postcode} {self.municipality}"


class AreaDwellings(models.Model):
    """Dwellings per area and year: the denominator of burglaries per 1,000 dwellings."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    dwellings = models.PositiveIntegerField(_("dwellings"))

    class Meta:
        verbose_name = _("dwellings of an area")
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="area_dwellings_unique")
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.year}: {self.dwellings}"


class ImportKind(models.TextChoices):
    INCIDENTS = "incidents", _("Incidents")
    ADDRESSES = "addresses", _("Addresses")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportRun(models.Model):
    """An upload and its outcome; the page polls it for the progress bar."""

    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    filename = models.CharField(_("file"), max_length=255)
    source = models.CharField(_("source"), max_length=60, blank=True)
    crs = models.CharField(_("CRS"), max_length=20, blank=True)
    all_or_nothing = models.BooleanField(default=False)
    mapping = models.JSONField(default=dict, blank=True)
    payload = models.BinaryField(null=True, blank=True, editable=False)
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default="queued")
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    rejections = models.JSONField(default=list, blank=True)  # [[line, reason], ...] (capped)
    message = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.filename} ({self.status})"


class KnoxRun(models.Model):
    """A near-repeat (Knox) table the city computed: the basis of cocoon-watch zones."""

    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="knox_runs")
    period_start = models.DateField()
    period_end = models.DateField()
    parameters = models.JSONField(default=dict)
    result = models.JSONField(default=dict)
    n_events = models.PositiveIntegerField(default=0)
    excluded_windows = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Knox {self.category.code} {self.period_start}..{self.period_end}"


class KnoxJob(models.Model):
    """A Knox run asked on the page: a background task whose state and progress (permutations
    done) the page polls; ``knox_run`` is its result."""

    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField()
    period_end = models.DateField()
    parameters = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default="queued")
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=500, blank=True)
    knox_run = models.ForeignKey(
        KnoxRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Knox job {self.category_id} ({self.status})"


class ZoneBasis(models.TextChoices):
    KNOX = "knox", _("The city's latest Knox result")
    DEFAULT = "default", _("Configured default (no significant Knox band)")


class WatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    LETTERS_SENT = "letters_sent", _("Letters sent")
    CLOSED = "closed", _("Closed")


class CocoonWatch(models.Model):
    """After a burglary: a risk zone and window, the addresses inside, the neighbours' letter."""

    incident = models.OneToOneField(Incident, on_delete=models.CASCADE, related_name="cocoon")
    basis = models.CharField(max_length=10, choices=ZoneBasis.choices)
    knox_run = models.ForeignKey(KnoxRun, on_delete=models.SET_NULL, null=True, blank=True)
    radius_m = models.PositiveIntegerField()
    days = models.PositiveIntegerField()
    starts_on = models.DateField()
    ends_on = models.DateField()
    address_count = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=20, choices=WatchStatus.choices, default="proposed")
    letters_sent_at = models.DateTimeField(null=True, blank=True)
    letters_sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    letters_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="cocoon_window")
        ]

    def __str__(self) -> str:
        return f"cocoon watch {self.incident.reference}"


class PreventionTask(models.Model):
    """A task for the prevention team (the coordinator's service), e.g. deliver the letters."""

    watch = models.ForeignKey(CocoonWatch, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(max_length=200)
    assigned_role = models.CharField(max_length=30)
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class ForecastRun(models.Model):
    """A prospective forecast the city used (for the honest evaluation afterwards)."""

    category = models.ForeignKey(Category, on_delete=models.PROTECT, null=True, blank=True)
    at = models.DateField()
    horizon_days = models.PositiveSmallIntegerField(default=7)
    coverage = models.FloatField()
    parameters = models.JSONField(default=dict)
    flagged = models.JSONField(default=list)  # [[row, col], ...] cells the city acted on
    grid = models.JSONField(default=dict)  # x0, y0, cell_size, rows, cols, mask cells
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"forecast {self.at}"
