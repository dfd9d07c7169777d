"""The anonymous contact log of street-corner and low-threshold work (plan-casework.md §3.4):
counts by theme, place and referral; no identity field at all, at most an alias that only the
worker who wrote it sees."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from urbis.core.models import Area


class ContactTheme(models.TextChoices):
    HOUSING = "housing", _("Housing")
    DRUGS = "drugs", _("Drugs and alcohol")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    INCOME = "income", _("Income and debt")
    RELATIONS = "relations", _("Family and relations")
    VIOLENCE = "violence", _("Violence")
    LEISURE = "leisure", _("Leisure and youth")
    OTHER = "other", _("Other")


class ContactReferral(models.TextChoices):
    NONE = "", _("No referral")
    CAW = "caw", _("General welfare work (CAW)")
    DRUG_SERVICE = "drug_service", _("Drug service")
    MENTAL_HEALTH = "mental_health", _("Mental health care")
    OCMW = "ocmw", _("Public centre for social welfare (OCMW)")
    OTHER = "other", _("Other service")


class ContactLog(models.Model):
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    on = models.DateField(_("date"))
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("place"),
    )
    theme = models.CharField(_("theme"), max_length=16, choices=ContactTheme.choices)
    referral = models.CharField(
        _("referral"), max_length=16, choices=ContactReferral.choices, blank=True
    )
    people = models.PositiveSmallIntegerField(
        _("people met"), default=1, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    alias = models.CharField(_("alias (only you see it)"), max_length=40, blank=True)

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("contact")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(people__gte=1, people__lte=500),
                name="casework_contact_people_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.on} {self.get_theme_display()}"
