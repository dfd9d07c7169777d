"""Every rule text of the pure modules has a Dutch and a French translation (issue 11 §4).

The legal bases live in ``rules/workflow/`` and ``rules/deadlines/`` and are marked
with the modules' own ``gettext_noop``; the page says them with the ``gas_text`` filter. Read
from the catalogues themselves (Babel), without Django."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from urbis.sanctions.rules import workflow
from urbis.sanctions.rules.deadlines import engine
from urbis.sanctions.rules.workflow import terms

APP = Path(workflow.__file__).resolve().parents[2]
MODULES = (
    *sorted(Path(workflow.__file__).parent.glob("*.py")),
    *sorted(Path(engine.__file__).parent.glob("*.py")),
)


def _catalogue(language: str) -> Catalog:
    with (APP / "locale" / language / "LC_MESSAGES" / "django.po").open("rb") as po:
        return read_po(po)


def _literal(node: ast.expr) -> str:
    """The text of a literal (adjacent literals are one constant after parsing)."""
    assert isinstance(node, ast.Constant) and isinstance(node.value, str), ast.dump(node)
    return node.value


def _marked(tree: ast.AST) -> set[str]:
    return {
        _literal(node.args[0])
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "gettext_noop"
    }


def _basis_literals(tree: ast.AST) -> set[str]:
    """Every string literal given as ``legal_basis=`` (however it is built)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "legal_basis":
            found |= {
                c.value
                for c in ast.walk(node.value)
                if isinstance(c, ast.Constant) and isinstance(c.value, str)
            }
    return found


def _texts() -> set[str]:
    texts: set[str] = set()
    for module in MODULES:
        texts |= _marked(ast.parse(module.read_text(encoding="utf-8")))
    return texts


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_every_edge_basis_is_translated(language: str) -> None:
    catalogue = _catalogue(language)
    bases = {edge.legal_basis for edge in workflow.EDGES} | {workflow.REGISTER_LEGAL_BASIS}
    missing = sorted(b for b in bases if b not in catalogue or not catalogue[b].string)
    assert not missing, missing


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_every_marked_rule_text_is_translated(language: str) -> None:
    catalogue = _catalogue(language)
    texts = _texts()
    assert len(texts) > len({e.legal_basis for e in workflow.EDGES})  # the deadlines' too
    missing = sorted(t for t in texts if t not in catalogue or not catalogue[t].string)
    assert not missing, missing
    # "art." stays; a translation is not the English text again
    for text in texts:
        said = catalogue[text].string
        assert said != text and said.startswith("art. "), (text, said)


def test_no_deadline_basis_escapes_the_marker() -> None:
    """A legal basis built from an unmarked literal (or an f-string) cannot be translated."""
    tree = ast.parse(Path(engine.__file__).read_text(encoding="utf-8"))
    assert _basis_literals(tree) <= _marked(tree)
    assert not [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.keyword) and n.arg == "legal_basis" and isinstance(n.value, ast.BinOp)
    ]


def test_the_rule_modules_mark_without_django() -> None:
    assert terms.gettext_noop("x") == "x" and engine.gettext_noop("y") == "y"
    for module in MODULES:
        text = module.read_text(encoding="utf-8")
        assert "from django" not in text and "import django" not in text
