"""Template helpers of the CPTED pages."""

from __future__ import annotations

from django import template

from urbis.cpted.models.assessment import zone_label

register = template.Library()
register.filter("zone_label", zone_label)
