from django.urls import path

from urbis.core.api import views

urlpatterns = [
    path("me/", views.MeView.as_view(), name="api-me"),
    path("organisations/", views.OrganisationList.as_view(), name="api-organisations"),
    path("areas/", views.AreaList.as_view(), name="api-areas"),
    path("areas/at/", views.AreaAtPoint.as_view(), name="api-area-at"),
]
