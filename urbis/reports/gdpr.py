"""The reports app's processing activity (GDPR art. 30 record), for the core GDPR registry."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

PROCESSING_ACTIVITY = {
    "code": "reports.public_space_reports",
    "name": _("Public-space reports (incivilities) from citizens and partners"),
    "controller": _("The city (college of mayor and aldermen)"),
    "purpose": _(
        "Take reports of problems in public space, route them to the team that fixes them, "
        "tell the reporter what happened, and turn findings into GAS ascertainments."
    ),
    "legal_basis": _(
        "GDPR art. 6(1)(e): a task in the public interest (the municipality's care for "
        "cleanliness, safety and tranquillity in public space, Nieuwe Gemeentewet art. 135 §2)."
    ),
    "data_subjects": [_("reporters (citizens)")],
    "categories": [
        _("name (optional)"),
        _("e-mail address and phone number (optional)"),
        _("the report's text, place and photos (may show people)"),
    ],
    "recipients": [
        _("the city's public-space service"),
        _("the enforcement team (no reporter details)"),
        _("the GAS sanctioning official (facts only, via an ascertainment)"),
    ],
    "retention": _(
        "Reporter details are erased URBIS_REPORTS_RETENTION_DAYS days after closure (default "
        "365, nightly job reports.reporter_details_purge); the report itself is kept for "
        "statistics without personal data."
    ),
    "security": [
        _("contact details shown only to the public-space role, every read access-logged"),
        _("the follow link is a 256-bit secret; photos re-encoded without EXIF location"),
        _("Open311 keys stored hashed; POST throttled per key and per address (keyed hash)"),
    ],
}
