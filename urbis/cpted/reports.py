"""The CPTED report as PDF (reportlab) in Dutch, French or English.

Outline from domain/cpted.md §5.6 (ISO 22341 5.1 where/what/who/how; UK crime impact statement
item a; VER Beheerplan): project and context, triage decision and why, method and visits,
crime and nuisance context, findings per strategy with photos and map, red flags,
recommendations, management plan, follow-up, sign-off.
"""

from __future__ import annotations

import io
import math
from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext as _

from urbis.cpted import selectors
from urbis.cpted.models import Assessment, Outcome, Strategy
from urbis.cpted.models.assessment import zone_label


def _site_map(assessment: Assessment) -> Any:
    """A small vector map: the site outline or point and a pin per located rating (no tiles,
    so the report never depends on a tile server)."""
    from reportlab.graphics.shapes import Circle, Drawing, PolyLine, String
    from reportlab.lib import colors

    project = assessment.project
    points: list[tuple[float, float, str]] = [
        (r.lon, r.lat, r.item.code)
        for r in assessment.ratings.select_related("item")
        if r.lat is not None and r.lon is not None
    ]
    rings: list[list[tuple[float, float]]] = []
    geometry = project.location or {}
    if geometry.get("type") == "Polygon":
        rings = [[(x, y) for x, y in geometry["coordinates"][0]]]
    elif geometry.get("type") == "MultiPolygon":
        rings = [[(x, y) for x, y in polygon[0]] for polygon in geometry["coordinates"]]
    elif geometry.get("type") == "Point":
        lon, lat = geometry["coordinates"][:2]
        points.insert(0, (lon, lat, _("site")))
    coords = [(x, y) for ring in rings for x, y in ring] + [(x, y) for x, y, _l in points]
    if not coords:
        return None
    width, height, pad = 420, 260, 20
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    cos = math.cos(math.radians(sum(ys) / len(ys)))  # equirectangular: metres-ish aspect
    span = max((max(xs) - min(xs)) * cos, max(ys) - min(ys), 1e-4)
    scale = min(width, height) - 2 * pad

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (
            pad + (lon - min(xs)) * cos / span * scale,
            pad + (lat - min(ys)) / span * scale,
        )

    drawing = Drawing(width, height)
    for ring in rings:
        flat = [v for lon, lat in ring for v in xy(lon, lat)]
        drawing.add(PolyLine(flat, strokeColor=colors.HexColor("#1f5f8b"), strokeWidth=2))
    for lon, lat, label in points:
        x, y = xy(lon, lat)
        drawing.add(Circle(x, y, 4, fillColor=colors.HexColor("#c0392b"), strokeColor=None))
        drawing.add(String(x + 6, y - 3, str(label), fontSize=7))
    return drawing


