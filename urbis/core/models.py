"""Core domain: organisations, users, areas, the audit log and the access log.

People concerned by an app's work are that app's own records (ADR 0004)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class PreventionLevel(models.TextChoices):
    """Place in the prevention spectrum (plan-casework.md §2; Mechelen's holistic approach)."""

    PRIMARY = "primary", _("Primary prevention")
    SECONDARY = "secondary", _("Secondary prevention")
    TERTIARY = "tertiary", _("Tertiary prevention")
    SANCTION = "sanction", _("Sanction / enforcement")


class OrganisationKind(models.TextChoices):
    CITY_DEPARTMENT = "city_department", _("City department")
    POLICE_ZONE = "police_zone", _("Police zone")
    JUSTICE = "justice", _("Justice")
    WELFARE = "welfare", _("Welfare and health")
    YOUTH = "youth", _("Youth work")
    EDUCATION = "education", _("Education")
    HOUSING = "housing", _("Housing")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    PRIVATE = "private", _("Private sector")
    PEER_CITY = "peer_city", _("Peer city")
    OTHER = "other", _("Other")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    prevention_levels = models.JSONField(
        _("place in the prevention spectrum"),
        default=list,
        blank=True,
        help_text=_("One or more of: primary, secondary, tertiary, sanction."),
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A staff account. Roles are auth groups (see ``urbis.core.roles``)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisation"),
    )
    # Empty until the user (the switcher) or an administrator (invitation, /manage/) chooses:
    # then the pages after login and the mails to them are in that language; while empty,
    # the language of the page stays as the visitor had it, and mails use the site default.
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="",
        blank=True,
    )

    class Meta(AbstractUser.Meta):  # type: ignore[name-defined]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Language(models.TextChoices):
    NL = "nl", _("Dutch")
    FR = "fr", _("French")
    DE = "de", _("German")
    EN = "en", _("English")


class AreaKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")
    STATISTICAL_SECTOR = "statistical_sector", _("Statistical sector")
    PATROL_ZONE = "patrol_zone", _("Patrol zone")


class Area(models.Model):
    """A neighbourhood or statistical sector: a WGS84 GeoJSON (Multi)Polygon and its population.

    The bounding box is kept in columns so a point lookup filters in SQL before the exact
    shapely test (no GeoDjango, ARCHITECTURE §2).
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=AreaKind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    geometry = models.JSONField(_("geometry (GeoJSON, WGS84)"))
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)
    is_sample = models.BooleanField(
        _("sample geometry"),
        default=False,
        help_text=_("Demo data: the outline is illustrative, not an official boundary."),
    )
    min_lat = models.FloatField(editable=False)
    min_lon = models.FloatField(editable=False)
    max_lat = models.FloatField(editable=False)
    max_lon = models.FloatField(editable=False)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        indexes = [models.Index(fields=["kind", "min_lat", "max_lat", "min_lon", "max_lon"])]

    def __str__(self) -> str:
        return self.name


class AppendOnlyQuerySet(models.QuerySet[Any]):
    """Refuses bulk update and delete: history rows are never changed (ARCHITECTURE §4.7)."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("append-only: rows of this table are never updated")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("append-only: rows of this table are never deleted")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise PermissionError("append-only: rows of this table are never updated")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("append-only: rows of this table are never deleted")


class AuditEvent(AppendOnlyModel):
    """Who did what to which object, when, from where. Database triggers also refuse changes."""

    at = models.DateTimeField(_("when"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_label = models.CharField(_("actor label"), max_length=150)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, db_index=True)
    object_label = models.CharField(_("object"), max_length=200, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=36, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}"


class AccessLogEntry(AppendOnlyModel):
    """A staff read of personal or case data (GDPR art. 5(2) accountability, art. 32)."""

    at = models.DateTimeField(_("when"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    user_label = models.CharField(_("user"), max_length=150)
    object_type = models.CharField(_("object type"), max_length=100, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, db_index=True)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    path = models.CharField(_("path"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        # The DPO's searches by object (a person's records) and by user, newest first.
        indexes = [
            models.Index(fields=["object_type", "object_id", "at"], name="accesslog_object_at"),
            models.Index(fields=["user", "at"], name="accesslog_user_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_label} read {self.object_type}"


# The GDPR records live in their own module (urbis/core/gdpr/models.py).
from urbis.core.gdpr.models import (  # noqa: E402
    Breach,
    Rectification,
    RequestStep,
    Restriction,
    RetentionProof,
    SubjectRequest,
)

__all__ = [
    "AccessLogEntry",
    "AppendOnlyModel",
    "Area",
    "AuditEvent",
    "Breach",
    "Organisation",
    "Rectification",
    "RequestStep",
    "Restriction",
    "RetentionProof",
    "SubjectRequest",
    "User",
]
