"""The yearly progress report per objective and indicator, as XLSX (openpyxl) and PDF
(reportlab), in Dutch, French or English."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from urbis.core.figures import figure, plain_decimal
from urbis.core.tabular import xlsx_safe
from urbis.plan import selectors
from urbis.plan.models import Objective, Plan

STATUS_LABELS = {
    "green": _lazy("on track"),
    "amber": _lazy("close"),
    "red": _lazy("off track"),
    "grey": _lazy("no data"),
    "no_target": _lazy("no target"),
}
#: The columns holding numbers: typed cells in the XLSX, localised text in the PDF.
NUMBER_COLUMNS = (4, 5, 6)


def _rows(plan: Plan, year: int) -> list[list[object]]:
    """One row per indicator with the year's target and city-wide value, and one row for each
    objective that has no indicator yet (it is reported, not left out). Numbers stay
    ``Decimal`` (or ``None``); the writers format them."""
    rows: list[list[object]] = []
    statuses = selectors.indicator_statuses(plan, year)
    measured = {status.indicator.objective_id for status in statuses}
    for status in statuses:
        indicator = status.indicator
        notes = [
            m.note
            for m in indicator.measurements.all()
            if m.period_end.year == year and m.area_id is None and m.note
        ]
        rows.append(
            [
                indicator.objective.code,
                indicator.code,
                indicator.name,
                indicator.unit,
                plain_decimal(indicator.baseline),
                plain_decimal(status.target),
                plain_decimal(status.latest.value if status.latest else None),
                str(STATUS_LABELS[status.light]),
                " / ".join(notes),
            ]
        )
    for objective in Objective.objects.filter(priority__plan=plan).exclude(pk__in=measured):
        rows.append(
            [objective.code, "", objective.text, "", None, None, None, _("no indicator"), ""]
        )
    rows.sort(key=lambda row: (str(row[0]), str(row[1])))
    return rows


def _pdf_text(index: int, value: object) -> str:
    if index in NUMBER_COLUMNS:
        return "" if value is None else figure(value)
    return str(value)


def _header() -> list[str]:
    return [
        _("Objective"),
        _("Indicator"),
        _("Name"),
        _("Unit"),
        _("Baseline"),
        _("Target"),
        _("Achieved"),
        _("Status"),
        _("Commentary"),
    ]


def progress_xlsx(plan: Plan, year: int, language: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    with translation.override(language):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = str(year)
        sheet.append(
            [
                xlsx_safe(
                    _("Progress report %(year)s: %(plan)s") % {"year": year, "plan": plan.title}
                )
            ]
        )
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.append(_header())
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in _rows(plan, year):
            sheet.append([xlsx_safe(value) for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()


def progress_pdf(plan: Plan, year: int, language: str) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    with translation.override(language):
        buffer = io.BytesIO()
        document = SimpleDocTemplate(buffer, pagesize=landscape(A4), title=plan.title)
        styles = getSampleStyleSheet()
        cell = styles["BodyText"]
        story = [
            Paragraph(
                escape(
                    _("Progress report %(year)s: %(plan)s") % {"year": year, "plan": plan.title}
                ),
                styles["Title"],
            ),
            Paragraph(
                _("Plan period %(start)s – %(end)s")
                % {
                    "start": date_format(plan.period_start, "SHORT_DATE_FORMAT"),
                    "end": date_format(plan.period_end, "SHORT_DATE_FORMAT"),
                },
                styles["Normal"],
            ),
            Spacer(1, 12),
        ]
        data = [_header()] + [
            [Paragraph(escape(_pdf_text(i, v)), cell) for i, v in enumerate(row)]
            for row in _rows(plan, year)
        ]
        table = Table(data, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1f5f8b")),
                    ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(table)
        document.build(story)
    return buffer.getvalue()
