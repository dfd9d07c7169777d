"""Template filters for numbers shown to people."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.formats import number_format

from urbis.core import figures
from urbis.core.models import PreventionLevel

register = template.Library()


@register.filter
def figure(value: Any) -> str:
    """A decimal without trailing zeros, in the active language's format (3,9 in Dutch;
    thousands grouped: 12.000)."""
    return figures.figure(value)


@register.filter
def percent(value: Any) -> str:
    """A proportion (0–1) as a percentage with one decimal, localised: 0.046 → "4,6 %"."""
    if value is None or value == "":
        return "–"
    try:
        number = Decimal(str(value)) * 100
    except InvalidOperation:
        return str(value)
    return number_format(number, decimal_pos=1, use_l10n=True) + "\u00a0%"


@register.filter
def prevention_spectrum(levels: Any) -> str:
    """An organisation's place in the prevention spectrum, in the active language."""
    labels = dict(PreventionLevel.choices)
    return ", ".join(str(labels.get(level, level)) for level in levels or [])
