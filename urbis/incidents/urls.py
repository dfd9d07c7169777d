from django.urls import path

from urbis.incidents import views

app_name = "incidents"

urlpatterns = [
    path("", views.workbench, name="workbench"),
]
