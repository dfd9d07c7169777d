"""Free text from the public (pure): GeoReport v2 "description" is at most 4,000 characters and
"may not contain html"; the street of an address for the speeding list."""

from __future__ import annotations

import re

MAX_DESCRIPTION = 4000  # GeoReport v2 POST Service Request: description, 4000 characters max

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HOUSE_NUMBER = re.compile(r"[\s,]+\d+\s*[a-zA-Z]?(\s*(bus|bte|box)\s*\w+)?\s*$", re.IGNORECASE)


def has_markup(text: str) -> bool:
    return bool(_TAG.search(text))


def clean_controls(text: str) -> str:
    """Control characters (NUL, vertical tab and the like) removed; tab and newlines kept."""
    return _CONTROL.sub("", text)


def clean(text: str) -> str:
    """Control characters (NUL and the like) removed, markup removed, whitespace trimmed."""
    return _TAG.sub("", _CONTROL.sub("", text)).strip()


def street_of(address: str) -> str:
    """ "Bruul 12, 2800 Mechelen" → "Bruul": the street part before the number and postcode."""
    first = address.split(",")[0].strip()
    return _HOUSE_NUMBER.sub("", first).strip() or first
