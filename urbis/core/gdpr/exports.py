"""GDPR documents: the record of processing activities (JSON, CSV), a DPIA pre-filled in the
CNIL PIA tool's JSON format, and the subject-access export as PDF.

The CNIL PIA format (LINCnil/pia, GPL-3.0 — we only write its JSON, no code is taken): a
``pia`` object (name, author, evaluator, validator, DPO opinion, status) and ``answers[]``
whose ``reference_to`` is a question id of ``pia_architecture.json`` — 111 overview,
112 responsibilities, 113 standards, 121 data, 122 processes, 123 supports, 211 purposes,
212 legal basis, 213 minimisation, 214 accuracy, 215 retention, 221-227 rights, processors and
transfers. Each answer's ``data`` is ``{text, gauge, list}``.
"""

from __future__ import annotations

import io
import json
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import escape

from urbis.core.gdpr import registry
from urbis.core.gdpr.selectors import SubjectAccess
from urbis.core.tabular import csv_response, write_csv

RECORD_FIELDS = [
    "code",
    "app",
    "name",
    "controller",
    "dpo",
    "purposes",
    "legal_basis",
    "data_subjects",
    "data_categories",
    "special_categories",
    "recipients",
    "transfers",
    "retention",
    "security",
    "dpia_required",
]


def records() -> list[dict[str, Any]]:
    """The art. 30(1) record: one row per declared activity, (a)-(g) filled."""
    return [
        {
            "code": a.code,
            "app": a.app,
            "name": str(a.name),
            "controller": settings.URBIS_GDPR_CONTROLLER,
            "dpo": settings.URBIS_GDPR_DPO_CONTACT,
            "purposes": [str(x) for x in a.purposes],
            "legal_basis": [str(x) for x in a.legal_basis],
            "data_subjects": [str(x) for x in a.data_subjects],
            "data_categories": [str(x) for x in a.data_categories],
            "special_categories": [str(x) for x in a.special_categories],
            "recipients": [str(x) for x in a.recipients],
            "transfers": str(a.transfers),
            "retention": str(a.retention),
            "security": [str(x) for x in a.security],
            "dpia_required": a.dpia_required,
        }
        for a in registry.processing_activities()
    ]


def records_json() -> str:
    return json.dumps({"processing_activities": records()}, ensure_ascii=False, indent=2)


def _record_cells() -> tuple[list[str], list[list[str]]]:
    rows = [
        [" | ".join(v) if isinstance(v, list) else str(v) for v in (r[f] for f in RECORD_FIELDS)]
        for r in records()
    ]
    return RECORD_FIELDS, rows


def records_csv() -> str:
    """CSV, lists joined by " | ", every cell formula-safe (urbis.core.tabular)."""
    out = io.StringIO()
    header, rows = _record_cells()
    write_csv(out, header, rows)
    return out.getvalue()


def records_csv_response() -> HttpResponse:
    header, rows = _record_cells()
    return csv_response("processing-activities.csv", header, rows)


def _html_list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def pia_json(code: str, *, author: str = "") -> dict[str, Any]:
    """A DPIA pre-filled from one processing activity, importable in the CNIL PIA tool."""
    activity = next((a for a in registry.processing_activities() if a.code == code), None)
    if activity is None:
        raise KeyError(code)
    now = timezone.now().isoformat()
    rows = next(r for r in records() if r["code"] == code)
    texts = {
        111: f"<p>{escape(rows['name'])}</p>" + _html_list(rows["purposes"]),
        112: _html_list(
            [f"Controller: {rows['controller']}", f"DPO: {rows['dpo']}", *rows["recipients"]]
        ),
        121: _html_list(rows["data_categories"] + rows["special_categories"]),
        122: _html_list(rows["data_subjects"]),
        211: _html_list(rows["purposes"]),
        212: _html_list(rows["legal_basis"]),
        213: _html_list(rows["data_categories"]),
        215: f"<p>{escape(rows['retention'])}</p>",
        227: f"<p>{escape(rows['transfers'])}</p>",
    }
    return {
        "pia": {
            "name": rows["name"],
            "author_name": author,
            "evaluator_name": "",
            "validator_name": "",
            "dpo_status": 0,
            "dpo_opinion": "",
            "dpos_names": rows["dpo"],
            "concerned_people_opinion": "",
            "concerned_people_status": 0,
            "concerned_people_searched_opinion": False,
            "people_names": "",
            "status": 0,
            "created_at": now,
            "updated_at": now,
            "category": rows["app"],
        },
        "answers": [
            {"reference_to": ref, "data": {"text": text, "gauge": 0, "list": []}}
            for ref, text in sorted(texts.items())
        ],
        "measures": [
            {"title": measure, "content": "", "placeholder": ""} for measure in rows["security"]
        ],
        "evaluations": [],
        "comments": [],
    }


def subject_access_pdf(result: SubjectAccess) -> bytes:
    """The art. 15 export as PDF: one section per app, withheld items with their reason, and
    the reads of the person's records."""
    from xml.sax.saxutils import escape as x

    from django.utils.translation import gettext as _
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=_("Subject access"))
    heading = f"{settings.URBIS_GDPR_CONTROLLER} — {result.generated_at:%Y-%m-%d %H:%M}"
    story: list[Any] = [
        Paragraph(x(_("Subject access (GDPR art. 15)")), styles["Title"]),
        Paragraph(x(heading), styles["Normal"]),
    ]
    for app in result.apps:
        story.append(Paragraph(x(app.label), styles["Heading2"]))
        if not app.items and not app.withheld:
            story.append(Paragraph(x(_("No data found.")), styles["Italic"]))
        for item in app.items:
            story.append(Paragraph(x(f"{item.kind}: {item.label}"), styles["Heading4"]))
            for key, value in item.data.items():
                text = (
                    json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
                )
                story.append(Paragraph(x(f"{key}: {text}"), styles["BodyText"]))
        for withheld in app.withheld:
            story.append(
                Paragraph(
                    x(_("Withheld") + f" ({withheld.kind}, {withheld.count}): {withheld.reason}"),
                    styles["BodyText"],
                )
            )
        story.append(Spacer(1, 8))
    story.append(Paragraph(x(_("Who read these records")), styles["Heading2"]))
    for read in result.reads:
        story.append(
            Paragraph(
                x(f"{read['at']} {read['user_label']}: {read['purpose']}"), styles["BodyText"]
            )
        )
    doc.build(story)
    return buffer.getvalue()
