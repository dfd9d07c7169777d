"""The triage diagram has a text alternative (WCAG 1.1.1; axe svg-img-alt)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from urbis.cpted.default_flow import default_flow
from urbis.cpted.diagram import flow_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_svg_is_a_named_image_described_by_the_text_version() -> None:
    svg = ET.fromstring(  # noqa: S314 - our own generated SVG, not untrusted input
        flow_svg(default_flow(), {}, "en", title="Triage <flow>", described_by="flow-text")
    )
    assert svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    assert title is not None and title.text == "Triage <flow>"
    assert svg.get("aria-labelledby") == title.get("id")
    assert svg.get("aria-describedby") == "flow-text"
