"""Dutch and French are shipped complete: no catalogue entry is left untranslated or fuzzy."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from urbis.core.i18n_compile import catalogue_files

CATALOGUES = [path for path in catalogue_files() if path.parts[-3] in ("nl", "fr")]


def test_catalogues_exist_for_nl_and_fr() -> None:
    languages = {path.parts[-3] for path in CATALOGUES}
    assert languages == {"nl", "fr"}


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(Path(*p.parts[-5:])))
def test_catalogue_is_complete(po_path: Path) -> None:
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    untranslated = [
        message.id
        for message in catalog
        if message.id
        and (
            message.fuzzy
            or not (all(message.string) if isinstance(message.string, tuple) else message.string)
        )
    ]
    assert untranslated == [], f"{len(untranslated)} untranslated in {po_path}"
