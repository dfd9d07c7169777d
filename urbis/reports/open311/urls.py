from django.urls import path, re_path, register_converter

from urbis.reports.open311 import views


class FormatConverter:
    """GeoReport v2 chooses the format by the extension: .xml (required) or .json."""

    regex = "xml|json"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "open311_format")

app_name = "open311"

urlpatterns = [
    path("discovery.<open311_format:fmt>", views.discovery, name="discovery"),
    path("services.<open311_format:fmt>", views.service_list, name="services"),
    path("services/<slug:code>.<open311_format:fmt>", views.service_definition, name="service"),
    path("requests.<open311_format:fmt>", views.requests_view, name="requests"),
    path("requests/<str:pk>.<open311_format:fmt>", views.request_detail, name="request"),
    path("tokens/<str:token>.<open311_format:fmt>", views.token_detail, name="token"),
    path(
        "servicerequestupdates.<open311_format:fmt>", views.service_request_updates, name="updates"
    ),
    re_path(r"^(?P<rest>.*)$", views.bad_format, name="bad_format"),
]
