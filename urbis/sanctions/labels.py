"""Words for the workflow's codes, in the user's language (the pure modules keep codes)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from urbis.sanctions.rules.workflow import Action as A

STATUS = {
    "received": _("received"),
    "awaiting_prosecutor": _("with the prosecutor"),
    "opened": _("opened, defence term running"),
    "defence_received": _("defence received"),
    "hearing_scheduled": _("hearing scheduled"),
    "parental_involvement": _("parental involvement"),
    "mediation": _("mediation"),
    "community_service": _("community service"),
    "second_invitation": _("second invitation to pay"),
    "decided": _("fine decided"),
    "reminder": _("reminder sent"),
    "in_appeal": _("in appeal"),
    "college_warned": _("warned by the college"),
    "paid": _("paid"),
    "enforcement": _("enforcement"),
    "closed": _("closed"),
    "time_barred": _("time-barred"),
}
OUTCOME = {
    "no_follow_up": _("no follow-up"),
    "warning": _("warning"),
    "fine": _("fine"),
    "mediation_succeeded": _("mediation succeeded"),
    "service_performed": _("community service performed"),
    "prosecuted": _("prosecuted by the prosecutor"),
    "appeal_annulled": _("annulled on appeal"),
    "suspension": _("suspension"),
    "withdrawal": _("withdrawal"),
    "closure": _("closure"),
    "paid": _("paid"),
    "time_barred": _("time-barred"),
}
OFFENDER_KIND = {
    "natural": _("Natural person"),
    "legal": _("Legal person"),
}
LANGUAGE = {
    "nl": _("Dutch"),
    "fr": _("French"),
    "en": _("English"),
}
LIMITATION_EVENT = {
    "interruption": _("interruption"),
    "suspension": _("suspension"),
}
ADDRESSEE = {
    "offender": _("offender"),
    "guardian": _("parent or guardian"),
    "lawyer": _("lawyer"),
}
PROCEDURE = {
    "general": _("general"),
    "mixed_light": _("mixed, light (art. 3 2°)"),
    "mixed_heavy": _("mixed, heavy (art. 3 1°)"),
    "parking": _("stopping and parking"),
    "speeding": _("speeding (art. 29quater WVW)"),
}
#: Keyed by the table's ``Action`` (``register``: the intake row, no edge).
ACTION: dict[str, object] = {
    "register": _("Registered"),
    A.FORWARD_TO_PROSECUTOR: _("Send to the prosecutor"),
    A.PROSECUTOR_WAIVES: _("Prosecutor waives"),
    A.PROSECUTOR_SILENT: _("Prosecutor silent for two months"),
    A.PROSECUTOR_PROSECUTES: _("Prosecutor prosecutes"),
    A.SEND_OPENING_LETTER: _("Send the opening letter"),
    A.SEND_PARKING_NOTICE: _("Send the parking notice"),
    A.SEND_SPEED_NOTICE: _("Send the speeding notice"),
    A.RECORD_DEFENCE: _("Defence recorded"),
    A.SCHEDULE_HEARING: _("Hearing scheduled"),
    A.REJECT_DEFENCE: _("Reject the defence (second invitation)"),
    A.START_PARENTAL_INVOLVEMENT: _("Start parental involvement"),
    A.PROPOSE_MEDIATION: _("Propose mediation"),
    A.MEDIATION_SUCCEEDED: _("Mediation succeeded"),
    A.MEDIATION_FAILED: _("Mediation failed or refused"),
    A.PROPOSE_COMMUNITY_SERVICE: _("Propose community service"),
    A.SERVICE_PERFORMED: _("Community service performed"),
    A.SERVICE_NOT_PERFORMED: _("Community service not performed"),
    A.DECIDE_FINE: _("Fine"),
    A.DECIDE_WARNING: _("Warning"),
    A.DECIDE_NO_FOLLOW_UP: _("No follow-up"),
    A.COLLEGE_WARNING: _("College warning"),
    A.COLLEGE_SUSPENSION: _("College: suspension"),
    A.COLLEGE_WITHDRAWAL: _("College: withdrawal"),
    A.COLLEGE_CLOSURE: _("College: closure"),
    A.PAYMENT_RECEIVED: _("Paid"),
    A.SEND_REMINDER: _("Send a reminder"),
    A.EXPORT_FOR_ENFORCEMENT: _("Hand over for enforcement"),
    A.LODGE_APPEAL: _("Appeal lodged"),
    A.APPEAL_CONFIRMED: _("Appeal: fine confirmed or reformed"),
    A.APPEAL_ANNULLED: _("Appeal: decision annulled"),
    A.TIME_BAR: _("Time-barred"),
    A.HOLD_HEARING: _("Hearing held"),
    A.WAIVE_HEARING: _("Hearing not attended or waived"),
    A.AGREE_PAYMENT_TERMS: _("Payment terms agreed in mediation"),
}
DEADLINE = {
    "transmission": _("transmission to the sanctioning official"),
    "prosecutor_wait": _("prosecutor's term"),
    "parking_notice": _("parking notice"),
    "speed_pv": _("speeding PV to the official"),
    "speed_notice": _("speeding notice"),
    "defence": _("defence"),
    "decision_limit": _("decision limit"),
    "payment": _("payment"),
    "appeal": _("appeal"),
    "collection_limit": _("collection limit"),
    "community_service": _("community service execution"),
}
LEVEL = {
    "met": _("met"),
    "late": _("met late"),
    "overdue": _("overdue"),
    "expired": _("expired"),
    "escalate": _("escalate"),
    "alert": _("alert"),
    "pending": _("pending"),
}
QUEUE = {
    "received": _("to open"),
    "defence": _("awaiting defence or decision"),
    "payment": _("awaiting payment"),
    "appeal": _("in appeal"),
    "alternative": _("mediation and alternatives"),
}
#: A refusal of the pure step guards (rules/guards.py), said on its field; ``%(day)s`` is a date.
REFUSAL = {
    "own_form": ("action", _("This step is recorded with its own form.")),
    "official_only": ("action", _("Only the sanctioning official decides.")),
    "future": ("on", _("This date is in the future.")),
    "before_ascertainment": ("on", _("This date is before the ascertainment.")),
    "gate": (
        "action",
        _("GAS-R14/R15: without a protocol, the prosecutor must first waive or stay silent."),
    ),
    "wait": ("action", _("GAS-R14: the prosecutor has two months, until %(day)s.")),
    "limit": (
        "action",
        _("GAS-R21: the decision limit passed on %(day)s; the case is time-barred."),
    ),
    "roles": (
        "action",
        _("GAS-R49: the ascertaining officer or mediator of a case may not decide it."),
    ),
    "not_opened": ("action", _("GAS-R17: send the opening letter or notice first.")),
    "defence": ("action", _("GAS-R18: the defence term runs until %(day)s.")),
    "hearing_pending": ("action", _("GAS-R20: the hearing has not taken place yet.")),
    "minor_heard": (
        "action",
        _(
            "GAS-R11: a minor is heard before any sanction: record the hearing held (or the "
            "documented non-attendance) first."
        ),
    ),
    "measure": (
        "action",
        _("The police regulation does not provide for this alternative measure."),
    ),
    "mediation_first": ("action", _("GAS-R08: a minor must first be offered mediation.")),
    "terms_agreed": ("action", _("GAS-R23: payment terms were already agreed.")),
    "amount_missing": ("amount", _("State the amount of the fine.")),
    "amount_max": ("amount", _("GAS-R01..R03: at most %(max)s for this case.")),
    "not_decided": ("action", _("GAS-R27: only a decided fine can be enforced.")),
    "appealed": ("action", _("GAS-R27: the fine was appealed.")),
    "appeal": ("action", _("GAS-R26: the appeal term runs until %(day)s.")),
    "collection": (
        "action",
        _("GAS-R28: the collection limit passed on %(day)s; the fine can no longer be collected."),
    ),
    "paid": ("action", _("This fine is paid.")),
    "instalments": ("action", _("This fine is paid in instalments.")),
    "decided": ("action", _("A decided case cannot lapse.")),
    "service_hours": ("hours", _("GAS-R06: between 1 and %(max)s hours.")),
}
