"""Numbers shown to people, in the active language (one place for pages, PDFs and e-mails).

``USE_THOUSAND_SEPARATOR`` stays off (docs/adr/0005-dates-and-numbers-per-language.md): years,
counts and reference numbers print as they are, while measured figures and amounts go through
:func:`figure`, which groups thousands explicitly (12.000,5 in Dutch, 12 000,5 in French,
12,000.5 in English).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.formats import number_format


def figure(value: Any, *, grouping: bool = True) -> str:
    """A decimal without trailing zeros and never in exponent notation (``Decimal("60")``
    normalises to ``6E+1``): 60, 4,6 in Dutch; "–" for no value."""
    if value is None or value == "":
        return "–"
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    normal = number.normalize()
    exponent = normal.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return number_format(normal, decimal_pos=places, use_l10n=True, force_grouping=grouping)


def plain_decimal(value: Decimal | None) -> Decimal | None:
    """``value`` without trailing zeros and without an exponent, for a typed spreadsheet cell."""
    if value is None:
        return None
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    return normal.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else normal
