"""Admin registrations. The audit and access logs are read-only here too."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import TokenProxy

from urbis.core.admin_site import admin_site
from urbis.core.models import AccessLogEntry, Area, AuditEvent, Organisation, User


class ManagedElsewhere:
    """Accounts and roles are changed on the audited pages under /manage/, not here."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(User, site=admin_site)
class UrbisUserAdmin(ManagedElsewhere, UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,  # type: ignore[misc]
        (_("Urbis"), {"fields": ("organisation", "preferred_language")}),
    )
    list_display = ("username", "first_name", "last_name", "organisation", "is_active")
    list_filter = ("groups", "is_active", "organisation")


@admin.register(Organisation, site=admin_site)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name")


@admin.register(Area, site=admin_site)
class AreaAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "population", "is_sample")
    list_filter = ("kind", "is_sample")
    search_fields = ("code", "name")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent, site=admin_site)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor_label", "action", "object_type", "object_id", "ip_address")
    list_filter = ("action", "object_type")
    search_fields = ("actor_label", "object_id", "action")


@admin.register(AccessLogEntry, site=admin_site)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ("at", "user_label", "object_type", "object_id", "purpose", "ip_address")
    list_filter = ("object_type",)
    search_fields = ("user_label", "object_id")


class RoleGroupAdmin(ManagedElsewhere, GroupAdmin):
    pass


admin_site.register(Group, RoleGroupAdmin)
admin_site.register(TokenProxy, TokenAdmin)
