"""The yearly progress report per objective and indicator, as XLSX (openpyxl) and PDF
(reportlab), in Dutch, French or English."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils import translation
from django.utils.translation import gettext as _

from urbis.core.tabular import xlsx_safe
from urbis.plan import selectors
from urbis.plan.models import Objective, Plan


def _rows(plan: Plan, year: int) -> list[list[str]]:
    """One row per indicator with the year's target and city-wide value, and one row for each
    objective that has no indicator yet (it is reported, not left out)."""
    rows = []
    statuses = selectors.indicator_statuses(plan, year)
    measured = {status.indicator.objective_id for status in statuses}
    for status in statuses:
        indicator = status.indicator
        value = status.latest.value if status.latest else None
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
                "" if indicator.baseline is None else f"{indicator.baseline.normalize()}",
                "" if status.target is None else f"{status.target.normalize()}",
                "" if value is None else f"{value.normalize()}",
                {
                    "green": _("on track"),
                    "amber": _("close"),
                    "red": _("off track"),
                    "grey": _("no data"),
                }[status.light],
                " / ".join(notes),
            ]
        )
    for objective in Objective.objects.filter(priority__plan=plan).exclude(pk__in=measured):
        rows.append([objective.code, "", objective.text, "", "", "", "", _("no indicator"), ""])
    rows.sort(key=lambda row: (row[0], row[1]))
    return rows


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
                % {"start": plan.period_start.isoformat(), "end": plan.period_end.isoformat()},
                styles["Normal"],
            ),
            Spacer(1, 12),
        ]
        data = [_header()] + [
            [Paragraph(escape(str(v)), cell) for v in row] for row in _rows(plan, year)
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
