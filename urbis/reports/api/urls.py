from django.urls import URLPattern

app_name = "reports-api"
urlpatterns: list[URLPattern] = []
