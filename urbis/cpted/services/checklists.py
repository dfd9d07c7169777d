"""Checklist templates as documents: upload a new version (YAML or JSON) and download one.

Document shape (the same for upload and download)::

    code: iso22341
    version: 2026-2
    name: {en: CPTED check (ISO 22341 strategies), nl: ..., fr: ...}   # or one string
    items:
      - code: NS-01
        strategy: natural_surveillance        # one of the ten ISO 22341:2021 §5.2 strategies
        question: {en: ..., nl: ..., fr: ...}  # or one string (English)
        guidance: {en: ..., nl: ..., fr: ...}  # optional
        evidence: [plan_review, site_visit]    # optional
        time_of_day: both                      # day | night | both (default both)
        scale: five_point                      # five_point | yes_no_unobservable | zero_to_three
        critical: true                         # a low rating is a red flag (domain §5.4)
        weight: 2                              # positive, at most 99.99 (default 1)
        source: ISO 22341:2021 5.2             # optional

A missing Dutch or French text shows the English one. Templates are versioned: an upload adds
a version (code + version must be new) and never edits one that assessments may use.
"""

from __future__ import annotations

import contextlib
import json
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.core.types import Actor
from urbis.cpted.models import ChecklistItem, ChecklistTemplate, RatingScale, Strategy, TimeOfDay
from urbis.cpted.texts import LANGUAGES

MAX_BYTES = 512 * 1024
TEXT_FIELDS = ("question", "guidance")


def checklist_parse(text: str) -> Any:
    """Parse an uploaded template document: JSON or YAML (YAML is a superset of JSON)."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ValidationError(
            {"document": _("Not valid YAML or JSON: %(e)s") % {"e": error}}
        ) from None


def _text(value: Any, label: str, *, required: bool) -> tuple[dict[str, str], list[str]]:
    """A multilingual text → {en, nl, fr} (missing languages empty) and its problems."""
    if value in (None, ""):
        return {}, ([_("%(field)s is required.") % {"field": label}] if required else [])
    if isinstance(value, str):
        return {"en": value.strip()}, []
    if not isinstance(value, dict):
        return {}, [
            _("%(field)s must be a text or an object with en, nl and fr.") % {"field": label}
        ]
    problems = []
    unknown = sorted(str(k) for k in value if k not in LANGUAGES)
    if unknown:
        problems.append(
            _("%(field)s: unknown language %(codes)s (use en, nl, fr).")
            % {"field": label, "codes": ", ".join(unknown)}
        )
    if any(not isinstance(v, str) for k, v in value.items() if k in LANGUAGES):
        problems.append(_("%(field)s: every translation must be a text.") % {"field": label})
        return {}, problems
    cleaned = {k: v.strip() for k, v in value.items() if k in LANGUAGES}
    if not cleaned.get("en") and (required or any(cleaned.values())):
        problems.append(_("%(field)s: the English text (en) is required.") % {"field": label})
    return cleaned, problems


def _code_problems(code: str, seen: set[str]) -> list[str]:
    if not code:
        return [_("the code is missing")]
    if len(code) > 20:
        return [_("the code is longer than 20 characters")]
    if code in seen:
        return [_("the code %(code)s is used twice") % {"code": code}]
    return []


def _choice_problems(strategy: Any, scale: Any, time_of_day: Any) -> list[str]:
    """The item's strategy, rating scale and time of day against their lists."""
    problems = []
    if strategy not in Strategy.values:
        problems.append(
            _("strategy %(s)r is not one of the ten ISO 22341 strategies (%(all)s)")
            % {"s": strategy, "all": ", ".join(Strategy.values)}
        )
    if scale not in RatingScale.values:
        problems.append(
            _("rating scale %(s)r is unknown (use %(all)s)")
            % {"s": scale, "all": ", ".join(RatingScale.values)}
        )
    if time_of_day not in TimeOfDay.values:
        problems.append(
            _("time_of_day %(t)r is unknown (use %(all)s)")
            % {"t": time_of_day, "all": ", ".join(TimeOfDay.values)}
        )
    return problems


def _weight(raw: dict[str, Any]) -> tuple[Decimal | None, list[str]]:
    weight: Decimal | None = None
    with contextlib.suppress(InvalidOperation):
        weight = Decimal(str(raw.get("weight", 1)))
    if isinstance(raw.get("weight"), bool) or weight is None or not weight.is_finite():
        return weight, [_("the weight must be a number")]
    if not Decimal(0) < weight <= Decimal("99.99"):
        return weight, [_("the weight must be above 0 and at most 99.99")]
    return weight, []


def _flag_problems(critical: Any, evidence: Any, source: Any) -> list[str]:
    problems = []
    if not isinstance(critical, bool):
        problems.append(_("critical must be true or false"))
    if not isinstance(evidence, list) or not all(isinstance(e, str) for e in evidence):
        problems.append(_("evidence must be a list of words"))
    if not isinstance(source, str) or len(source) > 200:
        problems.append(_("source must be a text of at most 200 characters"))
    return problems