def assessment_pdf(assessment: Assessment, language: str) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        Image,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    project = assessment.project
    with translation.override(language):
        styles = getSampleStyleSheet()
        h1, h2, body = styles["Title"], styles["Heading2"], styles["BodyText"]
        buffer = io.BytesIO()
        document = SimpleDocTemplate(buffer, pagesize=A4, title=f"CPTED – {project.name}")
        story: list[Any] = []

        def para(text: Any, style: Any = body) -> None:
            story.append(Paragraph(str(text).replace("&", "&amp;").replace("<", "&lt;"), style))

        def table(rows: list[list[Any]], widths: list[float] | None = None) -> None:
            data = [
                [Paragraph(str(c).replace("&", "&amp;").replace("<", "&lt;"), body) for c in row]
                for row in rows
            ]
            grid = Table(data, colWidths=widths, repeatRows=1)
            grid.setStyle(
                TableStyle(
                    [
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dfe9f1")),
                        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story.append(grid)

        para(_("CPTED report: %(project)s") % {"project": project.name}, h1)
        # 1. Project and context (ISO 22341 5.1: where, what, who).
        para(_("1. Project and context"), h2)
        table(
            [
                [_("Field"), _("Value")],
                [_("Owning department"), project.department],
                [
                    _("Project leader"),
                    project.project_leader.get_full_name() or project.project_leader.get_username(),
                ],
                [_("Type"), project.get_project_type_display()],
                [_("Phase assessed"), assessment.get_phase_display()],
                [_("Current phase"), project.get_phase_display()],
                [_("Dwellings"), project.dwellings],
                [_("Gross floor area (m²)"), project.floor_area],
                [_("Parking spaces"), project.parking_spaces],
                [_("Budget (EUR)"), formats.number_format(project.budget, 0, use_l10n=True)],
                [_("Location"), f"{project.lat:.5f}, {project.lon:.5f}" if project.lat else "—"],
            ],
            [5 * cm, 11 * cm],
        )
        # 2. Triage decision and why.
        para(_("2. Triage decision"), h2)
        triage = selectors.latest_triage(project)
        if triage is None:
            para(_("The project has not been triaged."))
        else:
            para(
                _("Outcome: %(outcome)s (flow version %(version)s, %(date)s).")
                % {
                    "outcome": Outcome(triage.outcome).label,
                    "version": triage.flow.version,
                    "date": formats.date_format(triage.decided_at, "SHORT_DATE_FORMAT"),
                }
            )
            para(_("Why:"))
            for step in triage.path_in(language):
                para(f"• {step}")
            for moment in triage.check_moments_in(language):
                para(_("Check moment: %(m)s") % {"m": moment})
        # 3. Method and visits.
        para(_("3. Method and site visits"), h2)
        para(
            _("Checklist %(name)s, version %(version)s; %(count)d zones: %(zones)s.")
            % {
                "name": assessment.template.name_in(language),
                "version": assessment.template.version,
                "count": assessment.zones.count(),
                "zones": ", ".join(z.display_name for z in assessment.zones.all()),
            }
        )
        visits = [
            [
                v.get_kind_display(),
                formats.date_format(v.date, "SHORT_DATE_FORMAT"),
                v.participants,
                v.notes,
            ]
            for v in assessment.visits.all()
        ]
        if visits:
            table([[_("Walk"), _("Date"), _("Participants"), _("Notes")], *visits])
        else:
            para(_("No site visit recorded."))
        # 4. Crime and nuisance context (UK crime impact statement, item a).
        para(_("4. Crime and nuisance context"), h2)
        context = selectors.crime_context(project)
        if context:
            table(
                [[_("Source"), _("Count in the last year")], *[[c.label, c.count] for c in context]]
            )
        else:
            para(_("No crime or nuisance data near the site is available in Urbis."))
        # 5. Findings per strategy.
        para(_("5. Findings per strategy"), h2)
        card = selectors.scorecard(assessment)
        labels = dict(Strategy.choices)
        rows: list[list[Any]] = [[_("Strategy"), _("Score (0–100)"), _("Coverage (%)")]]
        for key in Strategy.values:
            if key in card.by_strategy:
                score = card.by_strategy[key]
                rows.append(
                    [labels[key], "—" if score.value is None else score.value, score.coverage]
                )
        rows.append(
            [
                _("Overall"),
                "—" if card.overall.value is None else card.overall.value,
                card.overall.coverage,
            ]
        )
        table(rows, [8 * cm, 4 * cm, 4 * cm])
        story.append(Spacer(1, 6))
        zone_rows: list[list[Any]] = [[_("Zone"), _("Score (0–100)"), _("Coverage (%)")]]
        for zone, score in card.by_zone.items():
            zone_rows.append(
                [zone_label(zone), "—" if score.value is None else score.value, score.coverage]
            )
        table(zone_rows, [8 * cm, 4 * cm, 4 * cm])
        for rating in assessment.ratings.select_related("item", "zone").prefetch_related("photos"):
            shown = (
                _("not applicable")
                if rating.not_applicable
                else _("not observable")
                if rating.not_observable
                else rating.value
            )
            para(
                f"{rating.item.code} ({rating.zone.display_name}) – "
                f"{rating.item.question_in(language)}: {shown}"
                + (f" — {rating.note}" if rating.note else "")
            )
            for photo in rating.photos.all():
                try:
                    story.append(
                        Image(photo.image.path, width=6 * cm, height=4.5 * cm, kind="proportional")
                    )
                except OSError:
                    para(_("(photo missing)"))
        site_map = _site_map(assessment)
        if site_map is not None:
            para(_("Map of the site and rated points"), styles["Heading3"])
            story.append(site_map)
        # 6. Red flags (domain/cpted.md §5.4).
        para(_("6. Red flags"), h2)
        if card.red_flags:
            para(_("Non-compliant: a critical item is rated low, whatever the average."))
            for flag in card.red_flags:
                para(f"• {flag.item_code} ({zone_label(flag.zone)}): {flag.value}")
        else:
            para(_("No red flags."))
        # 7. Recommendations.
        para(_("7. Recommendations"), h2)
        recs = list(project.recommendations.select_related("department"))
        # Domain §5.6: the top recommendations by priority, the quick wins apart.
        rank = {"high": 0, "medium": 1, "low": 2}
        recs.sort(key=lambda r: (rank.get(r.priority, 3), r.pk))
        header = [
            _("Recommendation"),
            _("Type"),
            _("Priority"),
            _("Requirement level"),
            _("Phase"),
            _("Owning department"),
            _("Due date"),
            _("Status"),
        ]

        def row(r: Any) -> list[Any]:
            return [
                r.text_in(language),
                r.get_kind_display(),
                r.get_priority_display(),
                r.get_requirement_display(),
                r.get_phase_display(),
                r.department,
                r.due_date or "—",
                r.get_status_display(),
            ]

        if recs:
            quick = [r for r in recs if r.quick_win]
            if quick:
                para(_("Quick wins"), h2)
                table([header] + [row(r) for r in quick])
            para(_("All recommendations, by priority"), h2)
            table([header] + [row(r) for r in recs])
        else:
            para(_("No recommendations."))
        # 8. Management plan (VER Beheerplan) and summary.
        para(_("8. Management and maintenance plan"), h2)
        para(assessment.management_plan or "—")
        # 9. Follow-up.
        para(_("9. Follow-up"), h2)
        open_count = sum(1 for r in recs if r.status == "open")
        para(
            _(
                "%(open)d of %(total)d recommendations are open; the project is in phase "
                "“%(phase)s”."
            )
            % {"open": open_count, "total": len(recs), "phase": project.get_phase_display()}
        )
        # 10. Sign-off.
        para(_("10. Sign-off"), h2)
        para(assessment.summary or "—")
        if assessment.completed_at:
            para(
                _("Signed off by %(name)s on %(date)s.")
                % {
                    "name": assessment.signed_off_by,
                    "date": formats.date_format(assessment.completed_at, "SHORT_DATE_FORMAT"),
                }
            )
        else:
            para(_("Draft: this assessment has not been signed off."))
        document.build(story)
    return buffer.getvalue()
