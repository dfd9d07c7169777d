"""Rule texts on the case page in the page's language (issue 11 §4): the legal bases of the
history rows (stored in English, append-only, never rewritten), of the deadline table and of
the steps offered are said in Dutch or French at display."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from urbis.core.testing.fixtures import verified_client
from urbis.sanctions.models import StatusChange
from urbis.sanctions.rules.workflow import REGISTER_LEGAL_BASIS
from urbis.sanctions.services import cases as case_services
from urbis.sanctions.services.intake import ascertainment_create
from urbis.sanctions.templatetags.gas import gas_text
from urbis.sanctions.tests.conftest import report

pytestmark = pytest.mark.django_db

OPENED = "art. 25 (GAS-R17): registered letter with facts, qualification, rights, 15-day defence"
DEFENCE = "art. 25 GAS law"
MEDIATION = "art. 4 §2, art. 12 and 18 (GAS-R08, R22): local mediation; mandatory offer for minors"
SAID = {
    "nl": {
        REGISTER_LEGAL_BASIS: "art. 22 (GAS-R13): pv of vaststelling overgemaakt aan de "
        "sanctionerend ambtenaar",
        OPENED: "art. 25 (GAS-R17): aangetekende brief met de feiten, de kwalificatie, de "
        "rechten en 15 dagen voor verweer",
        DEFENCE: "art. 25 GAS-wet",
        MEDIATION: "art. 4 §2, art. 12 en 18 (GAS-R08, R22): lokale bemiddeling; verplicht "
        "aanbod voor minderjarigen",
    },
    "fr": {
        REGISTER_LEGAL_BASIS: "art. 22 (GAS-R13) : PV ou constat transmis au fonctionnaire "
        "sanctionnateur",
        OPENED: "art. 25 (GAS-R17) : lettre recommandée avec les faits, la qualification, les "
        "droits et 15 jours pour la défense",
        DEFENCE: "art. 25 loi SAC",
        MEDIATION: "art. 4 §2, art. 12 et 18 (GAS-R08, R22) : médiation locale ; offre "
        "obligatoire pour les mineurs",
    },
}


@time_machine.travel("2026-09-05 10:00", tick=False)
@pytest.mark.parametrize("language", ["nl", "fr"])
def test_the_case_page_says_the_legal_bases_in_the_page_language(
    catalogue, gas_staff, language: str
) -> None:
    case = ascertainment_create(actor=gas_staff, data=report()).case
    case_services.case_transition(actor=gas_staff, case=case, action="send_opening_letter")
    stored = list(case.history.order_by("at", "pk").values_list("legal_basis", flat=True))
    assert stored == [REGISTER_LEGAL_BASIS, OPENED]  # the rows keep the table's English text
    client = verified_client(gas_staff)
    client.post(reverse("set_language"), {"language": language})
    page = client.get(reverse("sanctions:case", args=[case.number]))
    assert page.status_code == 200
    html = page.content.decode()
    for english, said in SAID[language].items():
        assert escape(said) in html, said
        assert escape(english) not in html, english
    # the rows themselves were not rewritten
    assert list(case.history.order_by("at", "pk").values_list("legal_basis", flat=True)) == stored


@time_machine.travel("2026-09-05 10:00", tick=False)
def test_an_older_wording_and_the_english_page_show_the_stored_text(catalogue, gas_staff) -> None:
    case = ascertainment_create(actor=gas_staff, data=report()).case
    earlier = "art. 22: an older wording kept on the row"  # as a row of an earlier version
    StatusChange.objects.create(
        case=case,
        at=case.history.get().at,
        action="register",
        to_status="received",
        legal_basis=earlier,
    )
    client = verified_client(gas_staff)
    client.post(reverse("set_language"), {"language": "fr"})
    html = client.get(reverse("sanctions:case", args=[case.number])).content.decode()
    assert escape(earlier) in html and escape(SAID["fr"][REGISTER_LEGAL_BASIS]) in html
    client.post(reverse("set_language"), {"language": "en"})
    html = client.get(reverse("sanctions:case", args=[case.number])).content.decode()
    assert escape(REGISTER_LEGAL_BASIS) in html and escape(earlier) in html
    with translation.override("fr"):
        assert gas_text(earlier) == earlier
        assert gas_text("") == "" and gas_text(None) == ""
        assert gas_text(DEFENCE) == "art. 25 loi SAC"
