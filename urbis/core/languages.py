"""The user's language: applied to the pages after login and to the mails sent to staff.

``User.preferred_language`` is the single stored choice (empty until one is made: then the
pages keep the visitor's language and mails use the site default). Logging in writes it into the
language cookie that Django's ``LocaleMiddleware`` reads (``settings.LANGUAGE_COOKIE_NAME``),
so the next pages are in that language; the language switcher sets the cookie again and
stores the new choice (``urbis.core.views.language``). A mail to a staff member is rendered
under ``in_language_of(recipient)``, whatever language the request or job runs in.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation


def language_of(user: Any) -> str:
    """The user's preferred language if set and offered by the site, else the site's default."""
    code = getattr(user, "preferred_language", "") or ""
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def in_language_of(user: Any) -> translation.override:
    """``with in_language_of(recipient): ...`` renders subject and body in their language."""
    return translation.override(language_of(user))


def remember_language(response: HttpResponse, code: str) -> HttpResponse:
    """Set the language cookie on ``response`` exactly as Django's ``set_language`` does."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
