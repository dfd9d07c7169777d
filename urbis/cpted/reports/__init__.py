"""The CPTED report as PDF (reportlab) in Dutch, French or English.

Outline from domain/cpted.md §5.6 (ISO 22341 5.1 where/what/who/how; UK crime impact statement
item a; VER Beheerplan): project and context, triage decision and why, method and visits,
crime and nuisance context, findings per strategy with photos and map, red flags,
recommendations, management plan, follow-up, sign-off. One function per section.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer

from urbis.cpted import selectors
from urbis.cpted.models import Assessment, Outcome, Recommendation, Strategy
from urbis.cpted.models.assessment import zone_label
from urbis.cpted.reports.layout import Styles, escape, grid
from urbis.cpted.reports.sitemap import SiteMapData, frame, rings_of, site_map

# Domain §5.6: the top recommendations by priority, the quick wins apart.
PRIORITY_RANK = {"high": 0, "medium": 1, "low": 2}


class Report:
    """The story of flowables being built, with the helpers every section uses."""

    def __init__(self, assessment: Assessment, language: str) -> None:
        self.assessment = assessment
        self.project = assessment.project
        self.language = language
        self.styles = Styles()
        self.story: list[Any] = []

    def para(self, text: Any, style: Any = None) -> None:
        self.story.append(Paragraph(escape(text), style or self.styles.body))

    def heading(self, text: Any) -> None:
        self.para(text, self.styles.h2)

    def table(self, rows: list[list[Any]]) -> None:
        self.story.append(grid(rows, self.styles))


def _date(value: Any) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else "—"


def _project(r: Report) -> None:
    # 1. Project and context (ISO 22341 5.1: where, what, who).
    p, leader = r.project, r.project.project_leader
    r.heading(_("1. Project and context"))
    yes_no = {True: _("yes"), False: _("no")}
    r.table(
        [
            [_("Field"), _("Value")],
            [_("Owning department"), p.department],
            [_("Project leader"), leader.get_full_name() or leader.get_username()],
            [_("Type"), p.get_project_type_display()],
            [_("Description"), p.description or "—"],
            [_("Phase assessed"), r.assessment.get_phase_display()],
            [_("Current phase"), p.get_phase_display()],
            [_("Dwellings"), p.dwellings],
            [_("Gross floor area (m²)"), formats.number_format(p.floor_area, 0, use_l10n=True)],
            [_("Parking spaces"), p.parking_spaces],
            [_("Night-time uses"), yes_no[p.night_time_uses]],
            [_("Licensed premises (alcohol)"), yes_no[p.licensed_uses]],
            [_("Vulnerable users"), yes_no[p.vulnerable_users]],
            [_("Budget (EUR)"), formats.number_format(p.budget, 0, use_l10n=True)],
            [_("Preliminary design ends (planned)"), _date(p.preliminary_design_end)],
            [_("Location"), f"{p.lat:.5f}, {p.lon:.5f}" if p.lat is not None else "—"],
        ]
    )


def _triage(r: Report) -> None:
    r.heading(_("2. Triage decision"))
    triage = selectors.latest_triage(r.project)
    if triage is None:
        r.para(_("The project has not been triaged."))
        return
    r.para(
        _("Outcome: %(outcome)s (flow version %(version)s, %(date)s).")
        % {
            "outcome": Outcome(triage.outcome).label,
            "version": triage.flow.version,
            "date": _date(triage.decided_at),
        }
    )
    r.para(_("Why:"))
    for step in triage.path_in(r.language):
        r.para(f"• {step}")
    for moment in triage.check_moments_in(r.language):
        r.para(_("Check moment: %(m)s") % {"m": moment})


def _method(r: Report) -> None:
    a = r.assessment
    r.heading(_("3. Method and site visits"))
    r.para(
        _("Checklist %(name)s, version %(version)s; %(count)d zones: %(zones)s.")
        % {
            "name": a.template.name_in(r.language),
            "version": a.template.version,
            "count": a.zones.count(),
            "zones": ", ".join(z.display_name for z in a.zones.all()),
        }
    )
    visits = [
        [v.get_kind_display(), _date(v.date), v.participants, v.notes] for v in a.visits.all()
    ]
    if visits:
        r.table([[_("Walk"), _("Date"), _("Participants"), _("Notes")], *visits])
    else:
        r.para(_("No site visit recorded."))


def _context(r: Report) -> None:
    # 4. Crime and nuisance context (UK crime impact statement, item a).
    r.heading(_("4. Crime and nuisance context"))
    context = selectors.crime_context(r.project)
    if context:
        r.table(
            [[_("Source"), _("Count in the last year")], *[[c.label, c.count] for c in context]]
        )
    else:
        r.para(_("No crime or nuisance data near the site is available in Urbis."))


def _score_cells(score: Any) -> list[Any]:
    return [
        "—" if score.value is None else formats.localize(score.value),
        formats.localize(score.coverage),
    ]


def _scores(r: Report, card: Any) -> None:
    r.heading(_("5. Findings per strategy"))
    labels = dict(Strategy.choices)
    header = [_("Strategy"), _("Score (0–100)"), _("Coverage (%)")]
    rows = [
        [labels[k], *_score_cells(card.by_strategy[k])]
        for k in Strategy.values
        if k in card.by_strategy
    ]
    r.table([header, *rows, [_("Overall"), *_score_cells(card.overall)]])
    r.story.append(Spacer(1, 6))
    zones = [[zone_label(z), *_score_cells(s)] for z, s in card.by_zone.items()]
    r.table([[_("Zone"), _("Score (0–100)"), _("Coverage (%)")], *zones])


def _rating_text(rating: Any, language: str) -> str:
    if rating.not_applicable:
        shown: Any = _("not applicable")
    elif rating.not_observable:
        shown = _("not observable")
    else:
        shown = rating.value
    note = f" — {rating.note}" if rating.note else ""
    return (
        f"{rating.item.code} ({rating.zone.display_name}) – "
        f"{rating.item.question_in(language)}: {shown}{note}"
    )


def _ratings(r: Report) -> None:
    ratings = r.assessment.ratings.select_related("item", "zone").prefetch_related("photos")
    for rating in ratings:
        r.para(_rating_text(rating, r.language))
        for photo in rating.photos.all():
            try:
                r.story.append(
                    Image(photo.image.path, width=6 * cm, height=4.5 * cm, kind="proportional")
                )
            except OSError:
                r.para(_("(photo missing)"))


def _site(location: dict[str, Any]) -> tuple[float, float] | None:
    if location.get("type") != "Point":
        return None
    lon, lat = location["coordinates"][:2]
    return float(lon), float(lat)


def _map(r: Report) -> None:
    location = r.project.location or {}
    zones = {z.name: z.display_name for z in r.assessment.zones.all()}
    data = SiteMapData(
        outline=rings_of(location),
        site=_site(location),
        points=selectors.located_ratings(r.assessment),
        labels={"site": str(_("site")), "north": str(_("N")), **zones},
    )
    box = frame(data)
    if box is None:
        return
    data.areas = selectors.areas_around(*box)
    r.para(_("Map of the site and rated points"), r.styles.h3)
    r.story.append(site_map(data))
    r.para(_("Grey outlines: the city's areas around the site; blue: the project."))


def _red_flags(r: Report, card: Any) -> None:
    r.heading(_("6. Red flags"))
    if not card.red_flags:
        r.para(_("No red flags."))
        return
    r.para(_("Non-compliant: a critical item is rated low, whatever the average."))
    for flag in card.red_flags:
        r.para(f"• {flag.item_code} ({zone_label(flag.zone)}): {flag.value}")


def _recommendation_row(rec: Recommendation, language: str) -> list[Any]:
    return [
        rec.text_in(language),
        rec.get_kind_display(),
        rec.get_priority_display(),
        rec.get_requirement_display(),
        rec.get_phase_display(),
        rec.department,
        _date(rec.due_date),
        rec.get_status_display(),
    ]


def _recommendations(r: Report, recs: list[Recommendation]) -> None:
    r.heading(_("7. Recommendations"))
    if not recs:
        r.para(_("No recommendations."))
        return
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
    quick = [rec for rec in recs if rec.quick_win]
    if quick:
        r.heading(_("Quick wins"))
        r.table([header, *[_recommendation_row(rec, r.language) for rec in quick]])
    r.heading(_("All recommendations, by priority"))
    r.table([header, *[_recommendation_row(rec, r.language) for rec in recs]])


def _closing(r: Report, recs: list[Recommendation]) -> None:
    a = r.assessment
    # 8. Management plan (VER Beheerplan); 9. follow-up; 10. sign-off.
    r.heading(_("8. Management and maintenance plan"))
    r.para(a.management_plan or "—")
    r.heading(_("9. Follow-up"))
    r.para(
        _("%(open)d of %(total)d recommendations are open; the project is in phase “%(phase)s”.")
        % {
            "open": sum(1 for rec in recs if rec.status == "open"),
            "total": len(recs),
            "phase": r.project.get_phase_display(),
        }
    )
    r.heading(_("10. Sign-off"))
    r.para(a.summary or "—")
    if a.completed_at:
        r.para(
            _("Signed off by %(name)s on %(date)s.")
            % {"name": a.signed_off_by, "date": _date(a.completed_at)}
        )
    else:
        r.para(_("Draft: this assessment has not been signed off."))


def assessment_pdf(assessment: Assessment, language: str) -> bytes:
    """The report of ``assessment`` in ``language`` (nl, fr or en), as PDF bytes."""
    with translation.override(language):
        r = Report(assessment, language)
        r.para(_("CPTED report: %(project)s") % {"project": r.project.name}, r.styles.h1)
        card = selectors.scorecard(assessment)
        recs = sorted(
            r.project.recommendations.select_related("department"),
            key=lambda rec: (PRIORITY_RANK.get(rec.priority, 3), rec.pk),
        )
        for section in (_project, _triage, _method, _context):
            section(r)
        _scores(r, card)
        _ratings(r)
        _map(r)
        _red_flags(r, card)
        _recommendations(r, recs)
        _closing(r, recs)
        buffer = io.BytesIO()
        SimpleDocTemplate(buffer, pagesize=A4, title=f"CPTED – {r.project.name}").build(r.story)
    return buffer.getvalue()
