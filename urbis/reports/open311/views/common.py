"""Shared by the Open311 endpoints: the spec's argument, date and number rules."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from urbis.reports import conf
from urbis.reports.models import CategoryVersion
from urbis.reports.open311.render import errors

PUBLIC = "Open311 GeoReport v2: read methods are open by the spec, POST needs a partner api_key"
SPEC_URL = "http://wiki.open311.org/GeoReport_v2"
MAX_RANGE = timedelta(
    days=90
)  # spec, GET Service Requests: a range "may not span more than 90 days"


def w3c(value: datetime | None) -> str | None:
    """W3C datetime with the offset (spec: "Timezone information ... must be included")."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


def _arg(request: HttpRequest, name: str) -> str:
    """Spec "Optional Arguments": empty means absent."""
    source = request.POST if request.method == "POST" else request.GET
    return (source.get(name) or "").strip()


def _jurisdiction(request: HttpRequest, fmt: str) -> HttpResponse | None:
    """One jurisdiction is served: the id may be left out; another one is "not found" (404)."""
    given = _arg(request, "jurisdiction_id")
    if given and given != str(conf.get("URBIS_REPORTS_JURISDICTION")):
        return errors(
            fmt, 404, [(404, _("jurisdiction_id %(j)s was not found.") % {"j": given[:100]})]
        )
    return None


def _language() -> str:
    from django.utils.translation import get_language

    return (get_language() or "nl")[:2]


def _datetime(value: str, name: str, problems: list[tuple[int, str]]) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parse_datetime(value.replace(" ", "+"))
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        problems.append((400, _("%(f)s: a W3C datetime with a time zone.") % {"f": name}))
        return None
    return parsed


def _float(value: str, name: str, problems: list[tuple[int, str]]) -> float | None:
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        problems.append((400, _("%(f)s: a number (WGS84 degrees).") % {"f": name}))
        return None
    return number


def _notice(version: CategoryVersion) -> str:
    if version.sla_working_days:
        return _("Handled within %(n)d working days.") % {"n": version.sla_days}
    return _("Handled within %(n)d days.") % {"n": version.sla_days}
