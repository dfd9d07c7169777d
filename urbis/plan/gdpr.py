"""The plan's GDPR declarations (art. 30): survey microdata and partner contacts."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from urbis.core.gdpr.registry import ProcessingActivity, register_processing_activity

register_processing_activity(
    ProcessingActivity(
        code="plan.survey_microdata",
        app="plan",
        name=_("Safety-survey microdata"),
        purposes=(_("measure feelings of insecurity per neighbourhood for the plan"),),
        legal_basis=(_("art. 6(1)(e) GDPR; art. 89 statistics"),),
        data_subjects=(_("survey respondents (pseudonymous respondent ids)"),),
        data_categories=(_("answers, weight, neighbourhood"),),
        recipients=(_("coordinator and analysts; published figures with small cells suppressed"),),
        retention=_("per survey edition, kept for trend comparison (decided by the DPO)"),
        security=(_("no names; cells under URBIS_SURVEY_MIN_RESPONDENTS suppressed"),),
    )
)
register_processing_activity(
    ProcessingActivity(
        code="plan.partner_contacts",
        app="plan",
        name=_("Partner contact persons"),
        purposes=(_("reach the partners of the safety and prevention plan"),),
        legal_basis=(_("art. 6(1)(e) GDPR"),),
        data_subjects=(_("contact persons of partner organisations"),),
        data_categories=(_("name, function, e-mail, phone"),),
        recipients=(_("plan staff"),),
        retention=_("while the partnership lasts"),
        security=(_("staff roles only"),),
    )
)
