from django.urls import path

from urbis.incidents import views

app_name = "incidents"

urlpatterns = [
    path("", views.workbench, name="workbench"),
    path("layers/<str:kind>.<str:fmt>", views.layer, name="layer"),
    path("charts/<str:kind>.<str:fmt>", views.chart, name="chart"),
    path("knox/run/", views.knox_start, name="knox_start"),
    path("knox/jobs/<int:pk>/", views.knox_job, name="knox_job"),
    path("knox/jobs/<int:pk>/status/", views.knox_job_status, name="knox_job_status"),
    path("knox/<int:pk>/", views.knox_detail, name="knox_detail"),
    path("knox/<int:pk>.<str:fmt>", views.knox_download, name="knox_download"),
    path("import/", views.import_page, name="import"),
    path("import/<int:pk>/", views.import_run, name="import_run"),
    path("import/<int:pk>/status/", views.import_status, name="import_status"),
    path("addresses/", views.addresses_page, name="addresses"),
    path("record/", views.record, name="record"),
    path("cocoon/", views.cocoon_list, name="cocoon_list"),
    path("cocoon/<int:pk>/", views.cocoon_detail, name="cocoon_detail"),
    path("cocoon/<int:pk>/zone.geojson", views.cocoon_zone, name="cocoon_zone"),
    path("cocoon/<int:pk>/letter-<str:language>.pdf", views.cocoon_letter, name="cocoon_letter"),
    path("cocoon/<int:pk>/sent/", views.cocoon_sent, name="cocoon_sent"),
    path("evaluation/", views.evaluation, name="evaluation"),
    path("forecast/use/", views.forecast_use, name="forecast_use"),
]
