"""Admin for the consultation tables only (configured data, admin role): cases, persons and
disclosures are never in the admin — administrators are not participants (ADR 0003)."""

from django.contrib import admin

from urbis.casework.models import ConsultationTable
from urbis.core.admin_site import admin_site


@admin.register(ConsultationTable, site=admin_site)
class ConsultationTableAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "legal_basis",
        "retention_months",
        "feedback_sheets",
        "is_active",
    ]
    list_filter = ["kind", "is_active"]
    filter_horizontal = ["allowed_organisations"]
