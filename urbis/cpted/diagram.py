"""Draw a triage flow as an SVG diagram (server-rendered, no script): questions in rows by
their depth from the start, outcomes in the last row, one labelled arrow per branch."""

from __future__ import annotations

from html import escape
from typing import Any

from urbis.cpted.texts import pick
from urbis.cpted.triage import OUTCOMES

BOX_W, BOX_H, GAP_X, GAP_Y = 190, 54, 30, 70
COLOURS = {
    "no_check": "#d9ead3",
    "self_check": "#fff2cc",
    "full_check": "#f4cccc",
    "specialist": "#d9d2e9",
}


def _branches(question: dict[str, Any], language: str = "en") -> list[tuple[str, str]]:
    rows = [
        (
            pick(rule.get("reason"), language) or f"{rule.get('op')} {rule.get('value')}",
            rule.get("then", ""),
        )
        for rule in question.get("rules") or []
    ]
    if "else" in question:
        rows.append((pick(question.get("else_reason"), language) or "…", question["else"]))
    return rows


def flow_svg(
    flow: dict[str, Any],
    outcome_labels: dict[str, str] | None = None,
    language: str = "en",
    *,
    title: str = "Triage flow",
    described_by: str = "",
) -> str:
    """The flow as SVG, its texts in ``language`` (English where the flow has no translation;
    ``outcome_labels`` come already translated from the caller).

    WCAG 1.1.1 (axe svg-img-alt): the image is named by its ``<title>`` (``title``, translated
    by the caller), and ``described_by`` names the id of the page's text version of the flow."""
    questions: dict[str, Any] = flow["questions"]
    depth: dict[str, int] = {flow["start"]: 0}
    # Longest-path depth in the (validated, acyclic) flow.
    for _ in range(len(questions)):
        for qid, question in questions.items():
            if qid not in depth:
                continue
            for _label, target in _branches(question):
                if target in questions and depth.get(target, -1) < depth[qid] + 1:
                    depth[target] = depth[qid] + 1
    rows: dict[int, list[str]] = {}
    for qid in questions:
        rows.setdefault(depth.get(qid, 0), []).append(qid)
    last = max(rows) + 1 if rows else 0
    used = [
        o
        for o in OUTCOMES
        if any(t == f"outcome:{o}" for q in questions.values() for _l, t in _branches(q))
    ]
    rows[last] = [f"outcome:{o}" for o in used]
    width = max(len(r) for r in rows.values()) * (BOX_W + GAP_X) + GAP_X
    height = (last + 1) * (BOX_H + GAP_Y) + GAP_Y
    pos: dict[str, tuple[int, int]] = {}
    for level, nodes in rows.items():
        offset = (width - len(nodes) * (BOX_W + GAP_X) + GAP_X) // 2
        for index, node in enumerate(nodes):
            pos[node] = (offset + index * (BOX_W + GAP_X), GAP_Y // 2 + level * (BOX_H + GAP_Y))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="flow-diagram" viewBox="0 0 {width} '
        f'{height}" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="flow-diagram-title"'
        + (f' aria-describedby="{escape(described_by)}">' if described_by else ">")
        + f'<title id="flow-diagram-title">{escape(title)}</title>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
    ]
    for qid, question in questions.items():
        x, y = pos[qid]
        for label, target in _branches(question, language):
            if target not in pos:
                continue
            tx, ty = pos[target]
            x1, y1, x2, y2 = x + BOX_W // 2, y + BOX_H, tx + BOX_W // 2, ty
            parts.append(
                f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#555" '
                'marker-end="url(#arrow)"/>'
            )
            parts.append(
                f'<text x="{(x1 + x2) // 2 + 4}" y="{(y1 + y2) // 2}" font-size="10" '
                f'fill="#333">{escape(label[:40])}</text>'
            )
    labels = outcome_labels or {}
    for node, (x, y) in pos.items():
        if node.startswith("outcome:"):
            outcome = node.split(":", 1)[1]
            fill, title = COLOURS.get(outcome, "#eee"), labels.get(outcome, outcome)
            data = f'data-outcome="{escape(outcome)}"'
        else:
            fill, title = "#fff", f"{node} · {pick(questions[node].get('text'), language)}"
            data = f'data-question="{escape(node)}"'
        parts.append(
            f'<g {data}><rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6" '
            f'fill="{fill}" stroke="#1f5f8b"/><text x="{x + 8}" y="{y + 22}" font-size="12">'
            f"{escape(title[:30])}</text>"
            f'<text x="{x + 8}" y="{y + 40}" font-size="12">{escape(title[30:60])}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
