from django.urls import path

from urbis.cpted.api import views

urlpatterns = [
    path("projects/", views.ProjectList.as_view(), name="api-cpted-projects"),
    path("projects/<int:project_id>/", views.ProjectDetail.as_view(), name="api-cpted-project"),
    path(
        "projects/<int:project_id>/triage/",
        views.ProjectTriage.as_view(),
        name="api-cpted-triage",
    ),
    path("projects/<int:project_id>/phase/", views.ProjectPhase.as_view(), name="api-cpted-phase"),
    path("flow/", views.FlowView.as_view(), name="api-cpted-flow"),
    path("checklists/", views.ChecklistTemplates.as_view(), name="api-cpted-checklists"),
    path("assessments/", views.AssessmentList.as_view(), name="api-cpted-assessments"),
    path(
        "assessments/<int:assessment_id>/ratings/",
        views.AssessmentRatings.as_view(),
        name="api-cpted-ratings",
    ),
    path("recommendations/", views.RecommendationList.as_view(), name="api-cpted-recommendations"),
    path(
        "recommendations/<int:recommendation_id>/",
        views.RecommendationDetail.as_view(),
        name="api-cpted-recommendation",
    ),
    path(
        "recommendations/<int:recommendation_id>/status/",
        views.RecommendationStatusView.as_view(),
        name="api-cpted-recommendation-status",
    ),
]
