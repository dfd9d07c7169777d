"""GDPR records kept by core: retention proofs, data-subject requests and their steps,
restrictions (art. 18), the breach register (art. 33). Imported by ``urbis.core.models``."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from urbis.core.models import AppendOnlyModel


class RetentionProof(AppendOnlyModel):
    """Logged proof of a purge (GDPR art. 5(2)): which rule, which category, how many, when."""

    at = models.DateTimeField(_("when"), db_index=True)
    rule = models.CharField(_("rule"), max_length=80)
    category = models.CharField(_("data category"), max_length=200)
    action = models.CharField(_("action"), max_length=10)
    count = models.PositiveIntegerField(_("rows"))
    run_on = models.DateField(_("run for"))
    actor_label = models.CharField(max_length=150)

    class Meta:
        app_label = "core"
        ordering = ["-at", "rule"]
        verbose_name = _("retention proof")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.rule}: {self.count}"


class RequestKind(models.TextChoices):
    ACCESS = "access", _("Access (art. 15)")
    RECTIFY = "rectify", _("Rectification (art. 16)")
    ERASE = "erase", _("Erasure (art. 17)")
    RESTRICT = "restrict", _("Restriction (art. 18)")
    OBJECT = "object", _("Objection (art. 21)")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    REFUSED = "refused", _("Refused (with reason)")


class SubjectRequest(models.Model):
    """A data-subject request; answered within one month (art. 12(3))."""

    kind = models.CharField(_("kind"), max_length=10, choices=RequestKind.choices)
    national_number = models.CharField(_("national number"), max_length=11, db_index=True)
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("answer due on"))
    status = models.CharField(
        _("status"), max_length=8, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    summary = models.CharField(_("what is asked"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        app_label = "core"
        ordering = ["-received_on", "-pk"]
        verbose_name = _("data-subject request")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_on}"


class RequestStep(AppendOnlyModel):
    """The history of a request: every step appended, never changed."""

    request = models.ForeignKey(SubjectRequest, on_delete=models.PROTECT, related_name="steps")
    at = models.DateTimeField()
    actor_label = models.CharField(max_length=150)
    step = models.CharField(_("step"), max_length=30)
    note = models.CharField(_("note"), max_length=1000, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        app_label = "core"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.step}"


class Restriction(models.Model):
    """Art. 18: a frozen object. Use is blocked (services refuse changes), the data is kept."""

    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    reason = models.CharField(_("reason"), max_length=500)
    since = models.DateTimeField()
    lifted_at = models.DateTimeField(null=True, blank=True)
    request = models.ForeignKey(
        SubjectRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        app_label = "core"
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.object_type} #{self.object_id}"


class Breach(models.Model):
    """The breach register (art. 33(5)); notify the authority within 72 hours (art. 33(1))."""

    discovered_at = models.DateTimeField(_("became aware at"))
    title = models.CharField(_("what happened"), max_length=200)
    description = models.TextField(_("details"), max_length=4000, blank=True)
    data_categories = models.CharField(_("data categories"), max_length=300, blank=True)
    subjects_estimate = models.PositiveIntegerField(_("persons concerned (estimate)"), default=0)
    high_risk = models.BooleanField(_("high risk to persons (art. 34)"), default=False)
    notified_authority_at = models.DateTimeField(
        _("notified to the authority"), null=True, blank=True
    )
    delay_reason = models.CharField(_("reason for a late notification"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        app_label = "core"
        ordering = ["-discovered_at"]
        verbose_name = _("personal-data breach")

    def __str__(self) -> str:
        return self.title

    @property
    def notify_by(self) -> dt.datetime:
        return self.discovered_at + dt.timedelta(hours=72)


class Rectification(AppendOnlyModel):
    """Art. 16: one corrected field of a person's record, with the old and the new value, who
    corrected it and why; and the recipients to tell (art. 19). Never changed, never deleted
    (the database refuses it too)."""

    at = models.DateTimeField(_("when"), db_index=True)
    actor_label = models.CharField(max_length=150)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    field = models.CharField(_("field"), max_length=40)
    old_value = models.CharField(_("old value"), max_length=300, blank=True)
    new_value = models.CharField(_("new value"), max_length=300, blank=True)
    reason = models.CharField(_("reason"), max_length=500)
    recipients = models.JSONField(_("recipients to inform (art. 19)"), default=list, blank=True)
    request = models.ForeignKey(
        SubjectRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rectifications",
    )

    class Meta:
        app_label = "core"
        ordering = ["at", "pk"]
        verbose_name = _("rectification")
        indexes = [models.Index(fields=["object_type", "object_id"], name="rectification_object")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.object_type}#{self.object_id}.{self.field}"
