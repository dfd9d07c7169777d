"""“Forgot password”: same answer for every address, throttled, one-time links."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from urbis.core.models import AuditEvent
from urbis.core.testing.fixtures import create_user

pytestmark = pytest.mark.django_db

URL = "/account/password/reset/"


def reset_link(body: str) -> str:
    match = re.search(r"https?://[^/\s]+(/account/password/reset/\S+/)", body)
    assert match, body
    return match.group(1)


def test_known_and_unknown_addresses_get_the_same_answer(client: Client) -> None:
    create_user("analyst", username="ana", email="ana@example.org")
    known = client.post(URL, {"email": "ANA@example.org"})
    unknown = client.post(URL, {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("core:password_reset_done")
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]


def test_inactive_accounts_get_no_mail(client: Client) -> None:
    create_user("analyst", username="gone", email="gone@example.org", is_active=False)
    assert client.post(URL, {"email": "gone@example.org"}).status_code == 302
    assert not mail.outbox


def test_bad_address_is_a_400_with_a_field_message(client: Client) -> None:
    response = client.post(URL, {"email": "x" * 250 + "@example.org"})
    assert response.status_code == 400 and "email" in response.context["form"].errors


def test_link_resets_once_and_is_audited(client: Client) -> None:
    user = create_user("analyst", username="ana", email="ana@example.org")
    client.post(URL, {"email": "ana@example.org"})
    link = reset_link(mail.outbox[0].body)
    page = client.get(link, follow=True)
    assert page.context["validlink"]
    weak = client.post(page.redirect_chain[-1][0], {"new_password1": "1", "new_password2": "1"})
    assert weak.status_code == 400 and "new_password2" in weak.context["form"].errors
    done = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "Dijle-Mechelen-42", "new_password2": "Dijle-Mechelen-42"},
    )
    assert done["Location"] == reverse("core:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("Dijle-Mechelen-42")
    assert AuditEvent.objects.filter(action="user.password_reset", actor=user).exists()
    assert not Client().get(link, follow=True).context["validlink"]


def test_throttled_per_address_silently(client: Client, settings) -> None:
    settings.URBIS_PASSWORD_RESET_PER_HOUR_ADDRESS = 2
    create_user("analyst", username="ana", email="ana@example.org")
    answers = [client.post(URL, {"email": "ana@example.org"}).status_code for _ in range(4)]
    assert answers == [302, 302, 302, 302]
    assert len(mail.outbox) == 2


def test_throttled_per_client_address(client: Client, settings) -> None:
    settings.URBIS_PASSWORD_RESET_PER_HOUR_IP = 3
    answers = [client.post(URL, {"email": f"p{n}@example.org"}).status_code for n in range(4)]
    assert answers == [302, 302, 302, 429]
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post(URL, {"email": "p9@example.org"}).status_code == 302


def test_login_page_links_to_the_reset(client: Client) -> None:
    assert URL.encode() in client.get(reverse("core:login")).content


def test_the_mail_and_the_closing_page_are_in_the_accounts_language(client: Client) -> None:
    from django.conf import settings

    create_user("analyst", username="odile", email="odile@example.org", preferred_language="fr")
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})  # a Dutch page asks
    client.post(URL, {"email": "odile@example.org"})
    (message,) = mail.outbox
    assert message.subject == "Choisissez un nouveau mot de passe Urbis"
    assert "Quelqu’un (vous, nous l’espérons)" in message.body
    page = client.get(reset_link(message.body), follow=True)
    done = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "Dijle-Mechelen-42", "new_password2": "Dijle-Mechelen-42"},
    )
    assert done.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
