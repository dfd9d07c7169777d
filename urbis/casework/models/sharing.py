"""Disclosures under professional secrecy, the feedback sheet to the police, referrals and
consent (plan-casework.md §3.1, §3.2, §3.5, §4.1)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from urbis.casework.models.cases import Case, CaseSubject, Meeting
from urbis.core.models import Organisation


class SecrecyClass(models.TextChoices):
    # Art. 458ter §2 Sw.: everything shared stays under secrecy; "secret" items additionally
    # never leave the audience the discloser chose (never in a feedback sheet, CC 52/2021).
    SHAREABLE = "shareable", _("Shareable within the table")
    SECRET = "secret", _("Secret: only the chosen participants")


class DisclosureBasis(models.TextChoices):
    ART_458TER = "art_458ter", _("Art. 458ter Sw. case consultation")
    ART_458BIS = "art_458bis", _("Art. 458bis Sw. (serious and imminent danger)")
    CONSENT = "consent", _("Consent of the person")
    LEGAL_DUTY = "legal_duty", _("Other legal duty or power")


class Disclosure(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="disclosures")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="disclosures"
    )
    disclosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    basis = models.CharField(_("basis"), max_length=12, choices=DisclosureBasis.choices)
    secrecy_class = models.CharField(
        _("secrecy class"), max_length=10, choices=SecrecyClass.choices
    )
    summary = models.TextField(_("information shared (minimal)"), max_length=2000)
    # Who may see it; the discloser always may. Empty for a shareable item: every participant.
    audience = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("may be seen by")
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("disclosure")

    def __str__(self) -> str:
        return f"{self.case.number} {self.get_secrecy_class_display()}"


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class FeedbackSheet(models.Model):
    """The terugkoppelingsfiche (CC 52/2021): to the police only with the consensus of every
    member who took part, never with secret information."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="feedback_sheets")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="+")
    content = models.TextField(_("content"), max_length=4000)
    items = models.ManyToManyField(Disclosure, blank=True, related_name="+")
    recipient = models.CharField(_("sent to"), max_length=200, default="Local police")
    status = models.CharField(max_length=8, choices=SheetStatus.choices, default=SheetStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    issued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback sheet")

    def __str__(self) -> str:
        return f"{self.case.number} {self.created_at:%Y-%m-%d}"


class SheetConsent(models.Model):
    sheet = models.ForeignKey(FeedbackSheet, on_delete=models.CASCADE, related_name="consents")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sheet", "user"], name="casework_sheet_consent_once")
        ]

    def __str__(self) -> str:
        return f"{self.sheet_id} {self.user}"


class ReferralService(models.TextChoices):
    RESTORATIVE = "restorative", _("Restorative mediation")
    TRANSITION_HOUSE = "transition_house", _("Transition house")
    DRUG_SERVICE = "drug_service", _("Drug service")
    MENTAL_HEALTH = "mental_health", _("Mental health care")
    WELFARE = "welfare", _("General welfare work (CAW)")
    OTHER = "other", _("Other service")


class ReferralStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")
    ENDED = "ended", _("Ended")


class Referral(models.Model):
    """A referral to an external service. The city refers; it never stores mediation content
    (plan-casework.md §3.5): there is no content field on purpose."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    service = models.CharField(_("service"), max_length=20, choices=ReferralService.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.PROPOSED
    )
    referred_on = models.DateField(_("referred on"))

    class Meta:
        ordering = ["-referred_on", "pk"]
        verbose_name = _("referral")

    def __str__(self) -> str:
        return self.get_service_display()


class ConsentPurpose(models.TextChoices):
    SERVICE = "service", _("Receive the service")
    SHARE = "share", _("Share information with the recipient")
    CONTACT_GP = "contact_gp", _("Inform the GP or referrer")
    OPEN_CASE = "open_case", _("Open a case from a low-threshold contact")


class Consent(models.Model):
    """Consent per purpose and recipient, separate from the legal basis (GDPR art. 6(1)(a),
    art. 7(3): withdrawable at any time)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    subject = models.ForeignKey(CaseSubject, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=12, choices=ConsentPurpose.choices)
    recipient = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    given_on = models.DateField(_("given on"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    evidence = models.CharField(_("evidence"), max_length=200, blank=True)

    class Meta:
        ordering = ["-given_on", "pk"]
        verbose_name = _("consent")

    def __str__(self) -> str:
        return self.get_purpose_display()
