from django.urls import path

from urbis.casework.api import views

urlpatterns = [
    path("cases/", views.CaseList.as_view(), name="api-casework-cases"),
    path("cases/<int:case_id>/", views.CaseDetail.as_view(), name="api-casework-case"),
    path(
        "cases/<int:case_id>/participants/",
        views.ParticipantList.as_view(),
        name="api-casework-participants",
    ),
    path(
        "cases/<int:case_id>/disclosures/",
        views.DisclosureList.as_view(),
        name="api-casework-disclosures",
    ),
    path("cases/<int:case_id>/sheets/", views.SheetList.as_view(), name="api-casework-sheets"),
    path(
        "cases/<int:case_id>/sheets/<int:sheet_id>/consent/",
        views.SheetConsent.as_view(),
        name="api-casework-sheet-consent",
    ),
    path(
        "cases/<int:case_id>/sheets/<int:sheet_id>/issue/",
        views.SheetIssue.as_view(),
        name="api-casework-sheet-issue",
    ),
    path("indicators/", views.Indicators.as_view(), name="api-casework-indicators"),
]
