"""Draw a triage flow as an SVG diagram (server-rendered, no script).

Questions sit in rows by their depth from the start, the outcomes in the last row. Each box
holds its whole text, wrapped to the box width, and lists its branches ("≥ 10 → T5"), so no
label sits on a line where it could cover another; the box grows with its text. An arrow to the
next row goes straight down; a longer one leaves the box on the right and runs down its own
lane right of every question box, so it never crosses a box. ``layout`` is the geometry
(tested: no two boxes overlap, every text is present whole), ``flow_svg`` the drawing.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from html import escape
from typing import Any

from urbis.cpted.texts import pick
from urbis.cpted.triage import OUTCOMES, branches

BOX_W, PAD, GAP_X, GAP_Y, LANE_GAP = 250, 8, 40, 48, 14
TITLE_SIZE, BRANCH_SIZE, LINE_H = 12, 11, 15
# Characters per line: a generous average glyph width (0.6 em bold, 0.56 em regular) keeps
# wrapped lines inside the box in the usual sans-serif fonts (the browser test measures them).
TITLE_CHARS = int((BOX_W - 2 * PAD) / (TITLE_SIZE * 0.6))
BRANCH_CHARS = int((BOX_W - 2 * PAD) / (BRANCH_SIZE * 0.56))
COLOURS = {
    "no_check": "#d9ead3",
    "self_check": "#fff2cc",
    "full_check": "#f4cccc",
    "specialist": "#d9d2e9",
}


@dataclass
class Box:
    node: str  # a question id or "outcome:<name>"
    title: str
    branch_texts: list[str] = field(default_factory=list)
    x: int = 0
    y: int = 0
    lines: list[tuple[str, int]] = field(default_factory=list)  # (text, font size)
    title_lines: int = 1

    @property
    def height(self) -> int:
        return 2 * PAD + len(self.lines) * LINE_H

    @property
    def texts(self) -> list[str]:
        """The whole texts the box shows (its title and each branch)."""
        return [self.title, *self.branch_texts]


@dataclass
class Layout:
    width: int
    height: int
    boxes: dict[str, Box]
    arrows: list[list[tuple[int, int]]]  # polylines, the last point at the target box


def _wrap(text: str, chars: int, size: int) -> list[tuple[str, int]]:
    lines = textwrap.wrap(text, chars, break_long_words=True, break_on_hyphens=False)
    return [(line, size) for line in lines or [""]]


def _depths(flow: dict[str, Any]) -> dict[str, int]:
    """Longest-path depth of each question from the start (the flow is validated, acyclic)."""
    questions: dict[str, Any] = flow["questions"]
    depth: dict[str, int] = {flow["start"]: 0}
    for _ in range(len(questions)):
        for qid, question in questions.items():
            for _label, target in branches(question, "en") if qid in depth else []:
                if target in questions and depth.get(target, -1) < depth[qid] + 1:
                    depth[target] = depth[qid] + 1
    return depth


def _target_name(target: str, labels: dict[str, str]) -> str:
    if target.startswith("outcome:"):
        outcome = target.split(":", 1)[1]
        return labels.get(outcome, outcome)
    return target


def _boxes(flow: dict[str, Any], labels: dict[str, str], language: str) -> dict[str, Box]:
    questions: dict[str, Any] = flow["questions"]
    boxes: dict[str, Box] = {}
    for qid, question in questions.items():
        title = f"{qid} · {pick(question.get('text'), language)}"
        shown = [
            f"{label} → {_target_name(target, labels)}"
            for label, target in branches(question, language)
        ]
        box = Box(qid, title, shown)
        box.lines = _wrap(title, TITLE_CHARS, TITLE_SIZE)
        box.title_lines = len(box.lines)
        for text in shown:
            box.lines += _wrap(text, BRANCH_CHARS, BRANCH_SIZE)
        boxes[qid] = box
    targets = {t for q in questions.values() for _l, t in branches(q, "en")}
    for outcome in OUTCOMES:
        if f"outcome:{outcome}" in targets:
            box = Box(f"outcome:{outcome}", labels.get(outcome, outcome))
            box.lines = _wrap(box.title, TITLE_CHARS, TITLE_SIZE)
            boxes[box.node] = box
    return boxes


def _place(boxes: dict[str, Box], rows: list[list[str]], width: int) -> list[int]:
    """Centre each row in ``width``; returns the top of each row."""
    tops, y = [], GAP_Y // 2
    for nodes in rows:
        tops.append(y)
        left = (width - len(nodes) * (BOX_W + GAP_X) + GAP_X) // 2
        for index, node in enumerate(nodes):
            boxes[node].x, boxes[node].y = left + index * (BOX_W + GAP_X), y
        y += max(boxes[n].height for n in nodes) + GAP_Y
    return tops


def layout(
    flow: dict[str, Any], outcome_labels: dict[str, str] | None = None, language: str = "en"
) -> Layout:
    """The diagram's geometry: boxes with their wrapped lines, and the arrows."""
    boxes = _boxes(flow, outcome_labels or {}, language)
    depth = _depths(flow)
    last = max(depth.values(), default=0) + 1
    rows: list[list[str]] = [[] for _ in range(last + 1)]
    for node in boxes:
        rows[last if node.startswith("outcome:") else depth.get(node, 0)].append(node)
    rows = [r for r in rows if r]
    row_of = {node: index for index, nodes in enumerate(rows) for node in nodes}
    long_edges = [
        (qid, t)
        for qid in flow["questions"]
        for _l, t in branches(flow["questions"][qid], "en")
        if t in boxes and row_of[t] != row_of[qid] + 1
    ]
    question_width = max(len(r) for r in rows if not r[0].startswith("outcome:")) * (BOX_W + GAP_X)
    outcome_width = len(rows[-1]) * (BOX_W + GAP_X)
    width = max(question_width + len(long_edges) * LANE_GAP, outcome_width) + GAP_X
    # The question rows are centred left of the lanes; the lanes' drops need room above the
    # outcome row, one step per lane.
    _place(boxes, [r for r in rows if not r[0].startswith("outcome:")], question_width + GAP_X)
    questions_bottom = max(b.y + b.height for b in boxes.values() if ":" not in b.node)
    channel = GAP_Y + len(long_edges) * 6
    outcome_top = questions_bottom + channel
    _place_row(boxes, rows[-1], width, outcome_top)
    arrows = [_arrow(boxes[s], boxes[t]) for s, t in _short_edges(flow, boxes, row_of)]
    row_bottom = {
        node: max(boxes[n].y + boxes[n].height for n in nodes) for nodes in rows for node in nodes
    }
    exits: dict[str, int] = {}
    for lane, (source, target) in enumerate(long_edges):
        exits[source] = exits.get(source, -1) + 1
        route = Route(
            lane_x=question_width + GAP_X // 2 + lane * LANE_GAP,
            exit_x=boxes[source].x + BOX_W // 2 + 12 * (exits[source] + 1),
            exit_y=row_bottom[source] + 8 + (lane % 5) * 6,
            drop_y=outcome_top - 8 - lane * 6,
        )
        arrows.append(_lane_arrow(boxes[source], boxes[target], route))
    height = max(b.y + b.height for b in boxes.values()) + GAP_Y // 2
    return Layout(width, height, boxes, arrows)


