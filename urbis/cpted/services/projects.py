"""Writes on investment projects: register, edit, move to another phase, import a list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from shapely.geometry import shape

from urbis.core.audit import record_event
from urbis.core.geo import parse_polygon, validate_lat_lon
from urbis.core.models import Organisation, User
from urbis.core.tabular import Table
from urbis.core.types import Actor, actor_user
from urbis.cpted import advice, selectors
from urbis.cpted.models import (
    Assessment,
    AssessmentStatus,
    InvestmentProject,
    Outcome,
    Phase,
    PhaseChange,
    ProjectType,
    RecommendationChange,
)
from urbis.cpted.models.projects import PHASE_ORDER

EDITABLE_FIELDS = (
    "name",
    "department",
    "project_leader",
    "project_type",
    "description",
    "budget",
    "dwellings",
    "floor_area",
    "parking_spaces",
    "night_time_uses",
    "licensed_uses",
    "vulnerable_users",
    "preliminary_design_end",
    "final_design_approval",
    "execution_start",
    "management_start",
)


def location_centre(location: Any) -> tuple[float, float] | None:
    """Validate a GeoJSON Point or (Multi)Polygon (WGS84) and return its centre (lat, lon)."""
    if location in (None, "", {}):
        return None
    if isinstance(location, dict) and location.get("type") == "Feature":
        location = location.get("geometry")
    if isinstance(location, dict) and location.get("type") == "Point":
        try:
            lon, lat = (float(c) for c in location["coordinates"][:2])
        except (KeyError, TypeError, ValueError):
            raise ValidationError(_("A point needs coordinates [lon, lat].")) from None
        validate_lat_lon(lat, lon)
        return lat, lon
    centroid = parse_polygon(location).centroid
    return centroid.y, centroid.x


def _set_location(project: InvestmentProject, location: Any) -> None:
    try:
        centre = location_centre(location)
    except ValidationError as error:
        raise ValidationError({"location": error.messages}) from None
    if isinstance(location, dict) and location.get("type") == "Feature":
        location = location.get("geometry")
    project.location = shape(location).__geo_interface__ if centre else None
    project.lat, project.lon = centre if centre else (None, None)


def project_create(
    *,
    actor: Actor,
    name: str,
    department: Organisation,
    project_leader: User,
    project_type: str,
    location: Any = None,
    phase: str = Phase.IDEA,
    **fields: Any,
) -> InvestmentProject:
    """Register an investment project; its first phase is written to the phase history."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    project = InvestmentProject(
        name=name,
        department=department,
        project_leader=project_leader,
        project_type=project_type,
        phase=phase,
        created_by=actor_user(actor),
        **fields,
    )
    _set_location(project, location)
    project.full_clean()
    with transaction.atomic():
        project.save()
        PhaseChange.objects.create(
            project=project, to_phase=phase, at=timezone.now(), actor=project.created_by
        )
        record_event(
            actor=actor, action="cpted.project_created", target=project, data={"type": project_type}
        )
    return project


