"""Reports services: every write (ARCHITECTURE §4.2), split by who acts."""

from urbis.reports.services.citizen import (
    report_add_info,
    report_feedback,
    report_join,
    report_reopen_request,
)
from urbis.reports.services.enforcement import (
    FindingData,
    finding_to_gas,
    speed_check_record,
    visit_record,
)
from urbis.reports.services.keys import open311_key_create, open311_key_revoke
from urbis.reports.services.privacy import reporter_details_purge
from urbis.reports.services.setup import category_save, routing_rule_create, team_create
from urbis.reports.services.submit import (
    ReportInput,
    SubmitResult,
    ThrottledError,
    report_submit,
)
from urbis.reports.services.work import (
    report_assign,
    report_transition,
    saved_filter_save,
)

__all__ = [
    "FindingData",
    "ReportInput",
    "SubmitResult",
    "ThrottledError",
    "category_save",
    "finding_to_gas",
    "open311_key_create",
    "open311_key_revoke",
    "report_add_info",
    "report_assign",
    "report_feedback",
    "report_join",
    "report_reopen_request",
    "report_submit",
    "report_transition",
    "reporter_details_purge",
    "routing_rule_create",
    "saved_filter_save",
    "speed_check_record",
    "team_create",
    "visit_record",
]
