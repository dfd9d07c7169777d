"""Defect 13: a GET never writes. The default checklist and triage flow are seeded by migration
0005 (and re-seeded by an explicit, atomic and idempotent service), not by the first page view,
and a service's ValidationError reaches the page's field and the API's 400 the same way."""

from __future__ import annotations

import importlib

import pytest
import yaml
from django.apps import apps
from rest_framework.authtoken.models import Token

from urbis.core.models import AuditEvent
from urbis.core.testing.fixtures import verified_client
from urbis.cpted import checklist, services
from urbis.cpted.models import ChecklistItem, ChecklistTemplate, TriageFlow

pytestmark = pytest.mark.django_db


def api(user):  # type: ignore[no-untyped-def]
    client = verified_client(user)
    token, _ = Token.objects.get_or_create(user=user)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    return client


def row_counts() -> dict[str, int]:
    models = [*apps.get_app_config("cpted").get_models(), AuditEvent]
    return {model._meta.label: model.objects.count() for model in models}


def empty_defaults() -> None:
    ChecklistItem.objects.all().delete()
    ChecklistTemplate.objects.all().delete()
    TriageFlow.objects.all().delete()


def test_the_migrated_database_holds_the_defaults_once() -> None:
    assert ChecklistTemplate.objects.filter(code=checklist.CODE).count() == 1
    assert ChecklistItem.objects.filter(template__code=checklist.CODE).count() == len(
        checklist.ITEMS
    )
    assert TriageFlow.objects.count() == 1


def test_the_migration_creates_the_defaults_once() -> None:
    migration = importlib.import_module("urbis.cpted.migrations.0005_default_flow")
    empty_defaults()
    migration.forwards(apps, None)
    migration.forwards(apps, None)
    assert ChecklistTemplate.objects.count() == 1
    assert ChecklistItem.objects.count() == len(checklist.ITEMS)
    assert TriageFlow.objects.get().version == "default-2"


def test_the_reseed_service_is_idempotent_and_audited() -> None:
    empty_defaults()
    first = services.cpted_defaults_install(actor=None)
    second = services.cpted_defaults_install(actor=None)
    assert first.checklist_created and first.flow_created
    assert not second.checklist_created and not second.flow_created
    assert TriageFlow.objects.count() == 1 and ChecklistTemplate.objects.count() == 1
    actions = AuditEvent.objects.filter(action__startswith="cpted.").values_list("action")
    assert sorted(a for (a,) in actions) == ["cpted.checklist_installed", "cpted.flow_installed"]


def test_a_city_flow_is_never_replaced_by_the_default(coordinator) -> None:
    document = services.default_flow_document()
    services.flow_save(actor=coordinator, document=document, version="city-1")
    assert not services.cpted_defaults_install(actor=None).flow_created
    assert TriageFlow.objects.order_by("-created_at", "-pk").first().version == "city-1"


@pytest.mark.parametrize("defaults", ["seeded", "missing"])
def test_gets_write_no_rows(defaults, housing, cpted_advisor, coordinator, planner) -> None:
    if defaults == "missing":
        empty_defaults()
    before = row_counts()
    advisor = verified_client(cpted_advisor)
    assert advisor.get(f"/cpted/{housing.pk}/").status_code == 200
    flow_status = 200 if defaults == "seeded" else 404
    assert verified_client(coordinator).get("/cpted/flow/").status_code == flow_status
    assert verified_client(planner).get(f"/cpted/{housing.pk}/triage/").status_code == flow_status
    assert api(planner).get("/api/v1/cpted/flow/").status_code == flow_status
    assert api(cpted_advisor).get("/api/v1/cpted/checklists/").status_code == 200
    assert row_counts() == before


def test_a_triage_on_a_database_without_flow_reseeds_it_in_the_write(housing, planner) -> None:
    from urbis.cpted.tests.conftest import HOUSING_ANSWERS

    empty_defaults()
    triage = services.triage_record(actor=planner, project=housing, answers=HOUSING_ANSWERS)
    assert triage.flow.version == "default-2"


def test_a_service_error_on_a_named_field_shows_on_that_field(coordinator) -> None:
    current = TriageFlow.objects.get()
    page = verified_client(coordinator).post(
        "/cpted/flow/",
        {"document": yaml.safe_dump(current.document), "version": current.version, "note": ""},
    )
    assert page.status_code == 400
    assert list(page.context["form"].errors) == ["version"]
    response = api(coordinator).post(
        "/api/v1/cpted/flow/",
        {"document": current.document, "version": current.version},
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and list(body["errors"]) == ["version"]
