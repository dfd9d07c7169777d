from django.urls import path

from urbis.cpted.views import assessment, checklists, projects, ratings, triage

app_name = "cpted"

urlpatterns = [
    path("", projects.project_list, name="projects"),
    path("new/", projects.project_create, name="project_create"),
    path("import/", projects.project_import, name="import"),
    path("flow/", triage.flow, name="flow"),
    path("map/", projects.project_map, name="map"),
    path("map.geojson", projects.projects_geojson, name="geojson"),
    path("dashboard/", triage.dashboard, name="dashboard"),
    path("checklists/", checklists.checklists, name="checklists"),
    path(
        "checklists/<int:template_id>.<str:fmt>",
        checklists.checklist_download,
        name="checklist_download",
    ),
    path("<int:project_id>/", projects.project_detail, name="project"),
    path("<int:project_id>/location.geojson", projects.project_geojson, name="project_geojson"),
    path("<int:project_id>/edit/", projects.project_edit, name="project_edit"),
    path("<int:project_id>/phase/", projects.project_phase, name="project_phase"),
    path("<int:project_id>/triage/", triage.triage, name="triage"),
    path("<int:project_id>/assess/", assessment.assessment_start, name="assessment_start"),
    path(
        "<int:project_id>/recommendations/",
        projects.recommendation_add,
        name="recommendation_add",
    ),
    path(
        "recommendations/<int:recommendation_id>/status/",
        projects.recommendation_status,
        name="recommendation_status",
    ),
    path("assessments/<int:assessment_id>/", assessment.assessment_detail, name="assessment"),
    path(
        "assessments/<int:assessment_id>/report/<str:language>.pdf",
        assessment.report,
        name="report",
    ),
    path(
        "assessments/<int:assessment_id>/zones/<int:zone_id>/",
        ratings.zone_checklist,
        name="zone_checklist",
    ),
    path("photos/<int:photo_id>/", assessment.photo, name="photo"),
]
