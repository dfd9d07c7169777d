"""Checklist templates uploaded as YAML/JSON: validated per item (strategies among the ten of
ISO 22341:2021 §5.2, unique codes, known rating scales, positive weights), all or nothing, and
downloaded in the same format."""

from __future__ import annotations

import json

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from urbis.core.models import AuditEvent
from urbis.core.testing.fixtures import verified_client
from urbis.cpted import services
from urbis.cpted.models import ChecklistItem, ChecklistTemplate

pytestmark = pytest.mark.django_db

GOOD = """
code: parks
version: "2027-1"
name: Parks walk
items:
  - code: P-01
    strategy: natural_surveillance
    question:
      en: Can you see the whole playground?
      nl: Is het hele speelplein zichtbaar?
      fr: Voit-on toute l'aire de jeux ?
    guidance: Look from the benches.
    critical: true
    weight: 2
  - code: P-02
    strategy: maintenance
    question: Are the bins emptied?
    scale: yes_no_unobservable
    time_of_day: day
"""


def test_upload_creates_a_version_with_translations(coordinator) -> None:
    template = services.checklist_upload(actor=coordinator, document=yaml.safe_load(GOOD))
    first, second = template.items.all()
    assert (first.code, first.critical, float(first.weight)) == ("P-01", True, 2.0)
    assert first.question_in("nl") == "Is het hele speelplein zichtbaar?"
    assert first.guidance_in("fr") == "Look from the benches."  # no French: English
    assert (second.scale, second.time_of_day, float(second.weight)) == (
        "yes_no_unobservable",
        "day",
        1.0,
    )
    assert AuditEvent.objects.filter(action="cpted.checklist_uploaded").count() == 1


@pytest.mark.parametrize(
    "change, field, message",
    [
        (
            lambda d: d["items"][1].update(code="P-01"),
            "items",
            "Item P-01: the code P-01 is used twice.",
        ),
        (
            lambda d: d["items"][0].update(strategy="lighting"),
            "items",
            "Item P-01: strategy 'lighting' is not one of the ten ISO 22341 strategies",
        ),
        (
            lambda d: d["items"][1].update(weight=0),
            "items",
            "Item P-02: the weight must be above 0",
        ),
        (
            lambda d: d["items"][1].update(weight=-1),
            "items",
            "Item P-02: the weight must be above 0",
        ),
        (
            lambda d: d["items"][1].update(weight="heavy"),
            "items",
            "Item P-02: the weight must be a number",
        ),
        (
            lambda d: d["items"][0].update(scale="one_to_ten"),
            "items",
            "Item P-01: rating scale 'one_to_ten' is unknown",
        ),
        (lambda d: d["items"][1].pop("question"), "items", "Item P-02: question is required."),
        (
            lambda d: d["items"][0].update(question={"nl": "Alleen Nederlands"}),
            "items",
            "Item P-01: question: the English text (en) is required.",
        ),
        (lambda d: d["items"][0].update(colour="red"), "items", "Item P-01: unknown keys: colour."),
        (lambda d: d["items"][1].pop("code"), "items", "Item item 2: the code is missing."),
        (lambda d: d.update(items=[]), "items", "Give at least one item."),
        (lambda d: d.update(version=""), "version", "Give a version"),
        (lambda d: d.update(code="bad code!"), "code", "Give a code"),
    ],
)
def test_bad_documents_name_the_item_and_save_nothing(coordinator, change, field, message) -> None:  # type: ignore[no-untyped-def]
    document = yaml.safe_load(GOOD)
    change(document)
    before = (ChecklistTemplate.objects.count(), ChecklistItem.objects.count())
    with pytest.raises(ValidationError) as error:
        services.checklist_upload(actor=coordinator, document=document)
    assert any(message in m for m in error.value.message_dict[field]), error.value.message_dict
    assert (ChecklistTemplate.objects.count(), ChecklistItem.objects.count()) == before


def test_existing_version_is_refused(coordinator) -> None:
    services.checklist_upload(actor=coordinator, document=yaml.safe_load(GOOD))
    with pytest.raises(ValidationError) as error:
        services.checklist_upload(actor=coordinator, document=yaml.safe_load(GOOD))
    assert "version" in error.value.message_dict


