"""The user's preferred language: applied at login, changed and stored by the switcher."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from urbis.core.models import AuditEvent, User
from urbis.core.testing.fixtures import create_user, verified_client

pytestmark = pytest.mark.django_db

FRENCH_MAP = "Carte de la ville"  # "City map" in locale/fr
DUTCH_MAP = "Stadskaart"  # "City map" in locale/nl


def _login(client: Client, username: str) -> object:
    return client.post(
        reverse("core:login"), {"username": username, "password": "a-test-password-1"}
    )


def _map(client: Client) -> str:
    page = client.get(reverse("core:map"))
    assert page.status_code == 200
    return page.content.decode()


def test_login_opens_the_pages_in_the_preferred_language(client: Client) -> None:
    create_user("analyst", username="odile", preferred_language="fr")
    response = _login(client, "odile")
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"  # type: ignore[attr-defined]
    html = _map(client)
    assert '<html lang="fr">' in html and FRENCH_MAP in html


def test_a_user_who_never_chose_keeps_the_language_of_the_page(client: Client) -> None:
    user = create_user("analyst", username="odile")
    assert user.preferred_language == ""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = _login(client, "odile")
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies  # type: ignore[attr-defined]
    html = _map(client)
    assert '<html lang="en">' in html and "City map" in html


def test_the_two_factor_step_is_in_the_preferred_language_too(client: Client) -> None:
    user = create_user("dpo", username="odile", preferred_language="fr")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    response = _login(client, "odile")
    verify = client.get(response["Location"], follow=True)  # type: ignore[index]
    assert "Code à six chiffres" in verify.content.decode()
    client.post(reverse("core:otp_verify"), {"token": f"{totp(device.bin_key):06d}"})
    assert FRENCH_MAP in _map(client)


def test_the_switcher_wins_and_its_choice_is_stored(client: Client) -> None:
    user = create_user("analyst", username="odile", preferred_language="fr")
    _login(client, "odile")
    switched = client.post(reverse("set_language"), {"language": "nl", "next": "/map/"})
    assert switched.status_code == 302
    html = _map(client)
    assert '<html lang="nl">' in html and DUTCH_MAP in html and FRENCH_MAP not in html
    user.refresh_from_db()
    assert user.preferred_language == "nl"
    event = AuditEvent.objects.get(action="user.language_changed", object_id=str(user.pk))
    assert event.data == {"preferred_language": ["fr", "nl"]}
    # On another device, the next login is in Dutch.
    other = Client()
    _login(other, "odile")
    assert DUTCH_MAP in _map(other)
    # Choosing the same language again records nothing more.
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert AuditEvent.objects.filter(action="user.language_changed").count() == 1


def test_anonymous_and_unoffered_choices_store_nothing(client: Client) -> None:
    user = create_user("analyst", username="odile", preferred_language="fr")
    anonymous = client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert anonymous.status_code == 302
    assert anonymous.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nl"
    logged_in = verified_client(user)
    logged_in.post(reverse("set_language"), {"language": "de", "next": "/"})  # not offered
    logged_in.post(reverse("set_language"), {"language": "xx", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "fr"
    assert not AuditEvent.objects.filter(action="user.language_changed").exists()


def test_a_half_logged_in_user_does_not_store_a_choice(client: Client) -> None:
    user = create_user("dpo", username="odile", preferred_language="fr")
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    _login(client, "odile")  # the code is not entered yet
    response = client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert response.status_code == 302
    assert User.objects.get(pk=user.pk).preferred_language == "fr"
