"""GAS reads of case data write the access log, from the selectors, with a purpose code:
pages and API alike, and lists log the records of the page shown (one insert)."""

from __future__ import annotations

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from urbis.core.models import AccessLogEntry
from urbis.core.testing.fixtures import verified_client
from urbis.sanctions import selectors
from urbis.sanctions.services.intake import ascertainment_create
from urbis.sanctions.tests.conftest import report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():  # type: ignore[no-untyped-def]
    with time_machine.travel("2026-09-05 10:00", tick=False):
        yield


def api(user):  # type: ignore[no-untyped-def]
    client = verified_client(user)
    token, _ = Token.objects.get_or_create(user=user)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    return client


@pytest.fixture
def cases(catalogue, ascertainer):  # type: ignore[no-untyped-def]
    return [
        ascertainment_create(actor=ascertainer, data=report(reference=f"BV/2026/09{n}")).case
        for n in range(3)
    ]


def logged(user, purpose: str) -> list[str]:  # type: ignore[no-untyped-def]
    rows = AccessLogEntry.objects.filter(user=user, purpose=purpose)
    return sorted(rows.values_list("object_id", flat=True))


def test_case_page_logs_the_case(cases, gas_staff) -> None:
    response = verified_client(gas_staff).get(f"/gas/cases/{cases[0].number}/")
    assert response.status_code == 200
    assert logged(gas_staff, "gas.case") == [str(cases[0].pk)]
    row = AccessLogEntry.objects.get(purpose="gas.case")
    assert row.object_type == "sanctions.case" and row.path == f"/gas/cases/{cases[0].number}/"


def test_case_list_page_logs_the_cases_shown(cases, gas_staff) -> None:
    response = verified_client(gas_staff).get("/gas/cases/", {"q": cases[1].number})
    assert response.status_code == 200
    assert logged(gas_staff, "gas.case_list") == [str(cases[1].pk)]


def test_an_outsider_reads_nothing_and_nothing_is_logged(cases, outsider) -> None:
    assert verified_client(outsider).get(f"/gas/cases/{cases[0].number}/").status_code == 404
    assert api(outsider).get(f"/api/v1/gas/cases/{cases[0].number}/").status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_api_case_and_case_list_are_logged(cases, gas_staff) -> None:
    client = api(gas_staff)
    assert client.get(f"/api/v1/gas/cases/{cases[2].number}/").status_code == 200
    assert logged(gas_staff, "gas.api.case") == [str(cases[2].pk)]
    body = client.get("/api/v1/gas/cases/").json()
    assert body["count"] == 3
    assert logged(gas_staff, "gas.api.cases") == sorted(str(c.pk) for c in cases)


def test_list_selector_logs_only_its_page_in_one_insert(cases, gas_staff) -> None:
    with CaptureQueriesContext(connection) as queries:
        page = selectors.case_page(user=gas_staff, purpose="gas.case_list", per_page=2, number=2)
    assert [c.pk for c in page.object_list] == [cases[0].pk]  # newest first: page 2 is the oldest
    assert logged(gas_staff, "gas.case_list") == [str(cases[0].pk)]
    inserts = [q for q in queries.captured_queries if "INSERT" in q["sql"].upper()]
    assert len(inserts) == 1


def test_a_purpose_is_a_stable_code(gas_staff) -> None:
    from urbis.core.audit import log_access

    with pytest.raises(ValueError, match="purpose"):
        log_access(user=gas_staff, target=("sanctions.case", 1), purpose="looked at a case")


def test_dispatch_list_logs_each_letters_case_in_one_insert(cases, gas_staff) -> None:
    from urbis.sanctions.models import Letter
    from urbis.sanctions.services import cases as case_services

    for case in cases[:2]:
        case_services.case_transition(actor=gas_staff, case=case, action="send_opening_letter")
    letters = Letter.objects.filter(registered=True)
    assert letters.count() >= 2
    client = verified_client(gas_staff)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/gas/dispatch/", {"day": "2026-09-05"})
    assert response.status_code == 200
    assert logged(gas_staff, "gas.dispatch_list") == sorted(str(x.case_id) for x in letters)
    inserts = [
        q
        for q in queries.captured_queries
        if q["sql"].upper().startswith("INSERT INTO") and "access" in q["sql"].lower()
    ]
    assert len(inserts) == 1
