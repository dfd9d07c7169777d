"""Issue 5: data texts in Dutch, French and English — the triage flow (questions, path, check
moments, diagram), the default checklist items and the red-flag advice are shown in the page's
or the report's language whoever recorded them; a missing language shows English."""

from __future__ import annotations

import copy
import io

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from urbis.core.demo.city import load_core_demo
from urbis.core.models import User
from urbis.core.testing.fixtures import verified_client
from urbis.cpted import services
from urbis.cpted.demo import load_cpted_demo
from urbis.cpted.diagram import flow_svg
from urbis.cpted.models import InvestmentProject, Recommendation, Triage
from urbis.cpted.texts import LANGUAGES, pick
from urbis.cpted.triage import (
    FlowError,
    add_translations,
    default_flow,
    evaluate,
    render_path,
    validate_flow,
)

ANSWERS = {"T15": False, "T2": "new_build", "T1": ["housing"], "T4": 24}


def _pdf_text(content: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


# --- pure: the flow document -------------------------------------------------------------


def test_default_flow_has_every_text_in_three_languages() -> None:
    flow = default_flow()
    for qid, question in flow["questions"].items():
        assert set(question["text"]) == set(LANGUAGES), qid
        for rule in question.get("rules", []):
            assert set(rule["reason"]) == set(LANGUAGES), qid
        for label in question.get("choice_labels", {}).values():
            assert set(label) == set(LANGUAGES), qid
    for moments in flow["check_moments"].values():
        assert all(set(moment) == set(LANGUAGES) for moment in moments)


@pytest.mark.parametrize(
    "language, expected",
    [
        ("en", "T4 Number of dwellings: 24 → 10 or more dwellings"),
        ("nl", "T4 Aantal woningen: 24 → 10 of meer woningen"),
        ("fr", "T4 Nombre de logements: 24 → 10 logements ou plus"),
        ("nl-be", "T4 Aantal woningen: 24 → 10 of meer woningen"),
        ("de", "T4 Number of dwellings: 24 → 10 or more dwellings"),
    ],
)
def test_path_is_rendered_per_language(language: str, expected: str) -> None:
    decision = evaluate(default_flow(), ANSWERS)
    rendered = render_path(decision.steps, language)
    assert rendered[-1] == expected
    assert decision.path == render_path(decision.steps, "en")


def test_answers_read_in_the_language() -> None:
    decision = evaluate(default_flow(), ANSWERS)
    assert render_path(decision.steps, "nl")[0] == (
        "T15 Kritieke infrastructuur of drukke plaats?: nee"
    )
    assert "Soort werken: nieuwbouw" in render_path(decision.steps, "nl")[1]
    assert "Type de projet: logement" in render_path(decision.steps, "fr")[2]


def test_single_string_documents_still_work_and_fall_back_to_english() -> None:
    flow = {
        "start": "A",
        "questions": {
            "A": {
                "text": {"en": "Size", "nl": "Grootte"},
                "type": "int",
                "rules": [{"op": ">=", "value": 5, "then": "outcome:full_check", "reason": "big"}],
                "else": "outcome:no_check",
            }
        },
    }
    validate_flow(flow)
    steps = evaluate(flow, {"A": 7}).steps
    assert render_path(steps, "nl") == ["A Grootte: 7 → big"]
    assert render_path(steps, "fr") == ["A Size: 7 → big"]  # no French: English
    assert pick("plain", "fr") == "plain"


@pytest.mark.parametrize(
    "change, problem",
    [
        (lambda f: f["questions"]["T4"].update(text={"nl": "Woningen"}), "T4 text: the English"),
        (
            lambda f: f["questions"]["T4"].update(text={"en": "x", "de": "y"}),
            "T4 text: unknown language de",
        ),
        (
            lambda f: f["questions"]["T4"]["rules"][0].update(reason=["x"]),
            "T4 rule 1 reason: must be a text",
        ),
        (
            lambda f: f["questions"]["T2"]["choice_labels"].update(demolition="x"),
            "T2 choice_labels: 'demolition' is not among the choices",
        ),
        (lambda f: f["check_moments"].update(someday=["x"]), "unknown phase 'someday'"),
        (lambda f: f["check_moments"].update(idea="x"), "check_moments.idea: must be a list"),
    ],
)
def test_bad_texts_are_refused_naming_the_place(change, problem: str) -> None:  # type: ignore[no-untyped-def]
    flow = copy.deepcopy(default_flow())
    change(flow)
    with pytest.raises(FlowError) as error:
        validate_flow(flow)
    assert any(problem in p for p in error.value.problems), error.value.problems


def test_diagram_in_french() -> None:
    svg = flow_svg(default_flow(), {}, "fr")
    assert "Nombre de logements" in svg and "10 logements ou plus" in svg


# --- pages, PDF and API ------------------------------------------------------------------


@pytest.fixture
def demo(db: None) -> InvestmentProject:
    load_core_demo(None)
    load_cpted_demo(None)
    return InvestmentProject.objects.get(name="Woonproject Vijfhoek (demo)")


def _client(name: str):  # type: ignore[no-untyped-def]
    return verified_client(User.objects.get(username=name))


def _get(client, url: str, language: str):  # type: ignore[no-untyped-def]
    with translation.override(language):
        return client.get(url, HTTP_ACCEPT_LANGUAGE=language)


def test_same_triage_dutch_on_a_dutch_page_french_in_a_french_pdf(demo) -> None:
    triage = demo.current_triage
    assert triage.steps  # stored as structured steps, rendered per language
    client = _client("cpted")
    page = _get(client, reverse("cpted:project", args=[demo.pk]), "nl").content.decode()
    assert "T4 Aantal woningen: 36 → 10 of meer woningen" in page
    assert "voor het voorontwerp wordt afgesloten" in page
    assessment = demo.assessments.get()
    french = _pdf_text(client.get(reverse("cpted:report", args=[assessment.pk, "fr"])).content)
    assert "T4 Nombre de logements: 36 → 10 logements ou plus" in french
    assert "avant la clôture de l'avant-projet" in french
    english = _pdf_text(client.get(reverse("cpted:report", args=[assessment.pk, "en"])).content)
    assert "T4 Number of dwellings: 36 → 10 or more dwellings" in english


def test_triage_form_and_flow_page_in_dutch(demo) -> None:
    client = _client("planner")
    form = _get(client, reverse("cpted:triage", args=[demo.pk]), "nl").content.decode()
    assert "T4 · Aantal woningen" in form and "nieuwbouw" in form
    flow = _get(client, reverse("cpted:flow"), "fr").content.decode()
    assert "Nombre de logements" in flow and "10 logements ou plus" in flow


def test_api_path_in_the_request_language(demo) -> None:
    client = _client("planner")
    body = _get(client, f"/api/v1/cpted/projects/{demo.pk}/", "fr").json()
    assert body["triage"]["language"] == "fr"
    assert body["triage"]["path"][-1] == "T4 Nombre de logements: 36 → 10 logements ou plus"
    assert body["triage"]["steps"][-1]["reason"]["nl"] == "10 of meer woningen"


def test_triage_stored_before_steps_still_shows_its_path(demo) -> None:
    Triage.objects.filter(pk=demo.current_triage.pk).update(
        steps=[], check_moments=["before the preliminary design closes"]
    )
    page = _get(_client("cpted"), reverse("cpted:project", args=[demo.pk]), "nl").content.decode()
    assert "T4 Number of dwellings: 36 → 10 or more dwellings" in page
    assert "before the preliminary design closes" in page


def test_checklist_items_in_the_page_and_report_language(demo) -> None:
    assessment = demo.assessments.get()
    client = _client("cpted")
    page = _get(client, reverse("cpted:assessment", args=[assessment.pk]), "nl").content.decode()
    assert "Is de verlichting gelijkmatig, zonder donkere plekken" in page
    assert "CPTED-toets (ISO 22341-strategieën)" in page
    draft = services.assessment_start(
        actor=User.objects.get(username="cpted"), project=demo, template=assessment.template
    )
    zone = reverse("cpted:zone_checklist", args=[draft.pk, draft.zones.get().pk])
    assert "Loop de routes na donker" in _get(client, zone, "nl").content.decode()
    french = _pdf_text(client.get(reverse("cpted:report", args=[assessment.pk, "fr"])).content)
    assert "L'éclairage est-il uniforme" in french


def test_item_without_translation_shows_english(template) -> None:
    item = template.items.get(code="NS-03")
    item.question_fr = ""
    assert item.question_in("fr") == item.question
    assert item.question_in("nl").startswith("Is de verlichting")


def test_red_flag_advice_reads_in_the_readers_language(demo) -> None:
    # The demo assessment was completed in English; the advice is stored in all three.
    rec = Recommendation.objects.get(project=demo, requirement="mandatory")
    assert set(rec.texts) == set(LANGUAGES)
    assert rec.text_in("nl").startswith("Rode vlag NS-03 (Binnenkoer): Is de verlichting")
    client = _client("cpted")
    page = _get(client, reverse("cpted:project", args=[demo.pk]), "nl").content.decode()
    assert "Is de verlichting gelijkmatig" in page
    french = _pdf_text(
        client.get(reverse("cpted:report", args=[demo.assessments.get().pk, "fr"])).content
    )
    assert "Signal d'alerte NS-03" in french
    body = _get(client, f"/api/v1/cpted/recommendations/{rec.pk}/", "fr").json()
    assert body["text"].startswith("Signal d'alerte NS-03")
    # Typed advice stays as written.
    typed = Recommendation.objects.get(project=demo, quick_win=True)
    assert typed.text_in("fr") == "Markeer de ingang van de binnenkoer met een poort en beplanting."


def test_red_flag_completed_in_dutch_reads_english_in_english(demo) -> None:
    advisor = User.objects.get(username="cpted")
    project = InvestmentProject.objects.get(name="Herinrichting Kruidtuin (demo)")
    assessment = services.assessment_start(
        actor=advisor, project=project, template=services.checklist_default()
    )
    item = assessment.template.items.get(code="NS-01")
    services.rating_record(
        actor=advisor,
        assessment=assessment,
        item=item,
        zone=assessment.zones.get(),
        value=1,
    )
    with translation.override("nl"):
        services.assessment_complete(
            actor=advisor,
            assessment=assessment,
            summary="Slecht overzicht.",
            signed_off_by="B",
            accept_low_coverage=True,
        )
    rec = Recommendation.objects.get(assessment=assessment)
    assert rec.text_in("en").startswith("Red flag NS-01 (Whole site): Are all publicly")
    assert rec.text_in("nl").startswith("Rode vlag NS-01 (Volledige site): Worden alle")
    assert rec.text_in("fr").startswith("Signal d'alerte NS-01 (Site entier)")


def test_english_only_flow_gains_dutch_and_french_without_changing_a_rule() -> None:
    english = copy.deepcopy(default_flow())
    for question in english["questions"].values():
        question["text"] = question["text"]["en"]
        question.pop("choice_labels", None)
        if "else_reason" in question:
            question["else_reason"] = question["else_reason"]["en"]
        for rule in question["rules"]:
            rule["reason"] = rule["reason"]["en"]
    english["questions"]["T4"]["text"] = "Dwellings (own wording)"
    translated = add_translations(english, default_flow())
    validate_flow(translated)
    steps = evaluate(translated, ANSWERS).steps
    assert render_path(steps, "nl")[-1] == "T4 Dwellings (own wording): 24 → 10 of meer woningen"
    assert "Soort werken: nieuwbouw" in render_path(steps, "nl")[1]
    for qid, question in translated["questions"].items():
        ops = [(r["op"], r.get("value"), r["then"]) for r in question["rules"]]
        assert ops == [
            (r["op"], r.get("value"), r["then"]) for r in english["questions"][qid]["rules"]
        ]
    assert evaluate(translated, ANSWERS).outcome == evaluate(english, ANSWERS).outcome


def test_default_zone_name_is_shown_in_the_page_language(demo) -> None:
    advisor = User.objects.get(username="cpted")
    project = InvestmentProject.objects.get(name="Herinrichting Kruidtuin (demo)")
    assessment = services.assessment_start(
        actor=advisor, project=project, template=services.checklist_default()
    )
    url = reverse("cpted:assessment", args=[assessment.pk])
    assert "Site entier" in _get(_client("cpted"), url, "fr").content.decode()
