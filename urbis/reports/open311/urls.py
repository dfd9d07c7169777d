from django.urls import re_path

from urbis.reports.open311 import views

app_name = "open311"

FMT = r"\.(?P<fmt>xml|json)$"

urlpatterns = [
    re_path(r"^discovery" + FMT, views.discovery, name="discovery"),
    re_path(r"^services" + FMT, views.service_list, name="services"),
    re_path(r"^services/(?P<code>[\w-]{1,40})" + FMT, views.service_definition, name="service"),
    re_path(r"^requests" + FMT, views.requests_view, name="requests"),
    re_path(r"^requests/(?P<pk>[^/.]{1,40})" + FMT, views.request_detail, name="request"),
    re_path(r"^tokens/(?P<token>[^/.]{1,64})" + FMT, views.token_detail, name="token"),
    re_path(r"^servicerequestupdates" + FMT, views.service_request_updates, name="updates"),
    re_path(r"^(?P<rest>.*)$", views.bad_format, name="bad_format"),
]
