"""Issue 15: the triage diagram is legible — no two boxes overlap, every label is present whole
(wrapped to its box, never cut), no arrow runs through a box it does not join."""

from __future__ import annotations

import copy
import itertools
from html import escape

import pytest

from urbis.cpted.diagram import BOX_W, BRANCH_CHARS, TITLE_CHARS, flow_svg, layout
from urbis.cpted.triage import default_flow

LABELS = {
    "no_check": "Pas de contrôle CPTED nécessaire",
    "self_check": "Autocontrôle par le chef de projet",
    "full_check": "Contrôle CPTED complet",
    "specialist": "Contrôle par un spécialiste",
}


def _wide_flow() -> dict:  # type: ignore[type-arg]
    """The default flow with a very long text and a question that skips a row."""
    flow = copy.deepcopy(default_flow())
    long_text = (
        "Aantal woningen, studio's en kamers samen, inclusief zorgwoningen en "
        "assistentiewoningen in het hele project, ook in latere fasen"
    )
    flow["questions"]["T4"]["text"] = {"en": long_text, "nl": long_text, "fr": long_text}
    flow["questions"]["T2"]["else"] = "T4"  # skips the row of T10 and T1
    flow["questions"]["T1"]["else"] = "T4"
    return flow


def _overlap(a, b) -> bool:  # type: ignore[no-untyped-def]
    return not (
        a.x + BOX_W <= b.x or b.x + BOX_W <= a.x or a.y + a.height <= b.y or b.y + b.height <= a.y
    )


@pytest.mark.parametrize("flow", [default_flow(), _wide_flow()], ids=["default", "wide"])
@pytest.mark.parametrize("language", ["en", "nl", "fr"])
def test_no_two_boxes_overlap_and_all_fit(flow, language: str) -> None:  # type: ignore[no-untyped-def]
    drawn = layout(flow, LABELS, language)
    boxes = list(drawn.boxes.values())
    assert len(boxes) == len(flow["questions"]) + 4
    for index, box in enumerate(boxes):
        assert box.x >= 0 and box.x + BOX_W <= drawn.width
        assert box.y >= 0 and box.y + box.height <= drawn.height
        for other in boxes[index + 1 :]:
            assert not _overlap(box, other), (box.node, other.node)


@pytest.mark.parametrize("language", ["en", "nl", "fr"])
def test_every_label_is_present_whole(language: str) -> None:
    flow = _wide_flow()
    drawn = layout(flow, LABELS, language)
    svg = flow_svg(flow, LABELS, language, title="Logigramme")
    for box in drawn.boxes.values():
        # The wrapped lines hold the whole text, word for word, and each fits its box.
        assert " ".join(line for line, _size in box.lines).split() == " ".join(box.texts).split()
        assert all(len(line) <= max(TITLE_CHARS, BRANCH_CHARS) for line, _s in box.lines)
        assert all(escape(line) in svg for line, _size in box.lines)
        # The whole texts are also the box's title (tooltip and text alternative).
        assert escape(" — ".join(box.texts)) in svg
    t4 = drawn.boxes["T4"]
    assert len(t4.lines) > 4  # the long text wrapped onto several lines, the box grew
    assert t4.height > drawn.boxes["T8"].height
    assert '<title id="flow-diagram-title">Logigramme</title>' in svg


def test_branches_name_their_targets_in_the_language() -> None:
    drawn = layout(default_flow(), LABELS, "fr")
    assert drawn.boxes["T4"].branch_texts == [
        "10 logements ou plus → Contrôle CPTED complet",
        "sinon → T5",
    ]
    assert drawn.boxes["outcome:full_check"].title == "Contrôle CPTED complet"


def _points_between(a, b, steps: int = 40):  # type: ignore[no-untyped-def]
    return [
        (a[0] + (b[0] - a[0]) * i / steps, a[1] + (b[1] - a[1]) * i / steps)
        for i in range(1, steps)
    ]


@pytest.mark.parametrize("flow", [default_flow(), _wide_flow()], ids=["default", "wide"])
def test_no_arrow_runs_through_a_box(flow) -> None:  # type: ignore[no-untyped-def]
    drawn = layout(flow, LABELS, "nl")
    boxes = list(drawn.boxes.values())
    for points in drawn.arrows:
        for a, b in itertools.pairwise(points):
            for x, y in _points_between(a, b):
                inside = [
                    box.node
                    for box in boxes
                    if box.x < x < box.x + BOX_W and box.y < y < box.y + box.height
                ]
                assert not inside, (points, inside)
