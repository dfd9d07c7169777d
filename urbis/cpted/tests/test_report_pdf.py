"""The CPTED report's tables wrap on word boundaries (no "Desig n cha nge"), in every language,
and its site map draws the areas around the project with a scale bar and a north arrow."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from django.utils.translation import gettext as _
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from urbis.core.services import area_upsert
from urbis.cpted import reports, services
from urbis.cpted.models import RecommendationType
from urbis.cpted.reports.layout import column_widths

pytestmark = pytest.mark.django_db

SQUARE = [[4.4790, 51.0295], [4.4810, 51.0295], [4.4810, 51.0305], [4.4790, 51.0305]]


def _words(pdf: bytes) -> set[str]:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return set(text.replace(",", " ").replace(":", " ").split())


@pytest.fixture
def assessed(housing, cpted_advisor, template, department):  # type: ignore[no-untyped-def]
    services.project_update(
        actor=cpted_advisor,
        project=housing,
        location={"type": "Polygon", "coordinates": [[*SQUARE, SQUARE[0]]]},
        description="Twenty-four flats around a courtyard",
    )
    housing.refresh_from_db()
    ring = [[4.470, 51.020], [4.495, 51.020], [4.495, 51.040], [4.470, 51.040], [4.470, 51.020]]
    area_upsert(
        actor=None,
        code="N-HOF",
        name="Hofstadwijk",
        kind="neighbourhood",
        geometry={"type": "Polygon", "coordinates": [ring]},
    )
    assessment = services.assessment_start(
        actor=cpted_advisor, project=housing, template=template, zones=["Courtyard"]
    )
    services.rating_record(
        actor=cpted_advisor,
        assessment=assessment,
        item=template.items.get(code="NS-03"),
        zone=assessment.zones.get(),
        value=2,
        lat=51.0300,
        lon=4.4800,
    )
    for kind in RecommendationType.values:
        services.recommendation_create(
            actor=cpted_advisor,
            project=housing,
            text="Light the courtyard passage along its whole length",
            kind=kind,
            department=department,
            quick_win=kind == "design_change",
        )
    return assessment


@pytest.mark.parametrize("language", ["en", "nl", "fr"])
def test_table_words_are_never_cut(assessed, language) -> None:
    words = _words(reports.assessment_pdf(assessed, language))
    with translation.override(language):
        labels = [
            _("Recommendation"),
            _("Requirement level"),
            _("Owning department"),
            _("Due date"),
            _("Status"),
            _("Coverage (%)"),
            *[str(label) for label in RecommendationType.labels],
        ]
    expected = {w.strip("()%") for label in labels for w in str(label).split()} - {""}
    missing = {
        w for w in expected if not any(w in token for token in words if len(token) >= len(w))
    }
    assert not missing, missing
    assert "Desig" not in words and "Statu" not in words


def test_every_column_is_at_least_its_longest_word() -> None:
    rows = [["Recommendation", "Type"], ["Light the passage", "Target hardening"]]
    widths = column_widths(rows, "Helvetica", 8, total=120)
    assert widths[1] >= stringWidth("hardening", "Helvetica", 8)
    assert widths[0] >= stringWidth("Recommendation", "Helvetica", 8)


def test_site_map_shows_areas_scale_and_north(assessed) -> None:
    words = _words(reports.assessment_pdf(assessed, "en"))
    assert "Hofstadwijk" in words  # the area around the site, clipped to the map
    assert "m" in words and "N" in words  # the scale bar ("0 100 m") and the north arrow
    assert "NS-03" in words  # the rated point
    assert "Twenty-four" in words  # the project's description in section 1
