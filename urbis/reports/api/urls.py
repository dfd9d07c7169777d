from django.urls import path

from urbis.reports.api import views

urlpatterns = [
    path("", views.ReportList.as_view(), name="api-reports"),
    path("<int:pk>/", views.ReportDetail.as_view(), name="api-report"),
    path("<int:pk>/status/", views.ReportTransition.as_view(), name="api-report-status"),
    path("<int:pk>/assign/", views.ReportAssign.as_view(), name="api-report-assign"),
]
