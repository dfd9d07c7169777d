"""Open311 GeoReport v2 service attributes ("extra questions"), checked without Django.

Spec (GeoReport v2, GET Service Definition): each attribute has ``code``, ``datatype`` in
string/number/datetime/text/singlevaluelist/multivaluelist, ``required``, ``order``,
``description`` and, for lists, ``values`` of ``key``/``name``. A POST carries
``attribute[code]=value`` (multivaluelist: ``attribute[code][]=value``)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

DATATYPES = ("string", "number", "datetime", "text", "singlevaluelist", "multivaluelist")
MAX_STRING = 200
MAX_TEXT = 4000


@dataclass(frozen=True)
class Attribute:
    code: str
    datatype: str
    description: str
    required: bool = False
    order: int = 1
    values: tuple[tuple[str, str], ...] = ()  # (key, name)
    variable: bool = True
    datatype_description: str = ""
    names: Mapping[str, str] = field(default_factory=dict)  # description per language


def parse_definitions(raw: Sequence[Mapping[str, object]]) -> list[Attribute]:
    """Definitions as stored (JSON) → attributes, sorted by order; ValueError if malformed."""
    result = []
    for item in raw:
        datatype = str(item.get("datatype", ""))
        if datatype not in DATATYPES:
            raise ValueError(f"unknown datatype {datatype!r}")
        values = tuple((str(v["key"]), str(v["name"])) for v in item.get("values", []) or [])  # type: ignore[attr-defined]
        if datatype.endswith("valuelist") and not values:
            raise ValueError(f"list attribute {item.get('code')!r} has no values")
        result.append(
            Attribute(
                code=str(item["code"]),
                datatype=datatype,
                description=str(item.get("description", "")),
                required=bool(item.get("required", False)),
                order=int(item.get("order", 1)),  # type: ignore[call-overload]
                values=values,
                variable=bool(item.get("variable", True)),
                datatype_description=str(item.get("datatype_description", "")),
                names=dict(item.get("names", {}) or {}),  # type: ignore[call-overload]
            )
        )
    return sorted(result, key=lambda a: (a.order, a.code))


def _check_one(attribute: Attribute, values: list[str]) -> tuple[object, str]:
    keys = {key for key, _ in attribute.values}
    if attribute.datatype == "multivaluelist":
        unknown = [v for v in values if v not in keys]
        return (values, "unknown_value") if unknown else (values, "")
    if len(values) > 1:
        return values, "one_value"
    value = values[0]
    if attribute.datatype == "singlevaluelist":
        return value, "" if value in keys else "unknown_value"
    if attribute.datatype == "number":
        try:
            number = float(value)
        except ValueError:
            return value, "not_a_number"
        return (number, "") if math.isfinite(number) else (value, "not_a_number")
    if attribute.datatype == "datetime":
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value, "not_a_datetime"
        return parsed.isoformat(), ""
    limit = MAX_STRING if attribute.datatype == "string" else MAX_TEXT
    return (value, "") if len(value) <= limit else (value, "too_long")


def check_answers(
    definitions: Sequence[Attribute], answers: Mapping[str, list[str]]
) -> tuple[dict[str, object], dict[str, str]]:
    """Clean answers by code and per-code error codes (``required``, ``unknown_value``,
    ``one_value``, ``not_a_number``, ``not_a_datetime``, ``too_long``). Answers to codes not
    defined are ignored (open311-adapter endpoint.t: unknown attributes are allowed)."""
    cleaned: dict[str, object] = {}
    errors: dict[str, str] = {}
    for attribute in definitions:
        if not attribute.variable:
            continue
        values = [v.strip() for v in answers.get(attribute.code, []) if v and v.strip()]
        if not values:
            if attribute.required:
                errors[attribute.code] = "required"
            continue
        value, error = _check_one(attribute, values)
        if error:
            errors[attribute.code] = error
        else:
            cleaned[attribute.code] = value
    return cleaned, errors
