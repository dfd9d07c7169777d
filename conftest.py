"""Root pytest configuration: the shared personas, helpers and browser fixtures for every app."""

import pytest

pytest_plugins = ["urbis.core.testing.fixtures", "urbis.core.testing.browser"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Uploaded files of a test go to its own temporary folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
