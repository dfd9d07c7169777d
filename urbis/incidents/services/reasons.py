"""The translated text of a row check's code (``urbis.incidents.rules``), shared by the import
and the single-incident service."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from urbis.incidents import rules


def reason(code: str, **params: Any) -> str:
    messages = {
        rules.UNKNOWN_CATEGORY: _("unknown category “%(value)s”"),
        rules.WINDOW_REVERSED: _("the window ends before it starts"),
        rules.IN_FUTURE: _("the date lies in the future"),
        rules.WINDOW_TOO_LONG: _("the window is longer than the maximum of %(days)s days"),
        rules.OUTSIDE_CITY: _("the coordinates lie outside the city's extent"),
        rules.SWAPPED: _(
            "latitude and longitude look swapped (the point lies in the city with them exchanged)"
        ),
        rules.OUT_OF_RANGE: _("the coordinates are not WGS84 latitude/longitude"),
        rules.TOO_OLD: _("the date lies before %(year)s") % {"year": rules.MIN_YEAR},
        rules.XY_SWAPPED: _(
            "x and y look swapped (the point lies in the city with them exchanged)"
        ),
    }
    return messages[code] % params if params else messages[code]
