"""GAS pages: thin glue over selectors and services."""

from urbis.sanctions.views.cases import (
    case_appeal,
    case_decide,
    case_defence,
    case_detail,
    case_export,
    case_hearing,
    case_instalments,
    case_judgment,
    case_list,
    case_photo,
    case_step,
    letter_pdf,
)
from urbis.sanctions.views.intake import bulk_import, bulk_template, file_report
from urbis.sanctions.views.money import (
    evaluation_export,
    payment_assign,
    payments_page,
    register,
    register_purge_view,
)
from urbis.sanctions.views.office import (
    dashboard,
    dispatch_list,
    enforcement,
    fixed_fines,
    letters_print,
    letters_print_pdf,
    notices,
)
from urbis.sanctions.views.procedure import case_procedure

__all__ = [
    "bulk_import",
    "bulk_template",
    "case_appeal",
    "case_decide",
    "case_defence",
    "case_detail",
    "case_export",
    "case_hearing",
    "case_instalments",
    "case_judgment",
    "case_list",
    "case_photo",
    "case_procedure",
    "case_step",
    "dashboard",
    "dispatch_list",
    "enforcement",
    "evaluation_export",
    "file_report",
    "fixed_fines",
    "letter_pdf",
    "letters_print",
    "letters_print_pdf",
    "notices",
    "payment_assign",
    "payments_page",
    "register",
    "register_purge_view",
]