def project_update(
    *, actor: Actor, project: InvestmentProject, location: Any = ..., **fields: Any
) -> InvestmentProject:
    """Edit a project's data (not its phase: see :func:`project_set_phase`)."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = InvestmentProject.objects.select_for_update().get(pk=project.pk)
        changed = sorted(k for k, v in fields.items() if getattr(locked, k) != v)
        for key, value in fields.items():
            setattr(locked, key, value)
        if location is not ...:
            _set_location(locked, location)
            changed.append("location")
        locked.full_clean()
        locked.save()
        record_event(
            actor=actor, action="cpted.project_updated", target=locked, data={"fields": changed}
        )
    return locked


def project_set_phase(*, actor: Actor, project: InvestmentProject, phase: str) -> InvestmentProject:
    """Move a project to another phase.

    Leaving the final design (to execution or management) is the final design approval: it is
    refused while mandatory advice is open (Overlasttoets, domain/cpted.md §1.1: the advice on
    the definitief ontwerp goes to the college before approval; §5.4 "advies verplicht te
    behandelen"). Open and accepted advice of the old phase is carried to the new phase.
    """
    if phase not in PHASE_ORDER:
        raise ValidationError({"phase": _("Unknown phase.")})
    with transaction.atomic():
        locked = InvestmentProject.objects.select_for_update().get(pk=project.pk)
        old = locked.phase
        if phase == old:
            raise ValidationError({"phase": _("The project is already in this phase.")})
        final = PHASE_ORDER.index(Phase.FINAL_DESIGN)
        # Every move from the final design or earlier to a later phase is an approval of the
        # final design, also after the project went back a phase (then the gate runs again).
        approves = PHASE_ORDER.index(old) <= final < PHASE_ORDER.index(phase)
        if approves:
            _final_design_gate(locked)
            locked.final_design_approved_at = timezone.now()
        elif PHASE_ORDER.index(phase) <= final:
            locked.final_design_approved_at = None  # back in design: approval to be given again
        now = timezone.now()
        locked.phase = phase
        locked.save(update_fields=["phase", "final_design_approved_at"])
        PhaseChange.objects.create(
            project=locked, from_phase=old, to_phase=phase, at=now, actor=_user(actor)
        )
        carried = _carry_advice(locked, old, phase, actor, now)
        record_event(
            actor=actor,
            action="cpted.project_phase_changed",
            target=locked,
            data={
                "from": old,
                "to": phase,
                "final_design_approved": approves,
                "carried": carried,
            },
        )
    return locked


def _final_design_gate(project: InvestmentProject) -> None:
    """Refuse the final design approval while the CPTED check is not done with (domain §5.4):
    open mandatory advice, a check still in progress with red flags, or a triage that asked for
    a full or specialist check and no completed assessment."""
    blocking = selectors.open_mandatory_advice(project)
    if blocking:
        raise ValidationError(
            {
                "phase": _(
                    "The final design cannot be approved while %(count)d mandatory "
                    "recommendation(s) are open: %(list)s"
                )
                % {
                    "count": len(blocking),
                    "list": "; ".join(r.text_in(get_language())[:60] for r in blocking),
                }
            }
        )
    drafts = Assessment.objects.filter(project=project, status=AssessmentStatus.DRAFT)
    if any(selectors.scorecard(draft).red_flags for draft in drafts):
        raise ValidationError(
            {"phase": _("A check in progress has red flags: complete it before the approval.")}
        )
    triage = project.triages.first()  # the latest decision
    if (
        triage is not None
        and triage.outcome in (Outcome.FULL_CHECK, Outcome.SPECIALIST)
        and not Assessment.objects.filter(
            project=project, status=AssessmentStatus.COMPLETED
        ).exists()
    ):
        raise ValidationError(
            {"phase": _("The triage asked for a CPTED check: complete it before the approval.")}
        )


def _user(actor: Actor) -> Any:
    return actor_user(actor)


def _carry_advice(
    project: InvestmentProject, old: str, new: str, actor: Actor, now: Any
) -> list[int]:
    """Carry advice still open or accepted in earlier phases to the new phase (VER is cyclical,
    re-run at each plan phase: domain/cpted.md §1.3)."""
    if PHASE_ORDER.index(new) < PHASE_ORDER.index(old):
        return []
    earlier = PHASE_ORDER[: PHASE_ORDER.index(new)]
    carried = []
    for rec in project.recommendations.select_for_update().filter(
        status__in=advice.CARRIED, phase__in=earlier
    ):
        RecommendationChange.objects.create(
            recommendation=rec,
            from_status=rec.status,
            to_status=rec.status,
            from_phase=rec.phase,
            to_phase=new,
            at=now,
            actor=_user(actor),
        )
        rec.phase = new
        rec.save(update_fields=["phase"])
        carried.append(rec.pk)
    return carried


# --- import ---------------------------------------------------------------------------------

IMPORT_COLUMNS = (
    "name",
    "department",
    "project_leader",
    "type",
    "lat",
    "lon",
    "budget",
    "dwellings",
    "floor_area",
    "parking_spaces",
    "night_time_uses",
    "licensed_uses",
    "vulnerable_users",
    "phase",
    "description",
    "geojson",
    "preliminary_design_end",
    "final_design_approval",
    "execution_start",
    "management_start",
)
PLANNED_DATES = (
    "preliminary_design_end",
    "final_design_approval",
    "execution_start",
    "management_start",
)
TRUE = {"1", "true", "yes", "ja", "oui", "y", "x"}


@dataclass
class ImportReport:
    created: list[tuple[int, str]] = field(default_factory=list)  # (row, project name)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row, message)

    @property
    def ok(self) -> bool:
        return not self.errors


def _decimal(value: Any, column: str) -> Decimal:
    try:
        number = Decimal(str(value or 0).replace(",", "."))
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise ValidationError({column: _("not a number: %(value)s") % {"value": value}})
    return number


def _date(value: Any, column: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(
            {column: _("not a date (YYYY-MM-DD): %(value)s") % {"value": value}}
        ) from None


def _row_fields(row: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    department = Organisation.objects.filter(short_name__iexact=str(row.get("department", "")))
    department = department or Organisation.objects.filter(
        name__iexact=str(row.get("department", ""))
    )
    if not department:
        errors["department"] = [_("unknown department %(v)s") % {"v": row.get("department")}]
    leader = User.objects.filter(username=str(row.get("project_leader", "")).strip()).first()
    if leader is None:
        errors["project_leader"] = [_("unknown user %(v)s") % {"v": row.get("project_leader")}]
    kind = str(row.get("type", "")).strip()
    if kind not in ProjectType.values:
        errors["type"] = [_("unknown project type %(v)s") % {"v": kind}]
    phase = str(row.get("phase") or Phase.IDEA).strip()
    if phase not in Phase.values:
        errors["phase"] = [_("unknown phase %(v)s") % {"v": phase}]
    unknown = sorted(k for k in row if k and k not in IMPORT_COLUMNS)
    if unknown:
        errors["columns"] = [_("unknown column(s): %(c)s") % {"c": ", ".join(unknown)}]
    if errors:
        raise ValidationError(errors)
    location = None
    if row.get("geojson") not in (None, ""):
        import json

        try:
            location = json.loads(str(row["geojson"]))
        except ValueError:
            raise ValidationError({"geojson": _("not valid GeoJSON")}) from None
    elif row.get("lat") not in (None, "") and row.get("lon") not in (None, ""):
        lat, lon = _decimal(row["lat"], "lat"), _decimal(row["lon"], "lon")
        location = {"type": "Point", "coordinates": [float(lon), float(lat)]}
    return {
        "name": str(row.get("name") or "").strip(),
        "department": department.first(),
        "project_leader": leader,
        "project_type": kind,
        "phase": phase,
        "location": location,
        "budget": _decimal(row.get("budget"), "budget"),
        "dwellings": int(_decimal(row.get("dwellings"), "dwellings")),
        "floor_area": _decimal(row.get("floor_area"), "floor_area"),
        "parking_spaces": int(_decimal(row.get("parking_spaces"), "parking_spaces")),
        "night_time_uses": str(row.get("night_time_uses") or "").lower() in TRUE,
        "licensed_uses": str(row.get("licensed_uses") or "").lower() in TRUE,
        "vulnerable_users": str(row.get("vulnerable_users") or "").lower() in TRUE,
        "description": str(row.get("description") or "").strip(),
        **{
            column: _date(row.get(column), column)
            for column in PLANNED_DATES
            if row.get(column) not in (None, "")
        },
    }


def projects_import(
    *, actor: Actor, rows: Table | Iterable[dict[str, Any]], commit: bool = False
) -> ImportReport:
    """Check every row and report per row; only when ``commit`` and every row is valid are the
    projects created (all or nothing: never half a list). ``rows`` is the ``Table`` of
    ``urbis.core.tabular.read_table`` (its rows keep their line in the file, the rows the
    reader refused are reported too) or plain dictionaries (line = position + 1)."""
    report = ImportReport()
    numbered: Iterable[tuple[int, dict[str, Any]]]
    if isinstance(rows, Table):
        report.errors += [(r.line, r.reason) for r in rows.rejected]
        numbered = [(r.line, dict(r.values)) for r in rows.rows]
    else:
        numbered = enumerate(rows, start=2)  # row 1 is the header
    with transaction.atomic():
        for number, row in numbered:
            try:
                with transaction.atomic():
                    project = project_create(actor=actor, **_row_fields(row))
                report.created.append((number, project.name))
            except ValidationError as error:
                messages = (
                    [f"{k}: {'; '.join(v)}" for k, v in error.message_dict.items()]
                    if hasattr(error, "error_dict")
                    else error.messages
                )
                report.errors.append((number, " | ".join(messages)))
        report.errors.sort()
        if not commit or report.errors:
            transaction.set_rollback(True)
        else:
            record_event(
                actor=actor,
                action="cpted.projects_imported",
                target=("cpted.investmentproject", "import"),
                data={"count": len(report.created)},
            )
    return report
