"""Casework pages: thin glue over selectors and services."""

from urbis.casework.views.cases import (
    break_glass,
    case_detail,
    case_new,
    case_step,
    contacts,
    home,
    sheet_pdf,
)

__all__ = ["break_glass", "case_detail", "case_new", "case_step", "contacts", "home", "sheet_pdf"]
