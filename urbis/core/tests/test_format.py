from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from urbis.core.templatetags.urbis_format import figure


@pytest.mark.parametrize(
    "language, value, shown",
    [
        ("en", Decimal("3.9000"), "3.9"),
        ("nl", Decimal("3.9000"), "3,9"),
        ("fr", Decimal("12.5000"), "12,5"),
        ("en", Decimal("4E+1"), "40"),
        ("en", None, "–"),
        ("en", "n/a", "n/a"),
    ],
)
def test_figure_drops_trailing_zeros_and_localises(language, value, shown) -> None:
    with translation.override(language):
        assert figure(value) == shown
