"""Root pytest configuration: the shared personas, helpers and browser fixtures for every app."""

import pytest

pytest_plugins = ["urbis.core.testing.fixtures", "urbis.core.testing.browser"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Uploaded files of a test go to its own temporary folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():  # type: ignore[no-untyped-def]
    """Each test starts with an empty Django cache: results cached by one test (layers keyed by
    a data revision that frozen time and rolled-back ids can repeat, throttle counts) never
    answer another."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
