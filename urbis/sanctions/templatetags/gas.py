"""``{% load gas %}``: the words for workflow codes (``{{ case.status|gas_status }}``) and
the rule texts of the pure modules in the page's language (``{{ h.legal_basis|gas_text }}``)."""

from __future__ import annotations

from collections.abc import Mapping

from django import template
from django.utils.translation import gettext

from urbis.sanctions import labels

register = template.Library()


def _word(table: Mapping[str, object], code: object) -> str:
    return str(table.get(str(code), code))


@register.filter
def gas_status(code: object) -> str:
    return _word(labels.STATUS, code)


@register.filter
def gas_outcome(code: object) -> str:
    return _word(labels.OUTCOME, code)


@register.filter
def gas_procedure(code: object) -> str:
    return _word(labels.PROCEDURE, code)


@register.filter
def gas_action(code: object) -> str:
    return _word(labels.ACTION, code)


@register.filter
def gas_deadline(code: object) -> str:
    return _word(labels.DEADLINE, code)


@register.filter
def gas_level(code: object) -> str:
    return _word(labels.LEVEL, code)


@register.filter
def gas_queue(code: object) -> str:
    return _word(labels.QUEUE, code)


@register.filter
def gas_text(value: object) -> str:
    """A rule text (a legal basis of ``rules/workflow.py`` or ``rules/deadlines``, also the
    English copy on an append-only history row) said at display; the stored text itself when
    the catalogue has no translation for it."""
    text = str(value or "")
    return gettext(text) if text else ""
