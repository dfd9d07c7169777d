"""The reports app's settings, read from config/settings.py (documented in docs/reports.md)."""

from __future__ import annotations

from django.conf import settings

# The extent used when neither URBIS_CITY_BBOX nor any area is there (a fresh install: the
# demo city, Mechelen), as min_lon, min_lat, max_lon, max_lat.
FALLBACK_CITY_BBOX = (4.39, 50.98, 4.56, 51.08)


def get(name: str) -> object:
    return getattr(settings, name, DEFAULTS[name])


DEFAULTS: dict[str, object] = {
    "URBIS_REPORTS_AT_RISK_DAYS": 1,  # BELIEVED practice: flag a report one day before it is due
    "URBIS_REPORTS_NEARBY_METRES": 150,  # "is it one of these?" radius
    "URBIS_REPORTS_MAX_PHOTOS": 3,
    "URBIS_REPORTS_MAX_PHOTO_BYTES": 10 * 1024 * 1024,
    "URBIS_REPORTS_RETENTION_DAYS": 365,  # BELIEVED: reporter details kept a year after closure
    "URBIS_REPORTS_POSTS_PER_HOUR_KEY": 5000,  # Open311 POST throttle per API key
    "URBIS_REPORTS_POSTS_PER_HOUR_ADDRESS": 30,  # and per client address (web form and Open311)
    "URBIS_REPORTS_PUBLIC_CLOSED_DAYS": 30,  # the public map shows reports closed this recently
    "URBIS_REPORTS_JURISDICTION": "mechelen.be",  # Open311 jurisdiction_id (spec: domain name)
    "URBIS_REPORTS_OPEN311_LIMIT": 1000,  # GET requests: at most this many (spec default 1000)
    "URBIS_REPORTS_OPEN311_TYPE": "realtime",  # or "batch": POST answers a token
    "URBIS_REPORTS_CONTACT_EMAIL": "",  # the accessibility statement's feedback contact
    "URBIS_REPORTS_CONTACT_PHONE": "",
    "URBIS_REPORTS_CONTACT_ADDRESS": "",
    "URBIS_REPORTS_OMBUDSMAN_URL": "",  # the enforcement procedure (the ombudsman's page)
    "URBIS_PUBLIC_URL": "http://127.0.0.1:8000",  # base of the follow links mailed to reporters
}
