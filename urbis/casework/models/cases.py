"""Cases, the people concerned, participants (need-to-know), the support path and meetings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from urbis.casework.models.people import Person
from urbis.casework.models.tables import ConsultationTable
from urbis.core.models import AppendOnlyModel, Organisation


class CaseStatus(models.TextChoices):
    SIGNAL = "signal", _("Signal")
    SCREENING = "screening", _("Screening")
    ACTIVE = "active", _("Active")
    MONITORING = "monitoring", _("Monitoring")
    CLOSED = "closed", _("Closed")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low risk")
    MEDIUM = "medium", _("Medium risk")
    HIGH = "high", _("High risk")


class Approach(models.TextChoices):
    VOLUNTARY = "voluntary", _("Voluntary, low-threshold help")
    OUTREACH = "outreach", _("Persistent outreach")
    FAST_ACTION = "fast_action", _("Fast action")


class ClosureReason(models.TextChoices):
    GOALS_MET = "goals_met", _("Goals met")
    REFERRED = "referred", _("Referred to regular care")
    REFUSED = "refused", _("Person refused help")
    MOVED = "moved", _("Person moved away")
    NO_CONCERN = "no_concern", _("No (longer a) concern")
    OTHER = "other", _("Other")


class Case(models.Model):
    table = models.ForeignKey(
        ConsultationTable, on_delete=models.PROTECT, related_name="cases", verbose_name=_("table")
    )
    number = models.CharField(_("case number"), max_length=30, unique=True)
    alias = models.CharField(_("case alias"), max_length=60)
    status = models.CharField(
        _("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.SIGNAL
    )
    risk_level = models.CharField(
        _("risk level"), max_length=6, choices=RiskLevel.choices, default=RiskLevel.LOW
    )
    approach = models.CharField(
        _("approach"), max_length=12, choices=Approach.choices, default=Approach.VOLUNTARY
    )
    referrer = models.CharField(_("referrer"), max_length=200, blank=True)
    goals = models.TextField(_("goals"), max_length=4000, blank=True)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True, db_index=True)
    closure_reason = models.CharField(
        _("closure reason"), max_length=12, choices=ClosureReason.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="closed", closed_on__isnull=False)
                | (~models.Q(status="closed") & models.Q(closed_on__isnull=True)),
                name="casework_case_closed_has_date",
            )
        ]

    def __str__(self) -> str:
        # Never the person's name: the alias is what anyone without identity rights sees.
        return f"{self.number} · {self.alias}"


class SubjectRole(models.TextChoices):
    FOCUS = "focus_person", _("Person of concern")
    VICTIM = "victim", _("Victim")
    CHILD = "child", _("Child")
    FAMILY = "family_member", _("Family member")
    THIRD = "third_party", _("Third party")


class CaseSubject(models.Model):
    """A person concerned by the case. Identities are casework's own ``Person`` rows (ADR 0004;
    subject access finds them through ``casework/gdpr.py``); only participants with identity
    rights see them (ADR 0003)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="subjects")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="case_subjects")
    role = models.CharField(_("role"), max_length=16, choices=SubjectRole.choices)

    class Meta:
        verbose_name = _("person concerned")
        constraints = [
            models.UniqueConstraint(fields=["case", "person"], name="casework_subject_once")
        ]

    def __str__(self) -> str:
        return f"{self.case.alias} ({self.get_role_display()})"


class Capacity(models.TextChoices):
    DIRECTOR = "director", _("Case director")
    MEMBER = "member", _("Member")


class Participant(models.Model):
    """Who may see the case (need to know). No participant row: no case (404)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    capacity = models.CharField(
        _("capacity"), max_length=10, choices=Capacity.choices, default=Capacity.MEMBER
    )
    identity_rights = models.BooleanField(_("may see identities"), default=False)
    added_at = models.DateTimeField()
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        constraints = [
            models.UniqueConstraint(fields=["case", "user"], name="casework_participant_once")
        ]
        indexes = [models.Index(fields=["user", "removed_at"])]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_capacity_display()})"


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class SupportAction(models.Model):
    """One step of the support path, by a partner, with its due date (alerts when late)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("partner")
    )
    description = models.CharField(_("action"), max_length=300)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("support-path action")

    def __str__(self) -> str:
        return self.description


class Meeting(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("held on"))
    agenda = models.TextField(_("agenda"), max_length=4000, blank=True)
    decisions = models.TextField(_("decisions"), max_length=4000, blank=True)
    # The members who effectively took part in the discussion (CC 52/2021: their consensus).
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("attendees")
    )

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("meeting")

    def __str__(self) -> str:
        return f"{self.case.number} {self.held_on}"


class BreakGlassAccess(AppendOnlyModel):
    """Time-boxed, reasoned emergency access by a named role; reported to the DPO. Kept after
    the case is purged (no foreign key: the evidence outlives the case)."""

    at = models.DateTimeField(db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    case_id_ref = models.PositiveBigIntegerField(db_index=True)
    case_number = models.CharField(max_length=30)
    reason = models.CharField(_("reason"), max_length=500)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-at"]
        verbose_name = _("break-glass access")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.case_number}"
