"""“Forgot password”: Django's reset views with the project's templates and mail settings.

No user enumeration: a known and an unknown address get the same page. Throttled per client
address (429 past ``URBIS_PASSWORD_RESET_PER_HOUR_IP``) and per e-mail address (past
``URBIS_PASSWORD_RESET_PER_HOUR_ADDRESS`` no more mail leaves, with the same answer). The link
is Django's token, bound to the password hash: it works once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from urbis.core import throttle
from urbis.core.audit import record_event
from urbis.core.languages import in_language_of, language_of, remember_language
from urbis.core.models import User
from urbis.core.permissions import public_view
from urbis.core.request_context import client_address


class ResetRequestForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=auth_forms.PasswordResetForm.base_fields["email"].label,
        max_length=User._meta.get_field("email").max_length or 254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def get_users(self, email: str) -> Iterator[Any]:
        # Unlike Django's default, an invited user who has not chosen a password yet (no usable
        # password) may ask for a new link too; inactive accounts never get one.
        return iter(User.objects.filter(email__iexact=email, is_active=True))

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        # The mail is in the account's language, not the language of the page that asked.
        with in_language_of(context.get("user")):
            super().send_mail(
                subject_template_name,
                email_template_name,
                context,
                from_email,
                to_email,
                html_email_template_name=html_email_template_name,
            )


@public_view("forgot password: anonymous by nature; throttled, same answer for every address")
class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetRequestForm
    template_name = "core/password_reset/request.html"
    email_template_name = "core/password_reset/email.txt"
    subject_template_name = "core/password_reset/subject.txt"
    success_url = reverse_lazy("core:password_reset_done")

    def form_valid(self, form: auth_forms.PasswordResetForm) -> HttpResponse:
        address = client_address(self.request) or "unknown"
        if not throttle.hit("reset-ip", address, limit=settings.URBIS_PASSWORD_RESET_PER_HOUR_IP):
            form.add_error(None, _("Too many requests from your address. Try again in an hour."))
            return render(self.request, self.template_name, {"form": form}, status=429)
        if not throttle.hit(
            "reset-address",
            form.cleaned_data["email"],
            limit=settings.URBIS_PASSWORD_RESET_PER_HOUR_ADDRESS,
        ):
            return HttpResponseRedirect(self.get_success_url())  # same answer, no more mail
        return super().form_valid(form)

    def form_invalid(self, form: auth_forms.PasswordResetForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


@public_view("forgot password: the page that says a mail may be on its way")
class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "core/password_reset/done.html"


@public_view("forgot password and invitations: the one-time link from the mail")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "core/password_reset/confirm.html"
    success_url = reverse_lazy("core:password_reset_complete")

    def form_valid(self, form: auth_forms.SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        record_event(actor=form.user, action="user.password_reset", target=form.user)
        # The closing page and the login after it are in the account's language.
        if form.user.preferred_language:
            remember_language(response, language_of(form.user))
        return response

    def form_invalid(self, form: auth_forms.SetPasswordForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


@public_view("forgot password: the closing page, before the user has logged in")
class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "core/password_reset/complete.html"