def _item(raw: Any, number: int, seen: set[str]) -> tuple[dict[str, Any], str, list[str]]:
    """Validate one item; returns the model fields, the name used in messages and problems."""
    if not isinstance(raw, dict):
        return {}, _("item %(n)d") % {"n": number}, [_("must be an object")]
    code = str(raw.get("code") or "").strip()
    name = code or _("item %(n)d") % {"n": number}
    problems = _code_problems(code, seen)
    seen.add(code)
    strategy = raw.get("strategy")
    scale = raw.get("scale", RatingScale.FIVE_POINT)
    time_of_day = raw.get("time_of_day", TimeOfDay.BOTH)
    problems += _choice_problems(strategy, scale, time_of_day)
    weight, weight_problems = _weight(raw)
    problems += weight_problems
    critical = raw.get("critical", False)
    evidence = raw.get("evidence", [])
    source = raw.get("source", "")
    problems += _flag_problems(critical, evidence, source)
    fields: dict[str, Any] = {
        "code": code,
        "strategy": strategy,
        "scale": scale,
        "time_of_day": time_of_day,
        "weight": weight,
        "critical": critical,
        "evidence_required": evidence,
        "source_ref": source,
    }
    for field in TEXT_FIELDS:
        texts, text_problems = _text(raw.get(field), field, required=field == "question")
        problems += text_problems
        fields[field] = texts.get("en", "")
        for language in ("nl", "fr"):
            fields[f"{field}_{language}"] = texts.get(language, "")
    unknown = sorted(set(raw) - {*fields, *TEXT_FIELDS, "evidence", "source"})
    if unknown:
        problems.append(_("unknown keys: %(keys)s") % {"keys": ", ".join(map(str, unknown))})
    return fields, name, problems


def checklist_validate(document: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Check a template document; raise ValidationError with one message per problem, each
    naming its field or its item (by code). Returns the template and item fields."""
    if not isinstance(document, dict):
        raise ValidationError({"document": _("The document must be an object with items.")})
    errors: dict[str, list[str]] = {}
    code = str(document.get("code") or "").strip()
    version = str(document.get("version") or "").strip()
    names, name_problems = _text(document.get("name"), "name", required=True)
    name = names.get("en", "")
    if not code or len(code) > 40 or not code.replace("-", "").replace("_", "").isalnum():
        errors["code"] = [_("Give a code of at most 40 letters, digits, - or _.")]
    if not version or len(version) > 20:
        errors["version"] = [_("Give a version of at most 20 characters.")]
    elif ChecklistTemplate.objects.filter(code=code, version=version).exists():
        errors["version"] = [_("This version already exists: give a new version.")]
    if name_problems:
        errors["name"] = name_problems
    elif any(len(text) > 200 for text in names.values()):
        errors["name"] = [_("Give a name of at most 200 characters.")]
    raw_items = document.get("items")
    items: list[dict[str, Any]] = []
    if not isinstance(raw_items, list) or not raw_items:
        errors["items"] = [_("Give at least one item.")]
    else:
        seen: set[str] = set()
        for number, raw in enumerate(raw_items, start=1):
            fields, label, problems = _item(raw, number, seen)
            items.append(fields)
            if problems:
                errors.setdefault("items", []).extend(
                    _("Item %(item)s: %(problem)s.") % {"item": label, "problem": problem}
                    for problem in problems
                )
    if errors:
        raise ValidationError(errors)
    return {
        "code": code,
        "version": version,
        "name": name,
        "name_nl": names.get("nl", ""),
        "name_fr": names.get("fr", ""),
    }, items


def checklist_upload(*, actor: Actor, document: Any) -> ChecklistTemplate:
    """Validate and save a new checklist template version with its items, all or nothing."""
    template_fields, items = checklist_validate(document)
    with transaction.atomic():
        template = ChecklistTemplate.objects.create(**template_fields)
        ChecklistItem.objects.bulk_create(
            ChecklistItem(template=template, order=order, **fields)
            for order, fields in enumerate(items)
        )
        record_event(
            actor=actor,
            action="cpted.checklist_uploaded",
            target=template,
            data={"code": template.code, "version": template.version, "items": len(items)},
        )
    return template


def _texts(item: ChecklistItem | ChecklistTemplate, field: str) -> dict[str, str] | str:
    texts = {"en": getattr(item, field)}
    texts.update({lang: getattr(item, f"{field}_{lang}") for lang in ("nl", "fr")})
    texts = {k: v for k, v in texts.items() if v}
    return texts if len(texts) > 1 else texts.get("en", "")


def checklist_document(template: ChecklistTemplate) -> dict[str, Any]:
    """The template as a document in the upload format (read it back to upload a new version)."""
    items = []
    for item in template.items.all():
        row: dict[str, Any] = {
            "code": item.code,
            "strategy": item.strategy,
            "question": _texts(item, "question"),
        }
        if item.guidance:
            row["guidance"] = _texts(item, "guidance")
        row.update(
            {
                "evidence": list(item.evidence_required or []),
                "time_of_day": item.time_of_day,
                "scale": item.scale,
                "critical": item.critical,
                "weight": float(item.weight),
                "source": item.source_ref,
            }
        )
        items.append(row)
    return {
        "code": template.code,
        "version": template.version,
        "name": _texts(template, "name"),
        "items": items,
    }


def checklist_dump(template: ChecklistTemplate, fmt: str) -> str:
    """The template document as YAML (``fmt`` "yaml") or JSON."""
    document = checklist_document(template)
    if fmt == "json":
        return json.dumps(document, ensure_ascii=False, indent=2)
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
