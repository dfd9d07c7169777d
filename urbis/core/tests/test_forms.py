"""Accessible forms: every input has a label; errors are tied to their field."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from urbis.core.testing.fixtures import verified_client

pytestmark = pytest.mark.django_db


def test_field_errors_are_tied_to_inputs(coordinator) -> None:
    response = verified_client(coordinator).post(
        reverse("core:password_change"),
        {"old_password": "wrong", "new_password1": "x", "new_password2": "y"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    match = re.search(r'<input[^>]*name="old_password"[^>]*>', html)
    assert match is not None
    tag = match.group(0)
    assert 'aria-invalid="true"' in tag
    described = re.search(r'aria-describedby="([^"]+)"', tag)
    assert described is not None
    for element_id in described.group(1).split():
        assert f'id="{element_id}"' in html
    assert 'role="alert"' in html  # the summary is announced


def test_every_input_has_a_label(client) -> None:
    html = client.get(reverse("core:login")).content.decode()
    ids = re.findall(r'<input[^>]*type="(?:text|password)"[^>]*id="([^"]+)"', html)
    assert ids == ["id_username", "id_password"]
    for input_id in ids:
        assert f'for="{input_id}"' in html