def test_download_round_trips_into_a_new_version(coordinator, template) -> None:
    client = verified_client(coordinator)
    response = client.get(reverse("cpted:checklist_download", args=[template.pk, "yaml"]))
    assert response.status_code == 200
    assert "iso22341-2026-1.yaml" in response["Content-Disposition"]
    document = yaml.safe_load(response.content.decode())
    ns03 = next(item for item in document["items"] if item["code"] == "NS-03")
    assert ns03["question"]["nl"].startswith("Is de verlichting")
    assert ns03["critical"] is True and ns03["weight"] == 2.0
    assert document["name"]["fr"] == "Contrôle CPTED (stratégies ISO 22341)"
    as_json = json.loads(
        client.get(reverse("cpted:checklist_download", args=[template.pk, "json"])).content
    )
    assert as_json == document
    document["version"] = "2026-2"
    copy = services.checklist_upload(actor=coordinator, document=document)
    assert copy.items.count() == template.items.count()
    assert copy.name_in("nl") == "CPTED-toets (ISO 22341-strategieën)"
    assert copy.items.get(code="NS-03").question_fr == template.items.get(code="NS-03").question_fr
    assert (
        client.get(reverse("cpted:checklist_download", args=[template.pk, "xml"])).status_code
        == 404
    )


def test_upload_page_saves_a_file_and_shows_per_item_errors(cpted_advisor, template) -> None:
    client = verified_client(cpted_advisor)
    url = reverse("cpted:checklists")
    assert "iso22341" in client.get(url).content.decode()
    bad = GOOD.replace("strategy: maintenance", "strategy: lighting")
    response = client.post(url, {"document": bad})
    assert response.status_code == 400
    assert (
        "Item P-02: strategy &#x27;lighting&#x27; is not one of the ten"
        in response.content.decode()
    )
    assert not ChecklistTemplate.objects.filter(code="parks").exists()
    upload = SimpleUploadedFile("parks.yaml", GOOD.encode(), content_type="application/yaml")
    assert client.post(url, {"upload": upload}).status_code == 302
    assert ChecklistTemplate.objects.get(code="parks").items.count() == 2


def test_upload_page_in_dutch(cpted_advisor) -> None:
    from django.utils import translation

    client = verified_client(cpted_advisor)
    bad = GOOD.replace("weight: 2", "weight: 0")
    with translation.override("nl"):
        response = client.post(
            reverse("cpted:checklists"), {"document": bad}, HTTP_ACCEPT_LANGUAGE="nl"
        )
    html = response.content.decode()
    assert "Item P-01: het gewicht moet groter zijn dan 0" in html
    assert "Checklistsjablonen" in html


def test_api_upload_400_then_201(coordinator) -> None:
    client = verified_client(coordinator)
    document = yaml.safe_load(GOOD)
    document["items"][0]["weight"] = -2
    response = client.post(
        "/api/v1/cpted/checklists/", {"document": document}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "Item P-01: the weight must be above 0" in json.dumps(response.json())
    assert not ChecklistTemplate.objects.filter(code="parks").exists()
    document["items"][0]["weight"] = 2
    response = client.post(
        "/api/v1/cpted/checklists/", {"document": document}, content_type="application/json"
    )
    assert response.status_code == 201
    assert (
        response.json()["document"]["items"][0]["question"]["fr"]
        == "Voit-on toute l'aire de jeux ?"
    )


def test_planner_and_outsider_cannot_manage_templates(planner, outsider, template) -> None:
    for user in (planner, outsider):
        client = verified_client(user)
        assert client.get(reverse("cpted:checklists")).status_code == 404
        assert client.post(reverse("cpted:checklists"), {"document": GOOD}).status_code == 404
        assert (
            client.get(reverse("cpted:checklist_download", args=[template.pk, "yaml"])).status_code
            == 404
        )
        assert client.post(
            "/api/v1/cpted/checklists/", {"document": {}}, content_type="application/json"
        ).status_code in (403, 404)
    assert not ChecklistTemplate.objects.filter(code="parks").exists()
