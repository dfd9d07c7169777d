"""The audit log and the access log are append-only and record who, what, when, from where."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from urbis.core import services
from urbis.core.audit import log_access, record_event
from urbis.core.models import AccessLogEntry, AuditEvent, Organisation
from urbis.core.testing.fixtures import verified_client

pytestmark = pytest.mark.django_db


def test_service_records_event_with_actor(coordinator) -> None:
    organisation = services.organisation_create(
        actor=coordinator, name="Buurtwerk", kind="civil_society"
    )
    event = AuditEvent.objects.get(action="organisation.created", object_id=str(organisation.pk))
    assert event.actor == coordinator
    assert event.object_type == "core.organisation"
    assert event.data["name"] == "Buurtwerk"


def test_event_rolls_back_with_the_failed_write(coordinator) -> None:
    services.organisation_create(actor=coordinator, name="Dup", kind="other")
    before = AuditEvent.objects.count()
    with pytest.raises(Exception):  # noqa: B017 - full_clean raises ValidationError on the duplicate
        services.organisation_create(actor=coordinator, name="Dup", kind="other")
    assert AuditEvent.objects.count() == before
    assert Organisation.objects.filter(name="Dup").count() == 1


def test_orm_refuses_update_and_delete(coordinator) -> None:
    event = record_event(actor=coordinator, action="test.done", target=("core.thing", 1))
    event.action = "tampered"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="tampered")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.done"


@pytest.mark.parametrize("table", ["core_auditevent", "core_accesslogentry"])
def test_database_refuses_raw_update_and_delete(coordinator, table: str) -> None:
    record_event(actor=coordinator, action="test.done", target=("core.thing", 1))
    log_access(user=coordinator, target=("core.person", 1), purpose="core.test")
    column = "action" if table == "core_auditevent" else "purpose"
    for sql in (f"UPDATE {table} SET {column} = 'x'", f"DELETE FROM {table}"):  # noqa: S608
        with (
            pytest.raises((DatabaseError, IntegrityError)),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)


def test_event_records_where_the_request_came_from(admin_user) -> None:
    client = verified_client(admin_user)
    response = client.post(
        reverse("core:password_change"),
        {
            "old_password": "a-test-password-1",
            "new_password1": "Kraan-Dijle-2026!",
            "new_password2": "Kraan-Dijle-2026!",
        },
        REMOTE_ADDR="198.51.100.7",
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="user.password_changed")
    assert event.ip_address == "198.51.100.7"
    assert event.actor == admin_user
    assert event.request_id


def test_an_access_log_entry_names_reader_object_and_purpose(caseworker) -> None:
    organisation = Organisation.objects.create(name="Buurtwerk", kind="civil_society")
    assert AccessLogEntry.objects.count() == 0
    log_access(user=caseworker, target=organisation, purpose="casework.review")
    entry = AccessLogEntry.objects.get()
    assert entry.user == caseworker
    assert entry.object_type == "core.organisation" and entry.object_id == str(organisation.pk)
    assert entry.purpose == "casework.review"


def test_audit_page_shows_events_to_dpo(dpo, coordinator) -> None:
    services.organisation_create(actor=coordinator, name="Wijkteam", kind="other")
    response = verified_client(dpo).get(reverse("core:audit_log"), {"q": "organisation"})
    assert response.status_code == 200
    assert b"organisation.created" in response.content


def test_anonymous_cannot_read_audit(client: Client) -> None:
    assert client.get(reverse("core:audit_log")).status_code == 302
