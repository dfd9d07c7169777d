"""Writes of the CPTED module: each service is atomic and records its audit event."""

from urbis.cpted.seed import default_flow_document
from urbis.cpted.services.assessment import (
    assessment_complete,
    assessment_start,
    visit_record,
    zone_add,
)
from urbis.cpted.services.checklists import (
    checklist_document,
    checklist_dump,
    checklist_parse,
    checklist_upload,
    checklist_validate,
)
from urbis.cpted.services.defaults import checklist_default, cpted_defaults_install
from urbis.cpted.services.projects import (
    ImportReport,
    project_create,
    project_set_phase,
    project_update,
    projects_import,
)
from urbis.cpted.services.ratings import (
    RatingEntry,
    ZoneRatingsError,
    photo_add,
    rating_record,
    zone_ratings_record,
)
from urbis.cpted.services.recommendations import (
    recommendation_create,
    recommendation_set_status,
)
from urbis.cpted.services.triage import (
    flow_save,
    parse_flow_text,
    triage_record,
)

__all__ = [
    "ImportReport",
    "RatingEntry",
    "ZoneRatingsError",
    "assessment_complete",
    "assessment_start",
    "checklist_default",
    "checklist_document",
    "checklist_dump",
    "checklist_parse",
    "checklist_upload",
    "checklist_validate",
    "cpted_defaults_install",
    "default_flow_document",
    "flow_save",
    "parse_flow_text",
    "photo_add",
    "project_create",
    "project_set_phase",
    "project_update",
    "projects_import",
    "rating_record",
    "recommendation_create",
    "recommendation_set_status",
    "triage_record",
    "visit_record",
    "zone_add",
    "zone_ratings_record",
]
