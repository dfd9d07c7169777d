"""Writes on staff accounts by an administrator: invite, edit, deactivate, reset the second factor;
and the one a user makes on their own account: the preferred language (the language switcher).

Each service is atomic and records its audit event in the same transaction; the invitation
mail leaves on commit (ARCHITECTURE §4.2). The set-password link uses Django's password-reset
token (``default_token_generator``): it is bound to the password hash and the last login, so it
works once, and expires after ``PASSWORD_RESET_TIMEOUT``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from urbis.core.audit import record_event
from urbis.core.languages import in_language_of
from urbis.core.models import Organisation, User
from urbis.core.roles import ALL_ROLES
from urbis.core.services import user_set_roles
from urbis.core.types import Actor


def set_password_url(user: User, *, base_url: str) -> str:
    """The absolute one-time link on which ``user`` chooses a password."""
    path = reverse(
        "core:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return base_url.rstrip("/") + path


def _send_invitation(user: User, *, base_url: str) -> None:
    context = {
        "user": user,
        "url": set_password_url(user, base_url=base_url),
        "city_name": settings.URBIS_CITY_NAME,
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    with in_language_of(user):
        subject = _("Your Urbis account for %(city)s") % {"city": settings.URBIS_CITY_NAME}
        body = render_to_string("core/manage/invitation_email.txt", context)
    send_mail(subject, body, None, [user.email])


def _check_unique(*, username: str, email: str, exclude: int | None = None) -> None:
    others = User.objects.exclude(pk=exclude) if exclude else User.objects.all()
    errors: dict[str, str] = {}
    if username and others.filter(username__iexact=username).exists():
        errors["username"] = _("This user name is taken.")
    if others.filter(email__iexact=email).exists():
        errors["email"] = _("Another account already uses this e-mail address.")
    if errors:
        raise ValidationError(errors)


def user_invite(
    *,
    actor: Actor,
    username: str,
    email: str,
    first_name: str,
    last_name: str,
    organisation: Organisation | None,
    roles: list[str],
    language: str,
    base_url: str,
) -> User:
    """Create an account without a usable password and mail its owner a set-password link."""
    _check_unique(username=username, email=email)
    with transaction.atomic():
        user = User(
            username=username,
            email=email,
            first_name=first_name,
            last_name=last_name,
            organisation=organisation,
            preferred_language=language,
        )
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        user_set_roles(actor=actor, user=user, roles=roles)
        record_event(
            actor=actor,
            action="user.invited",
            target=user,
            data={"email": email, "roles": roles, "organisation": _org_id(organisation)},
        )
        transaction.on_commit(lambda: _send_invitation(user, base_url=base_url))
    return user


def _org_id(organisation: Organisation | None) -> int | None:
    return organisation.pk if organisation else None


def user_update(
    *,
    actor: Actor,
    user: User,
    email: str,
    first_name: str,
    last_name: str,
    organisation: Organisation | None,
    roles: list[str],
) -> User:
    """Change an account's names, address, organisation and roles; records what changed."""
    _check_unique(username="", email=email, exclude=user.pk)
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        before = {
            "email": locked.email,
            "first_name": locked.first_name,
            "last_name": locked.last_name,
            "organisation": locked.organisation_id,
        }
        after = {
            "email": email,
            "first_name": first_name,
            "last_name": last_name,
            "organisation": _org_id(organisation),
        }
        changed = {key: [before[key], after[key]] for key in after if before[key] != after[key]}
        locked.email, locked.first_name, locked.last_name = email, first_name, last_name
        locked.organisation = organisation
        locked.save(update_fields=["email", "first_name", "last_name", "organisation"])
        if changed:
            record_event(actor=actor, action="user.updated", target=locked, data=changed)
        current = locked.groups.filter(name__in=ALL_ROLES).values_list("name", flat=True)
        if set(roles) != set(current):
            user_set_roles(actor=actor, user=locked, roles=roles)
    return locked


def user_set_active(*, actor: Actor, user: User, active: bool) -> User:
    """Deactivate (no login, no API token, sessions end at the next request) or reactivate."""
    if not active and isinstance(actor, User) and actor.pk == user.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if locked.is_active == active:
            return locked
        locked.is_active = active
        locked.save(update_fields=["is_active"])
        action = "user.reactivated" if active else "user.deactivated"
        record_event(actor=actor, action=action, target=locked)
    return locked


def user_reset_second_factor(*, actor: Actor, user: User) -> int:
    """Remove the user's TOTP and backup-code devices; they enrol again at their next login.

    Returns the number of devices removed."""
    with transaction.atomic():
        removed, _detail = TOTPDevice.objects.filter(user=user).delete()
        static, _detail = StaticDevice.objects.filter(user=user).delete()
        record_event(
            actor=actor, action="user.2fa_reset", target=user, data={"devices": removed + static}
        )
    return removed + static


def user_set_language(*, actor: Actor, user: User, language: str) -> User:
    """Store ``language`` as the user's preferred language (pages after login, mails to them);
    records the change, and nothing when it is already the stored one."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the offered languages.")})
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        before = locked.preferred_language
        if before == language:
            return locked
        locked.preferred_language = language
        locked.save(update_fields=["preferred_language"])
        record_event(
            actor=actor,
            action="user.language_changed",
            target=locked,
            data={"preferred_language": [before, language]},
        )
    user.preferred_language = language
    return locked
