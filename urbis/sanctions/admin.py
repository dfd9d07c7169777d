"""Admin for the GAS catalogue and settings (admin role only, see core.admin_site).

Cases, letters, payments and the register are edited only through the services (their history
is append-only and every step is legally checked), so they are not in the admin."""

from __future__ import annotations

from django.contrib import admin

from urbis.core.admin_site import admin_site
from urbis.sanctions.models import Article, MotivationTemplate, MunicipalSettings


@admin.register(Article, site=admin_site)
class ArticleAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "infringement_type",
        "title_nl",
        "max_fine",
        "applies_to_minors",
        "valid_from",
        "valid_to",
    )
    list_filter = ("infringement_type", "applies_to_minors")
    search_fields = ("code", "title_nl", "title_fr")


@admin.register(MunicipalSettings, site=admin_site)
class MunicipalSettingsAdmin(admin.ModelAdmin):
    list_display = (
        "valid_from",
        "municipality",
        "minimum_age",
        "protocol_mixed_light",
        "protocol_mixed_heavy",
        "protocol_parking",
        "register_retention_years",
    )


@admin.register(MotivationTemplate, site=admin_site)
class MotivationTemplateAdmin(admin.ModelAdmin):
    list_display = ("code", "title")
