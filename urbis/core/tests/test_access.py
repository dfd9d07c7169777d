"""Personas and access: outsiders get 404, each role sees its own navigation."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from urbis.core import modules
from urbis.core.testing.fixtures import PERSONA_FIXTURES, create_user, verified_client

pytestmark = pytest.mark.django_db

PROTECTED_CORE_PAGES = ["core:map", "core:areas_geojson", "core:audit_log"]


@pytest.mark.parametrize("url_name", PROTECTED_CORE_PAGES)
def test_anonymous_is_sent_to_login(client: Client, url_name: str) -> None:
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


@pytest.mark.parametrize("url_name", PROTECTED_CORE_PAGES)
def test_outsider_gets_404_on_core_pages(outsider, url_name: str) -> None:
    response = verified_client(outsider).get(reverse(url_name))
    assert response.status_code == 404


def test_outsider_gets_404_on_every_registered_module() -> None:
    """Every module any app registers in the navigation is closed to a user without roles."""
    client = verified_client(create_user(username="nobody"))
    entries = modules.all_entries()
    assert entries, "no module registered"
    for entry in entries:
        assert client.get(entry.url).status_code == 404, entry.key


def test_outsider_dashboard_lists_no_module(outsider) -> None:
    response = verified_client(outsider).get(reverse("core:dashboard"))
    assert response.status_code == 200
    assert b"data-module=" not in response.content


@pytest.mark.parametrize("persona", PERSONA_FIXTURES)
def test_each_role_sees_exactly_its_navigation(
    request: pytest.FixtureRequest, persona: str
) -> None:
    user = request.getfixturevalue(persona)
    response = verified_client(user).get(reverse("core:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    visible = {entry.key for entry in modules.visible_to(user)}
    for entry in modules.all_entries():
        marker = f'data-module="{entry.key}"'
        assert (marker in html) == (entry.key in visible), (persona, entry.key)
        if entry.key in visible:
            # No dead links: every entry shown opens for that role.
            assert verified_client(user).get(entry.url).status_code == 200, (persona, entry.key)


def test_dpo_sees_audit_but_analyst_does_not(dpo, analyst) -> None:
    assert verified_client(dpo).get(reverse("core:audit_log")).status_code == 200
    assert verified_client(analyst).get(reverse("core:audit_log")).status_code == 404


def test_admin_site_only_for_admin_role(admin_user, coordinator, client: Client) -> None:
    from django.conf import settings

    path = "/" + settings.URBIS_ADMIN_PATH
    assert verified_client(admin_user).get(path).status_code == 200
    assert verified_client(coordinator).get(path).status_code == 404
    anonymous = client.get(path)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("core:login"))
