from django.urls import path

from urbis.reports.views import public

app_name = "report"

urlpatterns = [
    path("", public.categories, name="categories"),
    path("new/<slug:code>/", public.new_report, name="new"),
    path("public/", public.public_list, name="public_list"),
    path("public.geojson", public.public_geojson, name="public_geojson"),
    path("nearby.json", public.nearby_json, name="nearby"),
    path("accessibility/", public.accessibility, name="accessibility"),
    path("join/<int:pk>/", public.join, name="join"),
    path("<str:token>/", public.follow, name="follow"),
    path("<str:token>/info/", public.add_info, name="add_info"),
    path("<str:token>/reopen/", public.reopen, name="reopen"),
    path("<str:token>/feedback/", public.feedback, name="feedback"),
]
