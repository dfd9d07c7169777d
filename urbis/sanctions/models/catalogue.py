"""The municipal police regulation's articles (versioned by validity) and dated settings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from urbis.sanctions.models.parties import Language
from urbis.sanctions.rules.vocabulary import Procedure


class InfringementType(models.TextChoices):
    ADMINISTRATIVE = "administrative", _("Purely administrative (art. 2 §1)")
    MIXED_LIGHT = "mixed_light", _("Mixed, light (art. 3 2°)")
    MIXED_HEAVY = "mixed_heavy", _("Mixed, heavy (art. 3 1°)")
    PARKING_1 = "parking_1", _("Stopping/parking, category 1")
    PARKING_2 = "parking_2", _("Stopping/parking, category 2")
    SPEEDING = "speeding", _("Limited speeding (art. 29quater WVW)")


PROCEDURE_OF = {
    InfringementType.ADMINISTRATIVE: Procedure.GENERAL,
    InfringementType.MIXED_LIGHT: Procedure.MIXED_LIGHT,
    InfringementType.MIXED_HEAVY: Procedure.MIXED_HEAVY,
    InfringementType.PARKING_1: Procedure.PARKING,
    InfringementType.PARKING_2: Procedure.PARKING,
    InfringementType.SPEEDING: Procedure.SPEEDING,
}


class Article(models.Model):
    """One article of the police regulation, in force from ``valid_from`` to ``valid_to``.

    A case uses the version in force on the offence date (non-retroactivity of sanctions)."""

    code = models.CharField(_("article"), max_length=40)
    infringement_type = models.CharField(
        _("infringement type"), max_length=20, choices=InfringementType.choices
    )
    title_nl = models.CharField(_("title (Dutch)"), max_length=300)
    title_fr = models.CharField(_("title (French)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    text_nl = models.TextField(_("text (Dutch)"), blank=True)
    text_fr = models.TextField(_("text (French)"), blank=True)
    max_fine = models.DecimalField(
        _("maximum fine (EUR)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty: the legal maximum on the offence date (art. 4 §1 1°)."),
    )
    applies_to_minors = models.BooleanField(_("applies to minors"), default=True)
    mediation_allowed = models.BooleanField(_("mediation allowed"), default=True)
    community_service_allowed = models.BooleanField(_("community service allowed"), default=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("regulation article")
        ordering = ["code", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="article_version_once"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="article_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def title(self) -> str:
        language = (get_language() or "nl")[:2]
        return {"fr": self.title_fr, "en": self.title_en or self.title_nl}.get(
            language, self.title_nl
        )

    @property
    def procedure(self) -> Procedure:
        return PROCEDURE_OF[InfringementType(self.infringement_type)]

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class MunicipalSettings(models.Model):
    """The municipality's GAS choices, dated: the row in force on a date applies.

    Rules the domain notes mark BELIEVED are settings here (docs/sanctions.md lists them)."""

    valid_from = models.DateField(_("valid from"), unique=True)
    municipality = models.CharField(_("municipality"), max_length=120, default="Mechelen")
    # GAS-R04 (art. 14): 14 if the regulation says so, else 16.
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"), choices=[(14, "14"), (16, "16")], default=16
    )
    # Art. 23 (GAS-R14..R16): protocol agreement with the prosecutor per category.
    protocol_mixed_light = models.BooleanField(_("protocol for art. 3 2°"), default=False)
    protocol_mixed_heavy = models.BooleanField(_("protocol for art. 3 1°"), default=False)
    protocol_parking = models.BooleanField(_("protocol for stopping/parking"), default=True)
    speeding_regulation = models.BooleanField(
        _("speeding regulation adopted (art. 29quater WVW)"), default=True
    )
    # Art. 25 (GAS-R20): oral hearing above EUR 70 (whether 2023 changed it: BELIEVED).
    oral_hearing_threshold = models.DecimalField(
        _("oral-hearing threshold (EUR)"), max_digits=8, decimal_places=2, default=Decimal(70)
    )
    mediation_provided = models.BooleanField(_("mediation provided for"), default=True)
    community_service_provided = models.BooleanField(
        _("community service provided for"), default=True
    )
    # GAS-R48 (BELIEVED): register retention.
    register_retention_years = models.PositiveSmallIntegerField(
        _("register retention (years)"), default=5
    )
    # GAS-R19 (BELIEVED, art. 53bis Ger.W. by analogy): deemed receipt of a registered letter.
    deemed_receipt_working_days = models.PositiveSmallIntegerField(
        _("deemed receipt (working days after posting)"), default=3
    )
    # Language laws on administrative matters: a city may have to write in its region's
    # language whatever the offender chose (empty: the offender's language, nl/fr/en).
    letter_language = models.CharField(
        _("language of letters"),
        max_length=2,
        blank=True,
        choices=Language.choices,
        help_text=_("Empty: each offender's own language."),
    )
    creditor_name = models.CharField(_("creditor name"), max_length=70, default="Stad Mechelen")
    creditor_iban = models.CharField(_("creditor IBAN"), max_length=34, default="BE71096123456769")
    creditor_bic = models.CharField(_("creditor BIC"), max_length=11, blank=True)
    # The signature: the title is printed in the letter's language ("The sanctioning
    # official", "De sanctionerend ambtenaar", "Le fonctionnaire sanctionnateur"), then this
    # name; empty: the title alone.
    official_title = models.CharField(
        _("sanctioning official (name under the signature)"), max_length=200, blank=True
    )
    # Art. 25 (GAS-R17): the offender must be able to consult the file and answer: the sender's
    # address and contact are on every letter.
    sender_address = models.TextField(
        _("sender's address (letters)"),
        max_length=500,
        blank=True,
        default="GAS-dienst, Grote Markt 21, 2800 Mechelen",
    )
    sender_phone = models.CharField(_("sender's telephone"), max_length=40, blank=True)
    sender_email = models.EmailField(_("sender's e-mail"), blank=True)

    class Meta:
        verbose_name = _("municipal GAS settings")
        verbose_name_plural = _("municipal GAS settings")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.municipality} ({self.valid_from})"


class MotivationTemplate(models.Model):
    """Reusable motivation text for decisions, per language."""

    code = models.SlugField(_("code"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    text_nl = models.TextField(_("text (Dutch)"))
    text_fr = models.TextField(_("text (French)"))
    text_en = models.TextField(_("text (English)"), blank=True)

    class Meta:
        verbose_name = _("motivation template")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title

    def text_in(self, language: str) -> str:
        return {"fr": self.text_fr, "en": self.text_en or self.text_nl}.get(language, self.text_nl)
