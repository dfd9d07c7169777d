"""Public-space reports: categories (versioned), teams, routing rules, reports with append-only
history (status changes, assignments, messages), visits, Open311 keys."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Length, Upper
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from urbis.reports.rules.text import MAX_DESCRIPTION
from urbis.reports.workflow import CLOSED
from urbis.reports.workflow import Status as S


class Status(models.TextChoices):
    NEW = S.NEW.value, _("New")
    ACKNOWLEDGED = S.ACKNOWLEDGED.value, _("Acknowledged")
    PLANNED = S.PLANNED.value, _("Planned")
    IN_PROGRESS = S.IN_PROGRESS.value, _("In progress")
    RESOLVED = S.RESOLVED.value, _("Resolved")
    NOT_COMPETENT = S.NOT_COMPETENT.value, _("Not our competence (forwarded)")
    DUPLICATE = S.DUPLICATE.value, _("Duplicate (merged)")
    NO_ACTION = S.NO_ACTION.value, _("No action possible")
    REOPENED = S.REOPENED.value, _("Reopened")


CLOSED_VALUES = [s.value for s in CLOSED]
OPEN_VALUES = sorted(s.value for s in S if s not in CLOSED)


class Source(models.TextChoices):
    WEB = "web", _("Citizen (web)")
    OPEN311 = "open311", _("Partner application (Open311)")
    PHONE = "phone", _("Phone (desk)")
    OFFICER = "officer", _("Officer in the field")


class Team(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="report_teams", verbose_name=_("members")
    )
    enforcement = models.BooleanField(_("enforcement team"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class Category(models.Model):
    """An Open311 "service". Its rules live in versions: a report keeps the version it was filed
    under (Signalen CategoryAssignment.stored_handling_message, SIG-3555)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    current = models.ForeignKey(
        "CategoryVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.current.name if self.current else self.code


class CategoryVersion(models.Model):
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("created at"))
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_nl = models.CharField(_("description (Dutch)"), max_length=500, blank=True)
    description_fr = models.CharField(_("description (French)"), max_length=500, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=500, blank=True)
    group = models.CharField(_("group"), max_length=100, blank=True)
    keywords = models.CharField(_("keywords (comma-separated)"), max_length=300, blank=True)
    is_public = models.BooleanField(_("citizens may report it"), default=True)
    attributes = models.JSONField(
        _("extra questions (Open311 attributes)"), default=list, blank=True
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, verbose_name=_("responsible team"))
    sla_days = models.PositiveSmallIntegerField(_("service level (days)"), default=5)
    sla_working_days = models.BooleanField(_("working days"), default=True)
    gas_eligible = models.BooleanField(_("a finding may become a GAS case"), default=False)
    gas_article_code = models.CharField(
        _("suggested regulation article"), max_length=20, blank=True
    )
    speeding = models.BooleanField(_("speeding complaint (street list)"), default=False)

    class Meta:
        ordering = ["category", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "version"], name="reports_category_version"
            ),
            models.CheckConstraint(
                condition=models.Q(sla_days__lte=365), name="reports_sla_days_max"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category.code} v{self.version}"

    def _localised(self, stem: str) -> str:
        language = (get_language() or "nl")[:2]
        return str(getattr(self, f"{stem}_{language}", "") or getattr(self, f"{stem}_nl"))

    @property
    def name(self) -> str:
        return self._localised("name")

    @property
    def description(self) -> str:
        return self._localised("description")