def _place_row(boxes: dict[str, Box], nodes: list[str], width: int, top: int) -> None:
    left = (width - len(nodes) * (BOX_W + GAP_X) + GAP_X) // 2
    for index, node in enumerate(nodes):
        boxes[node].x, boxes[node].y = left + index * (BOX_W + GAP_X), top


def _short_edges(
    flow: dict[str, Any], boxes: dict[str, Box], row_of: dict[str, int]
) -> list[tuple[str, str]]:
    return [
        (qid, t)
        for qid, question in flow["questions"].items()
        for _l, t in branches(question, "en")
        if t in boxes and row_of[t] == row_of[qid] + 1
    ]


def _arrow(source: Box, target: Box) -> list[tuple[int, int]]:
    return [
        (source.x + BOX_W // 2, source.y + source.height),
        (target.x + BOX_W // 2, target.y),
    ]


@dataclass(frozen=True)
class Route:
    """Where a long arrow runs: its lane, where it leaves its row, where it turns to its target."""

    lane_x: int
    exit_x: int
    exit_y: int
    drop_y: int


def _lane_arrow(source: Box, target: Box, route: Route) -> list[tuple[int, int]]:
    """Down out of the source into the gap under its row, right to the lane, down the lane,
    across above the target (or beside a question target), into the target."""
    start = [
        (route.exit_x, source.y + source.height),
        (route.exit_x, route.exit_y),
        (route.lane_x, route.exit_y),
    ]
    if not target.node.startswith("outcome:"):  # a question further down: enter from the right
        end_y = target.y + target.height // 2
        return [*start, (route.lane_x, end_y), (target.x + BOX_W, end_y)]
    centre = target.x + BOX_W // 2
    return [*start, (route.lane_x, route.drop_y), (centre, route.drop_y), (centre, target.y)]


def _box_svg(box: Box, fill: str, data: str) -> str:
    parts = [
        f"<g {data}><title>{escape(' — '.join(box.texts))}</title>",
        f'<rect x="{box.x}" y="{box.y}" width="{BOX_W}" height="{box.height}" rx="6" '
        f'fill="{fill}" stroke="#1f5f8b"/>',
    ]
    for index, (line, size) in enumerate(box.lines):
        baseline = box.y + PAD + (index + 1) * LINE_H - 4
        weight = ' font-weight="bold"' if index < box.title_lines else ""
        parts.append(
            f'<text x="{box.x + PAD}" y="{baseline}" font-size="{size}"{weight}>'
            f"{escape(line)}</text>"
        )
    parts.append("</g>")
    return "".join(parts)


def flow_svg(
    flow: dict[str, Any],
    outcome_labels: dict[str, str] | None = None,
    language: str = "en",
    *,
    title: str = "Triage flow",
    described_by: str = "",
) -> str:
    """The flow as SVG, its texts in ``language`` (English where the flow has no translation;
    ``outcome_labels`` and ``title``, the diagram's text alternative, come translated from the
    caller).

    WCAG 1.1.1 (axe svg-img-alt): the image is named by its ``<title>``, and ``described_by``
    names the id of the page's text version of the flow."""
    drawn = layout(flow, outcome_labels, language)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="flow-diagram" viewBox="0 0 '
        f'{drawn.width} {drawn.height}" width="{drawn.width}" height="{drawn.height}" '
        f'role="img" aria-labelledby="flow-diagram-title"'
        + (f' aria-describedby="{escape(described_by)}">' if described_by else ">")
        + f'<title id="flow-diagram-title">{escape(title)}</title>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
    ]
    for points in drawn.arrows:
        path = " ".join(f"{x},{y}" for x, y in points)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="#555" marker-end="url(#arrow)"/>'
        )
    for box in drawn.boxes.values():
        if box.node.startswith("outcome:"):
            outcome = box.node.split(":", 1)[1]
            parts.append(
                _box_svg(box, COLOURS.get(outcome, "#eee"), f'data-outcome="{escape(outcome)}"')
            )
        else:
            parts.append(_box_svg(box, "#fff", f'data-question="{escape(box.node)}"'))
    parts.append("</svg>")
    return "".join(parts)
