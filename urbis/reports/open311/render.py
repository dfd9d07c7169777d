"""GeoReport v2 output in XML (required) and JSON (the Spark mapping of the same XML).

Each response is built once as a tree of (element name, value) and rendered to both formats,
so XML and JSON cannot drift apart (the spec: "JSON support is based on a programmatic mapping
of the XML format"). XML: UTF-8 with the declaration, no namespace; JSON: bare arrays as in
the spec's examples."""

from __future__ import annotations

import json
import re
from typing import Any
from xml.sax.saxutils import escape

from django.http import HttpResponse

CONTENT_TYPES = {"xml": "text/xml; charset=utf-8", "json": "application/json; charset=utf-8"}


# XML 1.0 §2.2: characters outside Char are not allowed even escaped (a vertical tab pasted by
# staff into a status text would make every list unreadable); removed from both formats alike.
_NOT_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _text(value: str) -> str:
    return _NOT_XML_CHAR.sub("", value)


class Node:
    """An XML element with ordered children; ``many`` marks a list (one JSON array)."""

    def __init__(self, name: str, fields: list[tuple[str, Any]], *, child: str = "") -> None:
        self.name = name
        self.fields = fields
        self.child = child


def _xml_value(value: Any) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return escape(_text(str(value)))


def _xml(name: str, value: Any, out: list[str]) -> None:
    if isinstance(value, Node):
        out.append(f"<{name}>")
        for child_name, child_value in value.fields:
            _xml(child_name, child_value, out)
        out.append(f"</{name}>")
    elif isinstance(value, list):
        out.append(f"<{name}>")
        for item in value:
            item_name, item_value = item
            _xml(item_name, item_value, out)
        out.append(f"</{name}>")
    elif value is None or value == "":
        out.append(f"<{name}/>")
    else:
        out.append(f"<{name}>{_xml_value(value)}</{name}>")


def _json(value: Any) -> Any:
    if isinstance(value, Node):
        return {name: _json(child) for name, child in value.fields}
    if isinstance(value, list):
        return [_json(item_value) for _item_name, item_value in value]
    if isinstance(value, str):
        return _text(value)
    return value


def render(root: str, value: Any, fmt: str, *, status: int = 200) -> HttpResponse:
    """``value`` is a list of (element, Node-or-scalar) for list roots, or a Node."""
    if fmt == "json":
        body = json.dumps(_json(value), ensure_ascii=False)
    else:
        parts: list[str] = ['<?xml version="1.0" encoding="utf-8"?>']
        _xml(root, value, parts)
        body = "".join(parts)
    return HttpResponse(body.encode(), status=status, content_type=CONTENT_TYPES[fmt])


def errors(fmt: str, status: int, problems: list[tuple[int, str]]) -> HttpResponse:
    """The spec's error format: ``<errors><error><code/><description/></error></errors>``,
    JSON ``[{"code": 403, "description": "..."}]``; the HTTP status is the first code's class."""
    items = [
        ("error", Node("error", [("code", code), ("description", text)])) for code, text in problems
    ]
    return render("errors", items, fmt, status=status)