class RoutingRule(models.Model):
    order = models.PositiveIntegerField(_("order"))
    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("category")
    )
    area = models.ForeignKey(
        "core.Area", on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("area")
    )
    start_time = models.TimeField(_("from"), null=True, blank=True)
    end_time = models.TimeField(_("until"), null=True, blank=True)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, verbose_name=_("team"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"#{self.order} → {self.team}"


class Open311Key(models.Model):
    """A partner application's API key; only its SHA-256 is kept (printed once at creation)."""

    name = models.CharField(_("application"), max_length=100, unique=True)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class Report(models.Model):
    token = models.CharField(max_length=43, unique=True)  # private follow link (secret)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="reports")
    category_version = models.ForeignKey(
        CategoryVersion, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default="new")
    description = models.CharField(_("description"), max_length=MAX_DESCRIPTION, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    area = models.ForeignKey(
        "core.Area", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    attributes = models.JSONField(default=dict, blank=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, related_name="reports")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("reported at"))
    updated_at = models.DateTimeField(_("updated at"))
    due_on = models.DateField(_("due on"), null=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="duplicates"
    )
    forwarded_to = models.CharField(_("forwarded to"), max_length=200, blank=True)
    public_note = models.CharField(max_length=2000, blank=True)  # latest text to the reporter
    open311_key = models.ForeignKey(Open311Key, on_delete=models.PROTECT, null=True, blank=True)
    # A retried POST (same key or form, same content) finds this and makes no second report.
    fingerprint = models.CharField(max_length=64, blank=True)
    submitter_hash = models.CharField(max_length=64, blank=True)  # keyed hash of the address
    media_url = models.URLField(_("media URL (Open311)"), max_length=500, blank=True)
    # Open311 "batch" services answer a POST with this token (GET tokens/{token}); it is not
    # the private follow link.
    open311_token = models.CharField(max_length=32, unique=True, null=True, blank=True)
    gas_case_number = models.CharField(_("GAS case"), max_length=20, blank=True)
    gas_case_status = models.CharField(_("GAS case status"), max_length=40, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["fingerprint"],
                condition=~models.Q(fingerprint=""),
                name="reports_one_report_per_submission",
            ),
            models.CheckConstraint(
                condition=models.Q(lat__isnull=True) | models.Q(lat__gte=-90, lat__lte=90),
                name="reports_lat_range",
            ),
            models.CheckConstraint(
                condition=models.Q(lon__isnull=True) | models.Q(lon__gte=-180, lon__lte=180),
                name="reports_lon_range",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("description"), MAX_DESCRIPTION),
                name="reports_description_max",
            ),
        ]
        indexes = [
            models.Index(fields=["team", "status", "-created_at"], name="reports_worklist"),
            models.Index(fields=["category", "status", "lat", "lon"], name="reports_nearby"),
            models.Index(fields=["status", "-created_at"], name="reports_status_created"),
            models.Index(fields=["open311_key", "created_at"], name="reports_key_created"),
            models.Index(fields=["submitter_hash", "created_at"], name="reports_addr_created"),
            models.Index(fields=["assignee", "status"], name="reports_assignee"),
            # The open worklist of a team, newest or due first: partial indexes whose condition
            # the worklist's "open" filter repeats exactly (so PostgreSQL uses them).
            models.Index(
                fields=["team", "-created_at", "-id"],
                condition=models.Q(status__in=OPEN_VALUES),
                name="reports_open_by_team",
            ),
            models.Index(
                fields=["team", "due_on", "id"],
                condition=models.Q(status__in=OPEN_VALUES),
                name="reports_open_due_by_team",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_VALUES


class Reporter(models.Model):
    """A person who filed or joined ("is it one of these?") a report. Personal data: shown
    only to the public-space roles, every read access-logged, purged after closure."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="reporters")
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # The language the reporter used (page or Accept-Language, the desk's choice): every mail
    # to them is written in it, not in the language of the staff member who acts.
    language = models.CharField(_("language"), max_length=8, blank=True)
    original = models.BooleanField(default=True)
    created_at = models.DateTimeField()
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        # Subject access (GDPR art. 15) and the desk's look-up match e-mail and name without
        # regard to case (``iexact`` is ``UPPER(x) = UPPER(%s)``): indexes on the same
        # expressions, so a million reporters are not read row by row.
        indexes = [
            models.Index(Upper("email"), name="reports_reporter_email_ci"),
            models.Index(Upper("last_name"), name="reports_reporter_last_name_ci"),
            models.Index(fields=["phone"]),
        ]

    def __str__(self) -> str:
        return f"reporter of #{self.report_id}"

    @property
    def has_details(self) -> bool:
        return bool(self.first_name or self.last_name or self.email or self.phone)


class StatusChange(models.Model):
    """Append-only status history."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="status_changes")
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    by = models.CharField(max_length=10)  # workflow.Actor
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    text = models.CharField(_("text to the reporter"), max_length=2000, blank=True)
    internal_note = models.CharField(_("internal note"), max_length=2000, blank=True)
    forwarded_to = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"statuschange {self.pk} of #{self.report_id}"


class Assignment(models.Model):
    """Append-only routing and reassignment history."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="assignments")
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, related_name="+")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    rule = models.ForeignKey(RoutingRule, on_delete=models.SET_NULL, null=True, related_name="+")
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"assignment {self.pk} of #{self.report_id}"


class MessageKind(models.TextChoices):
    INFO = "info", _("More information")
    REOPEN = "reopen", _("Not fixed (reopen request)")
    FEEDBACK = "feedback", _("Feedback")
    JOINED = "joined", _("Another reporter joined")


class Message(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    at = models.DateTimeField()
    kind = models.CharField(max_length=10, choices=MessageKind.choices)
    text = models.CharField(max_length=MAX_DESCRIPTION, blank=True)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="reports_rating_range",
            )
        ]

    def __str__(self) -> str:
        return f"message {self.pk} of #{self.report_id}"


class Visit(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="visits")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("visited at"))
    findings = models.CharField(_("findings"), max_length=MAX_DESCRIPTION)
    offence_observed = models.BooleanField(_("offence observed"), default=False)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"visit {self.pk} of #{self.report_id}"


class Photo(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, null=True, blank=True, related_name="photos"
    )
    image = models.FileField(upload_to="reports/%Y/%m/")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"photo {self.pk} of #{self.report_id}"


class SavedFilter(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(max_length=1000)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="reports_saved_filter_name")
        ]

    def __str__(self) -> str:
        return self.name


class SpeedCheck(models.Model):
    """A speed check done in a street that residents complained about."""

    street = models.CharField(_("street"), max_length=200)
    done_on = models.DateField(_("done on"))
    result = models.CharField(_("result"), max_length=500)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-done_on"]

    def __str__(self) -> str:
        return f"{self.street} {self.done_on}"
