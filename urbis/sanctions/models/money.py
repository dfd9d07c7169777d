"""Letters (kept as generated PDFs), payments (matched or queued) and instalment plans."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from urbis.sanctions.models.cases import Case


class LetterKind(models.TextChoices):
    OPENING = "opening", _("Opening letter")
    PARKING_NOTICE = "parking_notice", _("Parking notice")
    SPEED_NOTICE = "speed_notice", _("Speeding notice")
    SECOND_INVITATION = "second_invitation", _("Second invitation to pay")
    DECISION = "decision", _("Decision")
    REMINDER = "reminder", _("Reminder")
    PARENTS = "parents", _("Letter to the parents")
    COLLEGE_DECISION = "college_decision", _("Decision of the college")


class AddresseeRole(models.TextChoices):
    OFFENDER = "offender", _("Offender")
    GUARDIAN = "guardian", _("Parent or guardian")
    LAWYER = "lawyer", _("Lawyer")  # GAS-R09: the minor's lawyer receives the letters


class Letter(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(_("kind"), max_length=20, choices=LetterKind.choices)
    language = models.CharField(_("language"), max_length=2)
    addressee = models.CharField(_("addressee"), max_length=200)
    addressee_role = models.CharField(
        _("addressee is"),
        max_length=10,
        choices=AddresseeRole.choices,
        default=AddresseeRole.OFFENDER,
    )
    # GAS-R19: the actual receipt (a returned registered letter, proof of later receipt); the
    # offender's terms run from it when it is later than the deemed receipt.
    received_on = models.DateField(_("actually received on"), null=True, blank=True)
    address = models.TextField(_("address"), blank=True)  # as printed, one line per row
    registered = models.BooleanField(_("registered mail"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    content = models.BinaryField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"


class PaymentSource(models.TextChoices):
    CODA = "coda", _("CODA statement")
    CSV = "csv", _("CSV statement")
    MANUAL = "manual", _("Entered by hand")


class Payment(models.Model):
    """A credit on the municipality's account. Unmatched payments stay here (case empty)
    until someone assigns them: never lost."""

    received_on = models.DateField(_("value date"))
    amount = models.DecimalField(_("amount (EUR)"), max_digits=10, decimal_places=2)
    communication = models.CharField(_("communication"), max_length=200, blank=True)
    structured = models.CharField(_("structured communication"), max_length=12, blank=True)
    counterparty = models.CharField(_("paid by"), max_length=200, blank=True)
    iban = models.CharField(_("account"), max_length=34, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=PaymentSource.choices)
    import_key = models.CharField(max_length=120, unique=True)
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="payments"
    )
    matched_at = models.DateTimeField(null=True, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "pk"]
        indexes = [models.Index(fields=["structured"])]

    def __str__(self) -> str:
        return f"{self.received_on} {self.amount}"


class InstalmentPlan(models.Model):
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="instalment_plan")
    instalments = models.PositiveSmallIntegerField(_("number of instalments"))
    first_due = models.DateField(_("first instalment due"))
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.case_id} × {self.instalments}"
