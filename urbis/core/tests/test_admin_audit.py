"""Writes through Django's admin site are in the audit log (urbis.core.admin_audit)."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.contrib.admin.models import LogEntry

from urbis.core.admin_audit import AuditedModelAdmin
from urbis.core.admin_site import admin_site
from urbis.core.models import AuditEvent, Organisation
from urbis.core.testing.fixtures import verified_client

pytestmark = pytest.mark.django_db


def base() -> str:
    return "/" + settings.URBIS_ADMIN_PATH + "core/organisation/"


def form(**fields: Any) -> dict[str, Any]:
    data = {
        "name": "Police zone",
        "short_name": "",
        "kind": "police_zone",
        "prevention_levels": "[]",
        "initial-prevention_levels": "[]",  # a callable default: the page posts its initial
        "parent": "",
        "website": "",
        "email": "",
        "phone": "",
        "description": "",
        "is_active": "on",
    }
    return {**data, **fields}


def admin_events() -> Any:
    return AuditEvent.objects.filter(action__startswith="admin.")


def test_every_registered_admin_is_audited() -> None:
    # Whatever an admin.py registers (with or without its own ModelAdmin) is audited.
    assert admin_site._registry
    assert all(isinstance(m, AuditedModelAdmin) for m in admin_site._registry.values())


def test_add_records_one_event_with_actor_target_and_fields(admin_user) -> None:
    client = verified_client(admin_user)
    response = client.post(base() + "add/", form(phone="015 29 76 00"))
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Police zone")
    (event,) = admin_events()
    assert (event.action, event.actor, event.actor_label) == ("admin.add", admin_user, "admin")
    assert (event.object_type, event.object_id, event.object_label) == (
        "core.organisation",
        str(organisation.pk),
        "Police zone",
    )
    assert {"name", "kind", "phone"} <= set(event.data["fields"])
    assert event.data["changes"] == [{"added": {}}]
    assert LogEntry.objects.count() == 1  # Django's own log is kept too


def test_change_records_the_changed_fields(admin_user) -> None:
    organisation = Organisation.objects.create(name="Police zone", kind="police_zone")
    client = verified_client(admin_user)
    url = f"{base()}{organisation.pk}/change/"
    response = client.post(url, form(name="Police zone Mechelen-Willebroek", phone="015"))
    assert response.status_code == 302
    (event,) = admin_events()
    assert event.action == "admin.change" and event.object_id == str(organisation.pk)
    assert event.object_label == "Police zone Mechelen-Willebroek"
    assert event.data["fields"] == ["name", "phone"]
    assert event.data["changes"] == [{"changed": {"fields": ["Name", "Phone"]}}]


def test_a_bad_form_records_nothing(admin_user) -> None:
    response = verified_client(admin_user).post(base() + "add/", form(kind="galaxy"))
    assert response.status_code == 200  # the admin shows its form again
    assert not admin_events().exists() and not Organisation.objects.exists()


def test_single_delete_records_one_event_before_the_row_goes(admin_user) -> None:
    organisation = Organisation.objects.create(name="Gone", kind="other")
    pk = organisation.pk
    client = verified_client(admin_user)
    response = client.post(f"{base()}{pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=pk).exists()
    (event,) = admin_events()
    assert (event.action, event.object_type, event.object_id, event.object_label) == (
        "admin.delete",
        "core.organisation",
        str(pk),
        "Gone",
    )


def test_bulk_delete_records_one_event_per_object(admin_user) -> None:
    kept = Organisation.objects.create(name="Kept", kind="other")
    doomed = [Organisation.objects.create(name=f"Doomed {n}", kind="other") for n in (1, 2)]
    client = verified_client(admin_user)
    response = client.post(
        base(),
        {
            "action": "delete_selected",
            "_selected_action": [str(o.pk) for o in doomed],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert list(Organisation.objects.all()) == [kept]
    events = admin_events().order_by("object_id")
    assert [(e.action, e.object_id, e.object_label) for e in events] == [
        ("admin.delete", str(o.pk), o.name) for o in sorted(doomed, key=lambda o: str(o.pk))
    ]
    assert all(e.actor == admin_user for e in events)


def test_a_protected_bulk_delete_deletes_and_records_nothing(admin_user) -> None:
    parent = Organisation.objects.create(name="Parent", kind="other")
    Organisation.objects.create(name="Child", kind="other", parent=parent)
    client = verified_client(admin_user)
    response = client.post(
        base(), {"action": "delete_selected", "_selected_action": [str(parent.pk)], "post": "yes"}
    )
    assert response.status_code == 200  # Django's "cannot delete" page
    assert Organisation.objects.count() == 2 and not admin_events().exists()
