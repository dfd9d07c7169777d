"""The GAS register (art. 44, GAS-R47/R48): one entry per sanction or alternative measure."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from urbis.core.models import AppendOnlyModel


class RegisterEntry(models.Model):
    # A snapshot: the register outlives changes to the case's parties (art. 44 §1).
    case_number = models.CharField(_("case number"), max_length=20, db_index=True)
    offender_name = models.CharField(_("offender"), max_length=300)
    national_number = models.CharField(max_length=11, blank=True, db_index=True)
    enterprise_number = models.CharField(max_length=10, blank=True, db_index=True)
    birth_date = models.DateField(null=True, blank=True)
    guardians = models.CharField(_("parents or guardians"), max_length=400, blank=True)
    article_code = models.CharField(_("article"), max_length=40)
    procedure = models.CharField(max_length=20)
    offence_on = models.DateField(_("date of the facts"))
    measure = models.CharField(_("sanction or measure"), max_length=30)
    amount = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    decided_on = models.DateField(_("decided on"), db_index=True)
    minor = models.BooleanField(default=False)
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        ordering = ["-decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case_number} {self.measure}"


class PurgeLog(AppendOnlyModel):
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    cutoff = models.DateField()
    retention_years = models.PositiveSmallIntegerField()
    deleted = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.at} {self.deleted}"


class LeadTimeStat(models.Model):
    """Lead time from ascertainment to decision per procedure and month, computed nightly
    (a dashboard over a million cases reads a few dozen rows)."""

    month = models.CharField(max_length=7)  # YYYY-MM of the decision
    procedure = models.CharField(max_length=20)
    cases = models.PositiveIntegerField()
    median_days = models.FloatField()
    p90_days = models.PositiveIntegerField()
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["month", "procedure"]
        constraints = [
            models.UniqueConstraint(fields=["month", "procedure"], name="lead_time_once")
        ]

    def __str__(self) -> str:
        return f"{self.month} {self.procedure}: {self.median_days}"
