"""``urbis compiletranslations``: compile every .po catalogue to .mo with Babel.

Django's own ``compilemessages`` needs GNU gettext; this needs nothing beyond our dependencies,
so ``make install`` works on a fresh machine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand


def catalogue_files(root: Path) -> list[Path]:
    skip = {".venv", ".venv-bench", "node_modules", ".git"}
    return sorted(
        path
        for path in root.rglob("locale/*/LC_MESSAGES/*.po")
        if not skip & set(path.relative_to(root).parts)
    )


class Command(BaseCommand):
    help = "Compile the translation catalogues (.po -> .mo) without GNU gettext."
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        root = Path(settings.BASE_DIR)
        files = catalogue_files(root)
        for po_path in files:
            with po_path.open("rb") as handle:
                catalog = read_po(handle)
            with po_path.with_suffix(".mo").open("wb") as handle:
                write_mo(handle, catalog, use_fuzzy=False)
        self.stdout.write(f"compiled {len(files)} catalogues")
