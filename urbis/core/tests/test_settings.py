"""The settings module under a given environment (production values, not the test run's)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from django.conf import settings

SETTINGS_FILE = Path(settings.BASE_DIR) / "config" / "settings.py"


def load_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **env: str) -> ModuleType:
    """Execute config/settings.py afresh as production would (not under pytest), with ``env``."""
    monkeypatch.setenv("URBIS_TESTING", "0")
    monkeypatch.setenv("URBIS_DEBUG", "0")
    monkeypatch.setenv("URBIS_SECRET_KEY", "x" * 50)
    monkeypatch.setenv("URBIS_VAR_DIR", str(tmp_path))
    for name in ("URBIS_PROXY_COUNT", "URBIS_CACHE_URL", "URBIS_API_ANON_RATE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("settings_probe", SETTINGS_FILE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_without_a_proxy_x_forwarded_proto_is_not_trusted(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    probe = load_settings(monkeypatch, tmp_path, URBIS_PROXY_COUNT="0")
    assert not hasattr(probe, "SECURE_PROXY_SSL_HEADER")
    assert probe.SESSION_COOKIE_SECURE is True  # the rest of the HTTPS settings still apply


def test_behind_a_proxy_x_forwarded_proto_is_trusted(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    probe = load_settings(monkeypatch, tmp_path, URBIS_PROXY_COUNT="1")
    assert probe.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    assert probe.REST_FRAMEWORK["NUM_PROXIES"] == 1


def test_production_throttles_by_default(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    probe = load_settings(monkeypatch, tmp_path)
    assert probe.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] == {
        "anon": "60/minute",
        "user": "1000/minute",
    }
    probe = load_settings(monkeypatch, tmp_path, URBIS_API_ANON_RATE="10/minute")
    assert probe.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"] == "10/minute"


def test_the_cache_is_local_memory_unless_a_url_is_set(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    probe = load_settings(monkeypatch, tmp_path)
    assert probe.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    probe = load_settings(monkeypatch, tmp_path, URBIS_CACHE_URL="redis://127.0.0.1:6379/1")
    assert probe.CACHES["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/1",
    }


def test_the_redis_cache_counts_across_clients() -> None:
    """The shared cache the throttles use in production works against the local Redis."""
    from django.core.cache.backends.redis import RedisCache

    redis_url = "redis://127.0.0.1:6379/15"
    first = RedisCache(redis_url, {"KEY_PREFIX": "urbis-test-routes"})
    second = RedisCache(redis_url, {"KEY_PREFIX": "urbis-test-routes"})
    try:
        first.set("hits", [1, 2, 3], 30)
    except Exception as error:
        pytest.skip(f"no Redis at {redis_url}: {error}")
    assert second.get("hits") == [1, 2, 3]
    first.delete("hits")
