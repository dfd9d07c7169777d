from django.urls import path

from urbis.reports.views import desk, field, staff

app_name = "reports"

urlpatterns = [
    path("", staff.worklist, name="worklist"),
    path("filters/save/", staff.save_filter, name="save_filter"),
    path("map.geojson", staff.staff_geojson, name="geojson"),
    path("indicators/", staff.indicators, name="indicators"),
    path("desk/", desk.desk, name="desk"),
    path("field/", field.field_worklist, name="field"),
    path("speeding/", field.speeding, name="speeding"),
    path("photos/<int:photo_id>/", staff.photo, name="photo"),
    path("<int:pk>/", staff.report_page, name="report"),
    path("<int:pk>/status/", staff.transition, name="transition"),
    path("<int:pk>/assign/", staff.assign, name="assign"),
    path("<int:pk>/visit/", field.visit, name="visit"),
    path("<int:pk>/gas/", field.to_gas, name="to_gas"),
]
