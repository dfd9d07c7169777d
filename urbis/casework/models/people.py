"""The persons concerned by cases: casework's own identity records (ADR 0004).

They live in casework, not in core, because who may see them (participants with identity
rights, ADR 0003) and how long they are kept (the table's retention) are casework's rules; the
one person search across apps for subject access is core's subject-provider registry, which
``casework/gdpr.py`` fills.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from urbis.core.models import Language


class Person(models.Model):
    """A person concerned by one or more cases: personal data, every staff read access-logged
    in the selectors (GDPR art. 30/32). Deleted with the last case that mentions them."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    national_number = models.CharField(
        _("national register number"), max_length=11, blank=True, db_index=True
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, default="BE")
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.NL
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # The table keeps the name it had when the model lived in core (moved by state only,
        # casework migration 0003): no copy of personal data between tables.
        db_table = "core_person"
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"
