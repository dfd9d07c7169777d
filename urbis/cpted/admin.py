"""Admin for the CPTED checklist templates (admin role only, see core.admin_site)."""

from django.contrib import admin

from urbis.core.admin_site import admin_site
from urbis.cpted.models import Assessment, ChecklistItem, ChecklistTemplate


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0

    # A version that assessments use is frozen: their scores and reports read its items. A
    # change is a new version (uploaded on /cpted/checklists/).
    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not _used(obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not _used(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _used(obj)


def _used(template: ChecklistTemplate | None) -> bool:
    return template is not None and Assessment.objects.filter(template=template).exists()


@admin.register(ChecklistTemplate, site=admin_site)
class ChecklistTemplateAdmin(admin.ModelAdmin):
    list_display = ["code", "version", "name", "created_at"]
    inlines = [ChecklistItemInline]
