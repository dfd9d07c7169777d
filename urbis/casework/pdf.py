"""The feedback sheet (terugkoppelingsfiche, fiche de retour) as PDF in nl/fr/en (reportlab).

It carries only what the sheet holds — its content and the shareable items the members agreed
on — plus the consensus record (CC 52/2021): never a secret disclosure, never an identity
beyond the case alias."""

from __future__ import annotations

import io

from django.utils import formats, translation
from django.utils.translation import gettext as _

from urbis.casework.models import FeedbackSheet


def sheet_pdf(sheet: FeedbackSheet, language: str) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    case = sheet.case
    with translation.override(language):
        doc = SimpleDocTemplate(
            buffer, pagesize=A4, title=_("Feedback sheet"), leftMargin=2 * cm, rightMargin=2 * cm
        )
        status = _("Issued") if sheet.status == "issued" else _("Draft — not issued")
        story = [
            Paragraph(escape(_("Feedback sheet to the police")), styles["Title"]),
            Paragraph(
                escape(_("Constitutional Court judgment 52/2021; law of 30 July 2018 (LIVC-R)")),
                styles["Italic"],
            ),
            Spacer(1, 0.4 * cm),
            Table(
                [
                    [_("Table"), case.table.name],
                    [_("Case"), f"{case.number} · {case.alias}"],
                    [_("Meeting of"), formats.date_format(sheet.meeting.held_on, "DATE_FORMAT")],
                    [_("Sent to"), sheet.recipient],
                    [_("Status"), status],
                ],
                colWidths=[4 * cm, 12 * cm],
            ),
            Spacer(1, 0.4 * cm),
            Paragraph(escape(_("Content")), styles["Heading2"]),
        ]
        story += [
            Paragraph(escape(line), styles["BodyText"])
            for line in sheet.content.splitlines()
            if line.strip()
        ]
        items = [d for d in sheet.items.all() if d.secrecy_class != "secret"]
        if items:
            story.append(
                Paragraph(escape(_("Information agreed to be shared")), styles["Heading2"])
            )
            story += [Paragraph("• " + escape(d.summary), styles["BodyText"]) for d in items]
        story.append(
            Paragraph(escape(_("Consensus of the members who took part")), styles["Heading2"])
        )
        consents = {c.user_id: c for c in sheet.consents.select_related("user")}
        rows = [[_("Member"), _("Consent")]]
        for member in sheet.meeting.attendees.all():
            given = consents.get(member.pk)
            rows.append(
                [
                    member.get_full_name() or member.get_username(),
                    formats.date_format(given.at, "DATETIME_FORMAT") if given else _("missing"),
                ]
            )
        story.append(Table(rows, colWidths=[8 * cm, 8 * cm]))
        story.append(Spacer(1, 0.4 * cm))
        story.append(
            Paragraph(
                escape(
                    _(
                        "Information shared in a case consultation is bound by professional "
                        "secrecy (art. 458ter §2 Criminal Code). This sheet contains no "
                        "information marked secret."
                    )
                ),
                styles["Italic"],
            )
        )
        doc.build(story)
    return buffer.getvalue()
