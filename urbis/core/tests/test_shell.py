"""Health check, language switching, demo city, nightly hook, API error format."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django.urls import reverse
from rest_framework.authtoken.models import Token

from urbis.core import nightly
from urbis.core.management.commands.scheduler import next_run
from urbis.core.models import Area, Organisation, User
from urbis.core.roles import roles_of
from urbis.core.testing.fixtures import verified_client

pytestmark = pytest.mark.django_db


def test_healthz_checks_the_database(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.parametrize(
    "language, word", [("fr", "Tableau de bord"), ("nl", "Dashboard"), ("en", "Dashboard")]
)
def test_language_switch(coordinator, language: str, word: str) -> None:
    client = verified_client(coordinator)
    response = client.post(reverse("set_language"), {"language": language, "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert f'<html lang="{language}">' in page
    assert word in page


def test_french_shell_strings_are_translated(coordinator) -> None:
    client = verified_client(coordinator)
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    page = client.get(reverse("core:map")).content.decode()
    assert "Carte de la ville" in page and "Se déconnecter" in page


@override_settings(DEBUG=True)
def test_demo_is_idempotent() -> None:
    call_command("demo", "--quiet-logins")
    counts = (Organisation.objects.count(), Area.objects.count(), User.objects.count())
    call_command("demo", "--quiet-logins")
    assert (Organisation.objects.count(), Area.objects.count(), User.objects.count()) == counts
    assert counts[0] >= 10 and counts[1] >= 9
    assert roles_of(User.objects.get(username="coordinator")) == {"coordinator"}
    assert Area.objects.filter(kind="neighbourhood", is_sample=True).count() == 9
    mechelen = Area.objects.get(name="Binnenstad")
    assert (
        mechelen.min_lat < 51.03 < mechelen.max_lat and mechelen.min_lon < 4.48 < mechelen.max_lon
    )


@override_settings(DEBUG=False)
def test_demo_refuses_outside_debug() -> None:
    with pytest.raises(CommandError) as error:
        call_command("demo")
    assert error.value.returncode == 2
    assert Organisation.objects.count() == 0


def test_nightly_jobs_run_by_command(capsys: pytest.CaptureFixture[str]) -> None:
    ran: list[str] = []

    @nightly.nightly_job("test.job")
    def job() -> str:
        ran.append("yes")
        return "1 thing done"

    call_command("nightly", "--job", "test.job")
    assert ran == ["yes"]
    call_command("nightly", "--job", "test.job", "--enqueue")  # immediate backend in tests
    assert ran == ["yes", "yes"]
    with pytest.raises(CommandError) as error:
        call_command("nightly", "--job", "missing")
    assert error.value.returncode == 2


@pytest.mark.parametrize(
    "now, expected",
    [
        (datetime(2026, 11, 24, 1, 0, tzinfo=UTC), "2026-11-24 02:30"),  # 02:00 in Brussels
        (datetime(2026, 11, 24, 2, 0, tzinfo=UTC), "2026-11-25 02:30"),  # 03:00 in Brussels
        (datetime(2026, 6, 15, 0, 45, tzinfo=UTC), "2026-06-16 02:30"),  # 02:45 CEST
    ],
)
def test_scheduler_next_run(now: datetime, expected: str) -> None:
    result = next_run(now, "02:30")
    assert result.strftime("%Y-%m-%d %H:%M") == expected


def test_api_requires_authentication(client: Client) -> None:
    response = client.get("/api/v1/areas/")
    assert response.status_code in (401, 403)
    body = response.json()
    assert set(body) == {"status", "code", "message", "errors"}
    assert body["status"] == response.status_code


def test_api_token_authentication_and_validation_errors(analyst) -> None:
    token = Token.objects.create(user=analyst)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/v1/me/").json()["roles"] == ["analyst"]
    response = client.get("/api/v1/areas/at/", {"lat": "abc", "lon": "999"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and body["status"] == 400
    assert set(body["errors"]) == {"lat", "lon"}
    assert all(isinstance(message, str) for message in body["errors"]["lat"])


def test_api_unknown_path_is_json_404(analyst) -> None:
    response = verified_client(analyst).get("/api/v1/does-not-exist/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_openapi_schema_and_docs(analyst) -> None:
    client = verified_client(analyst)
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/v1/areas/" in schema.json()["paths"]
    assert client.get("/api/v1/docs/").status_code == 200


def test_api_outsider_gets_404(outsider) -> None:
    token = Token.objects.create(user=outsider)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    for path in ("/api/v1/areas/", "/api/v1/organisations/", "/api/v1/areas/at/?lat=51&lon=4"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json()["code"] == "not_found"
