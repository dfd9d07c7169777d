"""The project page shows the project's own data and its map; the portfolio map shows every
located project the user may see (GeoJSON without personal data), linked to its page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import translation

from urbis.core.testing.browser import login_in_browser
from urbis.core.testing.fixtures import verified_client
from urbis.cpted import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def described(housing, planner):  # type: ignore[no-untyped-def]
    services.project_update(
        actor=planner,
        project=housing,
        description="Twenty-four flats around a courtyard",
        night_time_uses=True,
        vulnerable_users=True,
        preliminary_design_end=dt.date(2027, 3, 31),
    )
    housing.refresh_from_db()
    return housing


def test_project_page_shows_description_flags_date_and_map(described, planner) -> None:
    html = verified_client(planner).get(reverse("cpted:project", args=[described.pk])).content
    page = html.decode()
    assert "Twenty-four flats around a courtyard" in page
    assert '<dd id="night-time-uses">yes</dd>' in page
    assert '<dd id="licensed-uses">no</dd>' in page
    assert '<dd id="vulnerable-users">yes</dd>' in page
    with translation.override("nl"):
        dutch = verified_client(planner).get(
            reverse("cpted:project", args=[described.pk]), HTTP_ACCEPT_LANGUAGE="nl"
        )
    # Day first (the active language's short date format).
    assert re.search(r'<dd id="preliminary-design-end">31\D0?3\D2027</dd>', dutch.content.decode())
    assert reverse("cpted:project_geojson", args=[described.pk]) in page
    assert 'id="project-map"' in page


def test_project_location_layer_is_the_project_only(described, planner) -> None:
    body = verified_client(planner).get(reverse("cpted:project_geojson", args=[described.pk]))
    features = body.json()["features"]
    assert [f["id"] for f in features] == [described.pk]
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [4.48, 51.03]}


def test_portfolio_map_lists_located_projects_only(described, planner, department) -> None:
    services.project_create(
        actor=planner,
        name="Unlocated square",
        department=department,
        project_leader=planner,
        project_type="public_space",
    )
    client = verified_client(planner)
    page = client.get(reverse("cpted:map")).content.decode()
    assert f'data-project="{described.pk}"' in page
    assert "Unlocated square" not in page
    collection = client.get(reverse("cpted:geojson")).json()
    (feature,) = collection["features"]
    assert feature["properties"]["url"] == reverse("cpted:project", args=[described.pk])
    assert "project_leader" not in feature["properties"]  # no personal data on the layer


def test_a_planner_sees_only_their_projects_on_the_map(described, make_user) -> None:
    other = make_user("planner", username="other_planner")
    assert verified_client(other).get(reverse("cpted:geojson")).json()["features"] == []
    response = verified_client(other).get(reverse("cpted:project_geojson", args=[described.pk]))
    assert response.status_code == 404


def test_outsider_gets_404_on_the_map(outsider) -> None:
    for name in ("cpted:map", "cpted:geojson"):
        assert verified_client(outsider).get(reverse(name)).status_code == 404


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_portfolio_map_draws_the_projects(live_server, browser_page, described) -> None:
    page = browser_page
    login_in_browser(page, live_server.url, "planner")
    page.goto(f"{live_server.url}/cpted/map/")
    page.wait_for_selector("#projects-map[data-features='1']")
    page.goto(f"{live_server.url}/cpted/{described.pk}/")
    page.wait_for_selector("#project-map[data-features='1']")
