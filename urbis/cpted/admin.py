"""Admin for the CPTED checklist templates (admin role only, see core.admin_site)."""

from django.contrib import admin

from urbis.core.admin_site import admin_site
from urbis.cpted.models import ChecklistItem, ChecklistTemplate


class ChecklistItemInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ChecklistItem
    extra = 0


@admin.register(ChecklistTemplate, site=admin_site)
class ChecklistTemplateAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "version", "name", "created_at"]
    inlines = [ChecklistItemInline]
