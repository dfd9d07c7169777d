"""The access log is written by selectors (and core), never by a page or an API view
(ADR 0001 §3): a view cannot forget a log it never writes. The check reads each module's syntax
tree, so a comment or a docstring that names ``log_access`` does not trip it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import urbis

ROOT = Path(urbis.__file__).parent
#: What only selectors and core may use to write the access log.
FORBIDDEN = {"log_access", "log_access_many", "AccessLogEntry"}


def view_modules() -> list[Path]:
    """Every page-view and API module of every app: urbis/<app>/views*.py, views/, api/."""
    found: set[Path] = set()
    for app in ROOT.iterdir():
        if not app.is_dir() or app.name == "tests":
            continue
        found.update(app.glob("views*.py"))
        for folder in ("views", "api"):
            found.update(p for p in (app / folder).rglob("*.py") if "tests" not in p.parts)
    return sorted(found)


def access_log_uses(source: str) -> list[str]:
    """Names of the access-log writers a module imports or calls, with their line."""
    uses = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name in FORBIDDEN:
                    uses.append(f"line {node.lineno}: import {alias.name}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "urbis.core.audit":
                    uses.append(f"line {node.lineno}: import urbis.core.audit")
        elif isinstance(node, ast.Attribute) and node.attr in FORBIDDEN:
            uses.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Name) and node.id in FORBIDDEN:
            uses.append(f"line {node.lineno}: {node.id}")
    return uses


def test_the_walk_finds_the_view_and_api_modules() -> None:
    names = {str(p.relative_to(ROOT)) for p in view_modules()}
    assert {"sanctions/views/cases.py", "sanctions/api/views.py", "cpted/api/views.py"} <= names
    assert "plan/views/partners.py" in names


@pytest.mark.parametrize(
    "source",
    [
        "from urbis.core.audit import log_access\n",
        "from urbis.core.audit import log_access_many as many\n",
        "import urbis.core.audit\n",
        "from urbis.core import audit\naudit.log_access(user=u, target=t, purpose='x.y')\n",
        "from urbis.core.models import AccessLogEntry\n",
    ],
    ids=["import", "import-as", "module", "attribute", "model"],
)
def test_the_check_catches_each_way_of_writing_the_log(source: str) -> None:
    assert access_log_uses(source)


def test_a_comment_or_docstring_naming_it_is_not_a_use() -> None:
    source = '"""The selector calls log_access."""\n# log_access_many here\nx = "log_access"\n'
    assert access_log_uses(source) == []


def test_no_view_or_api_view_writes_the_access_log() -> None:
    offenders = {
        str(path.relative_to(ROOT)): uses
        for path in view_modules()
        if (uses := access_log_uses(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}, "move these reads into a selector that logs: " + repr(offenders)
