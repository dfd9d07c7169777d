"""Discovery and the service list and definitions (GeoReport v2 "services")."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from urbis.core.permissions import public_view
from urbis.reports import conf
from urbis.reports.models import Category, CategoryVersion
from urbis.reports.open311.render import Node, errors, render
from urbis.reports.open311.views.common import (
    PUBLIC,
    SPEC_URL,
    _jurisdiction,
    _language,
)
from urbis.reports.rules import attributes as attribute_rules


def _live_categories() -> Any:
    return (
        Category.objects.filter(active=True, current__isnull=False, current__is_public=True)
        .select_related("current", "current__team")
        .order_by("order", "code")
    )


def _service(category: Category) -> Node:
    version: CategoryVersion = category.current  # type: ignore[assignment]
    return Node(
        "service",
        [
            ("service_code", category.code),
            ("service_name", version.name),
            ("description", version.description or version.name),
            ("metadata", bool(version.attributes)),
            ("type", str(conf.get("URBIS_REPORTS_OPEN311_TYPE"))),
            ("keywords", version.keywords),
            ("group", version.group),
        ],
    )


def _attribute(attribute: attribute_rules.Attribute) -> Node:
    fields: list[tuple[str, Any]] = [
        ("variable", attribute.variable),
        ("code", attribute.code),
        ("datatype", attribute.datatype),
        ("required", attribute.required),
        ("datatype_description", attribute.datatype_description or None),
        ("order", attribute.order),
        ("description", attribute.names.get(_language()) or attribute.description),
    ]
    if attribute.values:
        fields.append(
            (
                "values",
                [("value", Node("value", [("key", k), ("name", n)])) for k, n in attribute.values],
            )
        )
    return Node("attribute", fields)


@public_view(PUBLIC)
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri("/open311/v2/").rstrip("/")
    endpoint = Node(
        "endpoint",
        [
            ("specification", SPEC_URL),
            ("url", base),
            ("changeset", "2026-12-01T00:00:00+01:00"),
            ("type", "production"),
            ("formats", [("format", "text/xml"), ("format", "application/json")]),
        ],
    )
    node = Node(
        "discovery",
        [
            ("changeset", "2026-12-01T00:00:00+01:00"),
            ("contact", _("The city's public-space service (reports desk).")),
            ("key_service", _("Partner applications ask the city for an API key.")),
            ("endpoints", [("endpoint", endpoint)]),
        ],
    )
    return render("discovery", node, fmt)


@public_view(PUBLIC)
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    refused = _jurisdiction(request, fmt)
    if refused:
        return refused
    return render("services", [("service", _service(c)) for c in _live_categories()], fmt)


@public_view(PUBLIC)
def service_definition(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    refused = _jurisdiction(request, fmt)
    if refused:
        return refused
    category = _live_categories().filter(code=code).first()
    if category is None or category.current is None:
        return errors(fmt, 404, [(404, _("service_code %(c)s was not found.") % {"c": code[:40]})])
    definitions = attribute_rules.parse_definitions(category.current.attributes)
    node = Node(
        "service_definition",
        [
            ("service_code", category.code),
            ("attributes", [("attribute", _attribute(a)) for a in definitions]),
        ],
    )
    return render("service_definition", node, fmt)
