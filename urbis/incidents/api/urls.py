from django.urls import path

from urbis.incidents.api import views

urlpatterns = [
    path("", views.IncidentList.as_view(), name="api-incidents"),
    path("<int:pk>/", views.IncidentDetail.as_view(), name="api-incident"),
    path("import/", views.ImportCreate.as_view(), name="api-incidents-import"),
    path("import/<int:pk>/", views.ImportDetail.as_view(), name="api-incidents-import-run"),
    path("layers/<str:kind>/", views.LayerView.as_view(), name="api-incidents-layer"),
    path("near-repeat/", views.NearRepeatList.as_view(), name="api-incidents-near-repeat"),
    path("cocoon-watch/", views.CocoonList.as_view(), name="api-incidents-cocoon"),
    path("cocoon-watch/<int:pk>/", views.CocoonDetail.as_view(), name="api-incidents-cocoon-watch"),
    path(
        "cocoon-watch/<int:pk>/letters-sent/",
        views.CocoonLettersSent.as_view(),
        name="api-incidents-cocoon-sent",
    ),
    path("area-counts/", views.AreaCounts.as_view(), name="api-incidents-area-counts"),
]
