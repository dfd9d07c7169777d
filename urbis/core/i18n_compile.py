"""Compile every .po catalogue of the project to .mo with Babel (no GNU gettext needed).

Runs without Django settings, so ``make install`` can call it on a fresh machine:
``python -m urbis.core.i18n_compile``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
SKIP = {".venv", ".venv-bench", "node_modules", ".git"}


def catalogue_files(root: Path = ROOT) -> list[Path]:
    return sorted(
        path
        for path in root.rglob("locale/*/LC_MESSAGES/*.po")
        if not SKIP & set(path.relative_to(root).parts)
    )


def compile_all(root: Path = ROOT) -> int:
    files = catalogue_files(root)
    for po_path in files:
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        with po_path.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
    return len(files)


def main() -> int:
    print(f"compiled {compile_all()} translation catalogues")
    return 0


if __name__ == "__main__":
    sys.exit(main())
