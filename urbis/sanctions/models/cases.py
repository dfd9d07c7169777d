"""Ascertainments, cases, their append-only status history, defences, hearings, appeals."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from urbis.core.models import AppendOnlyModel
from urbis.core.validators import smallint_range, validate_past_date
from urbis.sanctions import labels
from urbis.sanctions.models.catalogue import Article
from urbis.sanctions.models.parties import Offender
from urbis.sanctions.rules.deadlines import LimitationEventKind
from urbis.sanctions.rules.vocabulary import Procedure
from urbis.sanctions.rules.workflow import Outcome, Status

#: Choices of a case's status and outcome (named in the OpenAPI schema: GasCaseStatus, ...).
CASE_STATUS_CHOICES = [(s.value, s.value) for s in Status]
CASE_OUTCOME_CHOICES = [(o.value, o.value) for o in Outcome]
#: Procedures of the one vocabulary (rules/vocabulary.py), with their words.
PROCEDURE_CHOICES = [(p.value, labels.PROCEDURE[p.value]) for p in Procedure]


class AscertainerKind(models.TextChoices):
    # Art. 21 (GAS-R50): police may ascertain everything; municipal officers only purely
    # administrative infringements and stopping/parking.
    POLICE = "police", _("Police (PV)")
    MUNICIPAL = "municipal", _("Municipal ascertaining officer (administrative report)")
    CAMERA = "camera", _("Automatic camera (PV)")


class Ascertainment(models.Model):
    kind = models.CharField(_("ascertained by"), max_length=10, choices=AscertainerKind.choices)
    reference = models.CharField(_("PV or report number"), max_length=60)
    ascertainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ascertaining officer"),
    )
    offence_at = models.DateTimeField(_("offence date and time"), validators=[validate_past_date])
    ascertained_on = models.DateField(_("ascertained on"), validators=[validate_past_date])
    received_on = models.DateField(
        _("received by the sanctioning official on"), validators=[validate_past_date]
    )
    article = models.ForeignKey(Article, on_delete=models.PROTECT, verbose_name=_("article"))
    offender = models.ForeignKey(Offender, on_delete=models.PROTECT, related_name="ascertainments")
    description = models.TextField(_("facts"))
    address = models.CharField(_("place"), max_length=200, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    plate = models.CharField(_("number plate"), max_length=20, blank=True)
    speed_limit = models.PositiveSmallIntegerField(
        _("speed limit (km/h)"), null=True, blank=True, validators=smallint_range(1)
    )
    measured_speed = models.PositiveSmallIntegerField(
        _("measured speed (km/h)"), null=True, blank=True, validators=smallint_range()
    )
    built_up_area = models.BooleanField(_("built-up area or zone 30"), default=True)
    municipal_device = models.BooleanField(
        _("device financed by the local authority"), default=True
    )
    other_offence = models.BooleanField(_("another simultaneous offence"), default=False)
    # GAS-R43 (art. 29quater WVW as amended 6 May 2024): a company's vehicle is under GAS 5
    # only when the police identified the actual driver.
    driver_identified = models.BooleanField(_("actual driver identified"), default=False)
    driver_name = models.CharField(_("identified driver"), max_length=200, blank=True)
    # Names the report's author (art. 21); a user only when that officer filed it himself.
    officer = models.CharField(
        _("ascertaining officer (name or number)"), max_length=120, blank=True
    )
    # NULL, not "": reports without a key must not collide in the per-user unique constraint.
    idempotency_key = models.CharField(max_length=100, null=True, blank=True)  # noqa: DJ001
    request_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("ascertainment")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(received_on__gte=models.F("ascertained_on")),
                name="ascertainment_received_after",
            ),
            # One PV or report is one case, even when a batch is uploaded twice.
            models.UniqueConstraint(fields=["kind", "reference"], name="ascertainment_once"),
            # A retried request returns its own first case, per user (never another's).
            models.UniqueConstraint(
                fields=["created_by", "idempotency_key"], name="idempotency_per_user"
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class Photo(models.Model):
    ascertainment = models.ForeignKey(
        Ascertainment, on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(_("photo"), upload_to="gas/photos/%Y/%m/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.ascertainment_id}: {self.image.name}"


class CaseCounter(models.Model):
    """Gap-free case numbers per year: the row is locked while a number is taken."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Case(models.Model):
    number = models.CharField(_("case number"), max_length=20, unique=True)
    ascertainment = models.OneToOneField(
        Ascertainment, on_delete=models.PROTECT, related_name="case"
    )
    procedure = models.CharField(_("procedure"), max_length=20, choices=PROCEDURE_CHOICES)
    minor = models.BooleanField(_("minor at the time of the facts"), default=False)
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=CASE_STATUS_CHOICES,
        default=Status.RECEIVED,
    )
    outcome = models.CharField(
        _("outcome"), max_length=30, blank=True, choices=CASE_OUTCOME_CHOICES
    )
    amount = models.DecimalField(
        _("amount (EUR)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    payment_reference = models.CharField(
        _("structured communication"), max_length=12, unique=True, null=True, blank=True
    )
    sanctioning_official = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    repeat_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="repeats"
    )
    # Facts the deadline engine needs, set by services when they happen.
    prosecutor_sent_on = models.DateField(null=True, blank=True)
    prosecutor_answer_on = models.DateField(null=True, blank=True)
    opened_on = models.DateField(null=True, blank=True)
    defence_received_on = models.DateField(null=True, blank=True)
    alternative_proposed_on = models.DateField(null=True, blank=True)
    payment_terms_agreed = models.BooleanField(default=False)
    # GAS-R23: the payment terms agreed within the mediation (15-month limit).
    payment_terms_agreed_on = models.DateField(_("payment terms agreed on"), null=True, blank=True)
    payment_terms = models.TextField(_("payment terms"), blank=True)
    # GAS-R09 (art. 16): the minor's lawyer, who receives the letters too.
    lawyer_name = models.CharField(_("lawyer"), max_length=200, blank=True)
    lawyer_street = models.CharField(_("lawyer: street and number"), max_length=200, blank=True)
    lawyer_postcode = models.CharField(_("lawyer: postcode"), max_length=10, blank=True)
    lawyer_city = models.CharField(_("lawyer: city"), max_length=100, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    notified_on = models.DateField(null=True, blank=True)
    term_started_on = models.DateField(null=True, blank=True)  # second invitation / reminder
    closed_on = models.DateField(null=True, blank=True)
    # Derived from the facts by the deadline engine, refreshed at every step (queues, sweep).
    decision_limit = models.DateField(_("decision limit"), null=True, blank=True)
    motivation = models.TextField(_("motivation"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("GAS case")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "procedure"]),
            models.Index(fields=["procedure", "decided_on"]),
            models.Index(fields=["status", "decision_limit"]),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def lawyer_address_lines(self) -> list[str]:
        postcode_city = f"{self.lawyer_postcode} {self.lawyer_city}".strip()
        return [line for line in (self.lawyer_street, postcode_city) if line]


class StatusChange(AppendOnlyModel):
    """One step of a case; never changed. The case's ``status`` points at the latest."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="history")
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    action = models.CharField(max_length=40)
    from_status = models.CharField(max_length=30, blank=True)
    to_status = models.CharField(max_length=30)
    outcome = models.CharField(max_length=30, blank=True)
    legal_basis = models.CharField(max_length=300)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]


class DefenceChannel(models.TextChoices):
    LETTER = "letter", _("Registered letter")
    EMAIL = "email", _("E-mail or web form")
    ORAL = "oral", _("Oral hearing")


class Defence(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="defences")
    received_on = models.DateField(_("received on"))
    channel = models.CharField(_("channel"), max_length=10, choices=DefenceChannel.choices)
    text = models.TextField(_("defence"))
    attachment = models.FileField(_("attachment"), upload_to="gas/defences/%Y/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.case_id} {self.received_on}"


class Hearing(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="hearings")
    at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200)
    held = models.BooleanField(_("held"), default=False)
    # GAS-R11: summoned, the offender did not appear or waived the hearing (minutes say why).
    waived = models.BooleanField(_("not attended or waived"), default=False)
    minutes = models.TextField(_("minutes"), blank=True)

    def __str__(self) -> str:
        return f"{self.case_id} {self.at}"


class Court(models.TextChoices):
    POLICE = "police", _("Police court")
    YOUTH = "youth", _("Youth court")


class Appeal(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="appeals")
    court = models.CharField(_("court"), max_length=10, choices=Court.choices)
    lodged_on = models.DateField(_("lodged on"))
    reference = models.CharField(_("court reference"), max_length=60, blank=True)
    judgment = models.CharField(_("judgment"), max_length=20, blank=True)
    judgment_on = models.DateField(_("judgment on"), null=True, blank=True)
    new_amount = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.case_id} {self.court} {self.lodged_on}"


class CommunityService(models.Model):
    """GAS-R06/R07 (art. 4 §2, art. 9-11): hours (capped), provider, agreement and outcome."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="community_services")
    hours = models.PositiveSmallIntegerField(_("hours"))
    provider = models.CharField(_("service provider"), max_length=200)
    agreed_on = models.DateField(_("agreed on"))
    performed = models.BooleanField(_("performed"), null=True, blank=True)
    outcome_on = models.DateField(_("performed or failed on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("community service")
        ordering = ["agreed_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gte=1, hours__lte=30), name="service_hours_capped"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.hours} h"


class LimitationEvent(AppendOnlyModel):
    """GAS-R28: an act interrupting or suspending the collection limitation; never changed."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="limitation_events")
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=[(k.value, labels.LIMITATION_EVENT[k.value]) for k in LimitationEventKind],
    )
    on = models.DateField(_("date"))
    until = models.DateField(_("until"), null=True, blank=True)
    ground = models.CharField(_("ground"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("limitation interruption or suspension")
        ordering = ["on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(until__isnull=True) | models.Q(until__gte=models.F("on")),
                name="limitation_event_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.on}"
