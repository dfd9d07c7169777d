"""Paragraphs and tables of the CPTED report that wrap on word boundaries.

A column is never narrower than its longest word (at the table's font size), so reportlab
never has to split a word ("Desig n cha nge"); the width left over goes to the columns with
the longest texts.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle, StyleSheet1, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table, TableStyle

FRAME_WIDTH = 17 * cm  # A4 less SimpleDocTemplate's default margins, a little spare
CELL_PADDING = 12.0  # reportlab's default left + right cell padding, plus a margin


def escape(text: Any) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Styles:
    def __init__(self) -> None:
        sheet: StyleSheet1 = getSampleStyleSheet()
        self.h1, self.h2, self.h3 = sheet["Title"], sheet["Heading2"], sheet["Heading3"]
        self.body = sheet["BodyText"]
        # splitLongWords=0: a word is never cut; the widths below make every word fit.
        self.cell = ParagraphStyle(
            "cell", parent=self.body, fontSize=8, leading=10, splitLongWords=0
        )


def column_widths(rows: list[list[str]], font: str, size: float, total: float) -> list[float]:
    """Widths summing to ``total`` (or more, when the longest words need it): each column at
    least its longest word, the rest of the width by text length (:func:`_fill`)."""
    columns = range(max(len(r) for r in rows))
    least = [
        max(
            (stringWidth(w, font, size) for r in rows if c < len(r) for w in r[c].split()),
            default=0,
        )
        + CELL_PADDING
        for c in columns
    ]
    natural = [
        max((stringWidth(r[c], font, size) for r in rows if c < len(r)), default=0) + CELL_PADDING
        for c in columns
    ]
    return _fill(least, natural, total)


def _fill(least: list[float], natural: list[float], total: float) -> list[float]:
    """Water-filling: short columns get their whole text on one line, long ones share the rest."""
    widths = list(least)
    spare = total - sum(least)
    if spare <= 0:
        return widths  # wider than the page: still whole words (the table runs into the margin)
    growing = [c for c in range(len(widths)) if natural[c] > widths[c]]
    while growing and spare > 0:
        share = spare / len(growing)
        done = [c for c in growing if natural[c] - widths[c] <= share]
        if not done:
            for c in growing:
                widths[c] += share
            return widths
        for c in done:
            spare -= natural[c] - widths[c]
            widths[c] = natural[c]
        growing = [c for c in growing if c not in done]
    return [w + spare / len(widths) for w in widths]


def grid(rows: list[list[Any]], styles: Styles, total: float = FRAME_WIDTH) -> Table:
    texts = [[str(c) for c in row] for row in rows]
    widths = column_widths(texts, styles.cell.fontName, styles.cell.fontSize, total)
    data = [[Paragraph(escape(c), styles.cell) for c in row] for row in texts]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dfe9f1")),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table
