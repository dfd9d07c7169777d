"""Offenders (natural or legal persons) and, for minors, their parents or guardians."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from urbis.core.validators import validate_birth_date
from urbis.sanctions import labels
from urbis.sanctions.rules import vocabulary

V = vocabulary


class OffenderKind(models.TextChoices):
    """``rules.vocabulary.OffenderKind`` with its words (labels.py)."""

    NATURAL = V.OffenderKind.NATURAL.value, labels.OFFENDER_KIND["natural"]
    LEGAL = V.OffenderKind.LEGAL.value, labels.OFFENDER_KIND["legal"]


class Language(models.TextChoices):
    """``rules.vocabulary.Language`` with its words (labels.py)."""

    NL = V.Language.NL.value, labels.LANGUAGE["nl"]
    FR = V.Language.FR.value, labels.LANGUAGE["fr"]
    EN = V.Language.EN.value, labels.LANGUAGE["en"]


class Offender(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=OffenderKind.choices)
    name = models.CharField(_("name"), max_length=200)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    national_number = models.CharField(_("national number"), max_length=11, blank=True)
    enterprise_number = models.CharField(_("enterprise number"), max_length=10, blank=True)
    birth_date = models.DateField(
        _("date of birth"), null=True, blank=True, validators=[validate_birth_date]
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, default="BE")
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.NL
    )
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("offender")
        indexes = [
            models.Index(fields=["national_number"]),
            models.Index(fields=["enterprise_number"]),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.name}".strip()

    def age_on(self, day: dt.date) -> int | None:
        if self.birth_date is None:
            return None
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def address_lines(self) -> list[str]:
        return [line for line in (self.street, f"{self.postcode} {self.city}".strip()) if line]


class Guardian(models.Model):
    """A parent or guardian of a minor offender: receives the letters too (GAS-R10)."""

    offender = models.ForeignKey(Offender, on_delete=models.CASCADE, related_name="guardians")
    name = models.CharField(_("name"), max_length=200)
    relation = models.CharField(_("relation"), max_length=50, default="parent")
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("parent or guardian")

    def __str__(self) -> str:
        return self.name

    @property
    def address_lines(self) -> list[str]:
        return [line for line in (self.street, f"{self.postcode} {self.city}".strip()) if line]
