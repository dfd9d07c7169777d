"""``{% load gas %}``: the words for workflow codes (``{{ case.status|gas_status }}``)."""

from __future__ import annotations

from collections.abc import Mapping

from django import template

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
