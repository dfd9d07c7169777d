"""Multilingual texts in CPTED data documents (triage flow, checklist templates).

Issue 5 asks for every user-facing string in Dutch, French and English. Texts that are data
(question texts, branch reasons, check moments, checklist items) cannot go through gettext, so a
document may give each text either as one string (read as English, the form of documents written
before this module was multilingual) or as an object with one string per language::

    text: {en: Number of dwellings, nl: Aantal woningen, fr: Nombre de logements}

``en`` is required in an object; a missing ``nl`` or ``fr`` falls back to English when shown.
Pure Python (no Django): the flow engine and the diagram use it too.
"""

from __future__ import annotations

from typing import Any

LANGUAGES = ("en", "nl", "fr")
FALLBACK = "en"
#: How a yes/no answer reads in each language (answers are data, not gettext strings).
YES_NO = {"en": ("yes", "no"), "nl": ("ja", "nee"), "fr": ("oui", "non")}
#: How a rule's operator and the flow's fallback branch read (the flow page and the diagram).
RULE_WORDS = {
    "in": {"en": "one of", "nl": "een van", "fr": "l'un de"},
    "any": {"en": "at least one of", "nl": "minstens een van", "fr": "au moins un de"},
    "else": {"en": "otherwise", "nl": "anders", "fr": "sinon"},
}


def language_code(language: str | None) -> str:
    """``nl-be`` → ``nl``; anything unknown → English."""
    code = (language or FALLBACK).split("-")[0].split("_")[0].lower()
    return code if code in LANGUAGES else FALLBACK


def pick(value: Any, language: str | None) -> str:
    """The text of ``value`` in ``language``, falling back to English, then to any language."""
    if value is None:
        return ""
    if isinstance(value, dict):
        code = language_code(language)
        for key in (code, FALLBACK, *LANGUAGES):
            if value.get(key):
                return str(value[key])
        return ""
    return str(value)


def all_languages(value: Any) -> dict[str, str]:
    """Every language's rendering of ``value`` (with the English fallback filled in)."""
    return {code: pick(value, code) for code in LANGUAGES}


def text_problems(value: Any, where: str, *, required: bool = True) -> list[str]:
    """Problems of one multilingual text; ``where`` names it in the messages."""
    if value is None or value == "":
        return [f"{where}: a text is required"] if required else []
    if isinstance(value, str):
        return []
    if not isinstance(value, dict):
        return [f"{where}: must be a text or an object with en, nl and fr texts"]
    problems = []
    unknown = sorted(str(k) for k in value if k not in LANGUAGES)
    if unknown:
        problems.append(f"{where}: unknown language {', '.join(unknown)} (use en, nl, fr)")
    for code, text in value.items():
        if code in LANGUAGES and not isinstance(text, str):
            problems.append(f"{where}.{code}: must be a text")
    if not (isinstance(value.get(FALLBACK), str) and value[FALLBACK].strip()):
        problems.append(f"{where}: the English text (en) is required")
    return problems
