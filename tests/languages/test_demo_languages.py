"""Issue 15: a French or Dutch page shows the demo city's data and the rule syntax in that
language — no English from the demo catalogue (article names, phenomena, the prevention
spectrum, benchmark labels, the triage flow's texts and operators). Across apps, so it lives
outside them (the import contracts keep the apps independent)."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

from urbis.core.demo.city import load_core_demo
from urbis.core.models import PreventionLevel, User
from urbis.core.testing.fixtures import verified_client
from urbis.cpted.demo import load_cpted_demo
from urbis.cpted.triage import default_flow
from urbis.plan.demo import load_plan_demo
from urbis.plan.models import Phenomenon, Plan
from urbis.sanctions.demo import load_sanctions_demo
from urbis.sanctions.models import Article, Case

LANGUAGES = ["nl", "fr"]


@pytest.fixture
def demo(db: None) -> None:
    load_core_demo(None)
    load_plan_demo(None)
    load_sanctions_demo(None)
    load_cpted_demo(None)


def _visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _english_catalogue() -> set[str]:
    """Every English name of the demo catalogue that differs from its Dutch and French one."""
    names = {
        a.title_en for a in Article.objects.all() if a.title_en not in (a.title_nl, a.title_fr)
    }
    names |= {
        p.label_en for p in Phenomenon.objects.all() if p.label_en not in (p.label_nl, p.label_fr)
    }
    with translation.override("en"):
        names |= {str(label) for _value, label in PreventionLevel.choices}
    flow = default_flow()
    for question in flow["questions"].values():
        names.add(question["text"]["en"])
        names |= {rule["reason"]["en"] for rule in question.get("rules", []) if "reason" in rule}
    # Words of the old English demo data and the flow's raw rule syntax.
    names |= {"Prevention Service", "Street coaches", "(national)", "residents 15+", "outcome:"}
    names |= {" bool ", " int ", " multi ", " >= "}
    return names


def _page(username: str, url: str, language: str) -> str:
    user = User.objects.get(username=username)
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    with translation.override(language):
        response = verified_client(user).get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, url
    return _visible_text(response.content.decode())


def _pages() -> list[tuple[str, str]]:
    plan = Plan.objects.get(code="SVPP-2026")
    case = Case.objects.order_by("pk").first()
    assert case is not None
    return [
        ("coordinator", reverse("plan:detail", args=[plan.pk])),
        ("coordinator", reverse("plan:dashboard", args=[plan.pk])),
        ("coordinator", reverse("plan:survey")),
        ("coordinator", reverse("plan:partners")),
        ("ascertainer", reverse("sanctions:file_report")),  # the catalogue's articles
        ("sanctioner", reverse("sanctions:case", args=[case.number])),
        ("planner", reverse("cpted:flow")),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_pages_show_no_english_from_the_catalogue(demo, language: str) -> None:
    english = _english_catalogue()
    assert "Illegal dumping" in english and "Primary prevention" in english
    for username, url in _pages():
        text = _page(username, url, language)
        found = sorted(name for name in english if name in text)
        # The spectrum's raw values ("primary, secondary") as words of their own.
        found += re.findall(r"\b(?:primary|secondary|tertiary)\b", text)
        assert not found, f"{url} ({language}) shows English: {found}"


def test_the_pages_show_the_translations_instead(demo) -> None:
    partners = _page("coordinator", reverse("plan:partners"), "fr")
    assert "Prévention primaire" in partners
    survey = _page("coordinator", reverse("plan:survey"), "nl")
    assert "Veiligheidsmonitor (nationaal)" in survey
    report = _page("ascertainer", reverse("sanctions:file_report"), "fr")
    assert "ABP-12 Dépôt clandestin" in report
    flow = " ".join(_page("planner", reverse("cpted:flow"), "nl").split())
    assert "T4 Aantal woningen geheel getal ≥ 10 → Volledige CPTED-toets" in flow
    assert "anders → vraag T5" in flow
    assert "minstens een van: plein / publieke ruimte, park / groen" in flow
