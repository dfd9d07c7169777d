"""Consultation tables (casusoverleg) as configured data: each with its legal basis, purpose,
who may take part, modalities and retention (art. 458ter Sw.: the instrument must say who takes
part, with what purpose and by what modalities; plan-casework.md §3)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from urbis.core.models import Organisation


class TableKind(models.TextChoices):
    VEILIG_HUIS = "veilig_huis", _("Veilig Huis / FJC case consultation")
    LIVC_R = "livc_r", _("LIVC-R (local integral security cell on radicalism)")
    PREVENTION_TEAM = "prevention_team", _("Prevention-worker team")
    REINTEGRATION = "reintegration", _("Reintegration of ex-offenders")
    DUAL_DIAGNOSIS = "dual_diagnosis", _("Dual diagnosis")
    GENERIC_458TER = "generic_458ter", _("Other case consultation (art. 458ter Sw.)")


class ConsultationTable(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=TableKind.choices)
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=300,
        help_text=_("The law, decree or reasoned authorisation organising the consultation."),
    )
    gdpr_basis = models.CharField(_("GDPR basis"), max_length=200, default="art. 6(1)(e) GDPR")
    purpose = models.TextField(_("purpose"), max_length=2000)
    allowed_organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="+",
        verbose_name=_("organisations that may take part"),
    )
    allowed_capacities = models.CharField(
        _("capacities that may take part"), max_length=500, blank=True
    )
    meeting_cadence_days = models.PositiveSmallIntegerField(
        _("meeting cadence (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
    )
    house_rules = models.CharField(_("internal rules document"), max_length=300, blank=True)
    retention_months = models.PositiveSmallIntegerField(
        _("retention after closure (months)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    # LIVC-R (Constitutional Court 52/2021): a feedback sheet to the police needs consensus.
    feedback_sheets = models.BooleanField(_("issues feedback sheets to the police"), default=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("consultation table")
        verbose_name_plural = _("consultation tables")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(retention_months__gte=1, retention_months__lte=600),
                name="casework_table_retention_range",
            )
        ]

    def __str__(self) -> str:
        return self.name
