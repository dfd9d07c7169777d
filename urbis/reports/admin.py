"""Admin (admin role only, see core.admin_site): the city's own data — teams, categories and
routing rules. A category change is a new version through the service (reports keep theirs)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from urbis.core.admin_site import admin_site
from urbis.reports.models import Category, CategoryVersion, Open311Key, RoutingRule, Team
from urbis.reports.services import setup_cache
from urbis.reports.services.setup import VERSIONED_FIELDS, category_save


@admin.register(Team, site=admin_site)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "enforcement"]
    filter_horizontal = ["members"]


@admin.register(RoutingRule, site=admin_site)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ["order", "category", "area", "start_time", "end_time", "team", "active"]
    list_editable = ["active"]

    def save_model(self, request: Any, obj: RoutingRule, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        setup_cache.forget()

    def delete_model(self, request: Any, obj: RoutingRule) -> None:
        super().delete_model(request, obj)
        setup_cache.forget()

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        super().delete_queryset(request, queryset)
        setup_cache.forget()


@admin.register(Category, site=admin_site)
class CategoryAdmin(admin.ModelAdmin):
    """The stable code of a category; its rules are versions (below)."""

    list_display = ["code", "current", "order", "active"]
    readonly_fields = ["current"]

    def save_model(self, request: Any, obj: Category, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        setup_cache.forget()


@admin.register(CategoryVersion, site=admin_site)
class CategoryVersionAdmin(admin.ModelAdmin):
    """Versions are append-only: "add" with the same category makes the next version."""

    list_display = ["category", "version", "name_nl", "team", "sla_days", "is_public"]
    list_filter = ["category"]
    fields = ["category", *VERSIONED_FIELDS]

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def save_model(self, request: Any, obj: CategoryVersion, form: Any, change: bool) -> None:
        saved = category_save(
            actor=request.user,
            code=obj.category.code,
            order=obj.category.order,
            **{name: form.cleaned_data[name] for name in VERSIONED_FIELDS},
        )
        obj.pk = saved.pk


@admin.register(Open311Key, site=admin_site)
class Open311KeyAdmin(admin.ModelAdmin):
    """Keys are created and revoked with ``urbis open311 key``; the admin only lists them."""

    list_display = ["name", "prefix", "created_at", "revoked_at"]
    readonly_fields = ["name", "prefix", "key_hash", "created_at", "revoked_at"]

    def has_add_permission(self, request: Any) -> bool:
        return False
