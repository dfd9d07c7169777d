"""Security baseline: login, throttling, two-factor, session expiry, production headers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from urbis.core.testing.fixtures import create_user

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)


def _login(client: Client, username: str, password: str = "a-test-password-1"):
    return client.post(reverse("core:login"), {"username": username, "password": password})


def test_login_and_logout(client: Client, coordinator) -> None:
    response = _login(client, "coordinator")
    assert response.status_code == 302 and response["Location"] == reverse("core:dashboard")
    assert client.get(reverse("core:dashboard")).status_code == 200
    assert client.post(reverse("core:logout")).status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_wrong_password_shows_error(client: Client, coordinator) -> None:
    response = _login(client, "coordinator", "wrong")
    assert response.status_code == 200
    assert b"form-errors" in response.content


def test_login_is_throttled_after_repeated_failures(client: Client, coordinator) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "coordinator", "wrong")
    response = _login(client, "coordinator")  # right password, but locked out
    assert response.status_code == 429
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_totp_required_for_admin_role(client: Client, admin_user) -> None:
    _login(client, "admin")
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("core:otp_setup")
    )
    page = client.get(reverse("core:otp_setup"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=admin_user, confirmed=False)
    bad = client.post(
        reverse("core:otp_setup"), {"token": "000000" if totp(device.bin_key) != 0 else "111111"}
    )
    assert bad.status_code == 200 and b"errors" in bad.content
    device.refresh_from_db()
    device.throttle_reset()  # django-otp throttles the attempt right after a failure
    good = client.post(reverse("core:otp_setup"), {"token": f"{totp(device.bin_key):06d}"})
    assert good.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_totp_verification_for_user_with_device(client: Client, coordinator) -> None:
    device = TOTPDevice.objects.create(user=coordinator, name="phone", confirmed=True)
    _login(client, "coordinator")
    response = client.get(reverse("core:map"))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("core:otp_verify")
    )
    client.post(
        reverse("core:otp_verify"),
        {"token": f"{totp(device.bin_key):06d}", "next": reverse("core:map")},
    )
    assert client.get(reverse("core:map")).status_code == 200


def test_coordinator_may_skip_2fa(client: Client, coordinator) -> None:
    _login(client, "coordinator")
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_session_expires_when_idle() -> None:
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 8 * 3600


def test_csp_header_forbids_inline_script(client: Client) -> None:
    response = client.get(reverse("core:login"))
    policy = response["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'self'" in script_src


def test_no_inline_script_in_templates() -> None:
    """CSP without inline script: no <script> without src, no on* handler attributes."""
    import re

    offenders = []
    for path in list(ROOT.glob("templates/**/*.html")) + list(
        ROOT.glob("urbis/*/templates/**/*.html")
    ):
        text = path.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and 'type="application/json"' not in tag:
                offenders.append(f"{path}: {tag}")
        if re.search(r"\son[a-z]+=\"", text):
            offenders.append(f"{path}: inline event handler")
    assert offenders == []


def test_csrf_enforced(coordinator) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("core:login"), {"username": "coordinator", "password": "a-test-password-1"}
    )
    assert response.status_code == 403


PRODUCTION_PROBE = r"""
import django, os
django.setup()
from django.test import Client
from django.conf import settings
r = Client().get("/account/login/", secure=True, HTTP_HOST="urbis.example.org")
print("STATUS", r.status_code)
print("HSTS", r.headers.get("Strict-Transport-Security"))
print("CSP", r.headers.get("Content-Security-Policy"))
print("XFO", r.headers.get("X-Frame-Options"))
print("NOSNIFF", r.headers.get("X-Content-Type-Options"))
for name, morsel in r.cookies.items():
    print("COOKIE", name, bool(morsel["secure"]), bool(morsel["httponly"]))
print("INSECURE", Client().get("/healthz", HTTP_HOST="urbis.example.org").status_code)
"""


def _production_env(tmp_path: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("URBIS_") and k != "DATABASE_URL"
    }
    env.update(
        URBIS_DEBUG="0",
        URBIS_TESTING="0",
        URBIS_SECRET_KEY="x" * 20 + "production-secret-key-for-the-check-" + "y" * 20,
        URBIS_ALLOWED_HOSTS="urbis.example.org",
        URBIS_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    return env


def test_production_headers_and_cookies(tmp_path: Path) -> None:
    env = _production_env(tmp_path)
    env["URBIS_STATIC_ROOT"] = str(tmp_path / "static")
    collect = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert collect.returncode == 0, collect.stderr
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "STATUS 200" in out
    assert "HSTS max-age=31536000; includeSubDomains; preload" in out
    assert "script-src 'self'" in out
    assert "XFO DENY" in out and "NOSNIFF nosniff" in out
    assert "COOKIE __Host-urbis-csrftoken True True" in out
    assert "INSECURE 301" in out  # plain HTTP is redirected to HTTPS


def test_check_deploy_is_clean(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_missing_secret(tmp_path: Path) -> None:
    env = _production_env(tmp_path)
    del env["URBIS_SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "URBIS_SECRET_KEY" in result.stderr


def test_password_change_requires_login(client: Client) -> None:
    assert client.get(reverse("core:password_change")).status_code == 302
    user = create_user("coordinator", username="pw")
    client.force_login(user)
    assert client.get(reverse("core:password_change")).status_code == 200
