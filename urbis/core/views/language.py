"""The language switcher: Django's ``set_language``, and the choice kept on the account."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.i18n import set_language as django_set_language

from urbis.core.accounts import user_set_language
from urbis.core.permissions import public_view
from urbis.core.roles import second_factor_pending


@public_view("choosing the interface language works before login")
def set_language(request: HttpRequest) -> HttpResponse:
    """Set the language cookie (Django's view); a logged-in user's choice is also stored as
    their ``preferred_language``, so it follows them to the next login on any device."""
    response = django_set_language(request)
    cookie = response.cookies.get(settings.LANGUAGE_COOKIE_NAME)
    user = request.user
    if (
        cookie is not None
        and cookie.value in dict(settings.LANGUAGES)
        and user.is_authenticated
        and not second_factor_pending(user)
    ):
        user_set_language(actor=user, user=user, language=cookie.value)
    return response
