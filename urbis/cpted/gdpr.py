"""CPTED's GDPR declaration (art. 30): site photos and assessment records."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from urbis.core.gdpr.registry import ProcessingActivity, register_processing_activity

register_processing_activity(
    ProcessingActivity(
        code="cpted.assessments",
        app="cpted",
        name=_("CPTED checks of investment projects"),
        purposes=(_("advise on crime prevention through environmental design"),),
        legal_basis=(_("art. 6(1)(e) GDPR: municipal planning and prevention tasks"),),
        data_subjects=(_("project leaders and advisors"), _("passers-by in site photos")),
        data_categories=(_("names of staff, site photos re-encoded without location data"),),
        recipients=(_("the project team and the CPTED advisors"),),
        retention=_("for the life of the project file"),
        security=(_("role-based access; photos stripped of EXIF; access-logged photo reads"),),
    )
)
