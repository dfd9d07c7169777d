from django.urls import path

from urbis.core.gdpr.api import views

urlpatterns = [
    path("records/", views.Records.as_view(), name="api-gdpr-records"),
    path("subject-access/", views.SubjectAccess.as_view(), name="api-gdpr-subject-access"),
    path("access-log/", views.AccessLog.as_view(), name="api-gdpr-access-log"),
    path("retention/", views.Retention.as_view(), name="api-gdpr-retention"),
]
