"""The city map shows the registered layers a user's roles may see (urbis.core.maplayers)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from urbis.core import maplayers
from urbis.core.roles import Role
from urbis.core.testing.fixtures import verified_client


@pytest.fixture
def one_layer(monkeypatch: pytest.MonkeyPatch) -> maplayers.MapLayer:
    layer = maplayers.MapLayer(
        key="test_layer",
        label="Test layer",
        url_name="core:areas_geojson",
        roles=frozenset({Role.ANALYST}),
    )
    monkeypatch.setattr(maplayers, "_registry", {layer.key: layer})
    return layer


def test_visible_to_filters_by_role(one_layer, analyst, planner, outsider) -> None:
    assert maplayers.visible_to(analyst) == [one_layer]
    assert maplayers.visible_to(planner) == []
    assert maplayers.visible_to(outsider) == []


def test_map_page_lists_only_the_layers_of_the_users_roles(one_layer, analyst, planner) -> None:
    page = verified_client(analyst).get("/map/").content.decode()
    assert 'data-layer="test_layer"' in page
    assert f"{reverse('core:areas_geojson')},{one_layer.url}" in page
    other = verified_client(planner).get("/map/").content.decode()
    assert 'data-layer="test_layer"' not in other
    assert 'data-layer="areas"' in other


def test_map_page_outsider_404(outsider) -> None:
    assert verified_client(outsider).get("/map/").status_code == 404
