"""GeoReport v2 endpoints at /open311/v2/ (spec: open311.github.io GeoReport_v2/index.md).

Public on purpose: the spec's read methods need no key; POST needs a partner's ``api_key``.
Thin glue: parse the spec's arguments, call one selector or service, render XML or JSON. One
module per part of the spec."""

from urbis.reports.open311.views.catalogue import discovery, service_definition, service_list
from urbis.reports.open311.views.requests import request_detail, requests_view, token_detail
from urbis.reports.open311.views.updates import bad_format, service_request_updates

__all__ = [
    "bad_format",
    "discovery",
    "request_detail",
    "requests_view",
    "service_definition",
    "service_list",
    "service_request_updates",
    "token_detail",
]
