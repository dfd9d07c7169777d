"""Admin for the plan's code lists and records (admin role only, see core.admin_site)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile

from urbis.core.admin_site import admin_site
from urbis.core.uploads import clean_document
from urbis.plan.models import (
    Agreement,
    AlignmentCode,
    BenchmarkPoint,
    Contact,
    Indicator,
    Phenomenon,
    Plan,
    Target,
)


@admin.register(Plan, site=admin_site)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "period_start", "period_end", "status")
    # An extension is made on the plan's page (services.plan_extend checks the rules).
    readonly_fields = ("extends", "status")


@admin.register(Phenomenon, site=admin_site)
class PhenomenonAdmin(admin.ModelAdmin):
    list_display = ("code", "label_nl", "label_fr", "label_en", "source", "is_active")
    list_filter = ("source", "is_active")


@admin.register(AlignmentCode, site=admin_site)
class AlignmentCodeAdmin(admin.ModelAdmin):
    list_display = ("framework", "code", "label")
    list_filter = ("framework",)
    filter_horizontal = ("objectives",)


class TargetInline(admin.TabularInline):
    model = Target
    extra = 1


@admin.register(Indicator, site=admin_site)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "unit", "direction", "provider_code")
    inlines = [TargetInline]


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["kind", "title", "parties", "valid_from", "valid_to", "document"]

    def clean_document(self) -> Any:
        # The admin's upload goes through the same checked path as every other upload.
        document = self.cleaned_data.get("document")
        if document and not isinstance(document, FieldFile):
            try:
                return clean_document(document, field="document")
            except ValidationError as error:
                raise ValidationError(error.message_dict["document"]) from None
        return document


@admin.register(Agreement, site=admin_site)
class AgreementAdmin(admin.ModelAdmin):
    form = AgreementForm
    list_display = ("title", "kind", "valid_from", "valid_to")
    filter_horizontal = ("parties",)


admin_site.register(Contact)
admin_site.register(BenchmarkPoint)
