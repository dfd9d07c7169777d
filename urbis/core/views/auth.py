"""Login, logout, password change and TOTP two-factor authentication pages."""

from __future__ import annotations

import base64

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from urbis.core.audit import record_event
from urbis.core.languages import language_of, remember_language
from urbis.core.permissions import RoleRequiredMixin, public_view, role_required


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=gettext_lazy("Six-digit code from your authenticator app"),
        regex=r"^\d{6}$",
        max_length=6,
        error_messages={"invalid": gettext_lazy("Enter the six digits shown in your app.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return str(settings.LOGIN_REDIRECT_URL)


@public_view("the login page: the way in for anonymous visitors (throttled by axes)")
class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        # The pages after login (the 2FA step included) are in the user's own language; the
        # language switcher still changes it afterwards (urbis.core.views.language).
        # A user who never chose keeps the language of the page.
        response = super().form_valid(form)
        if form.get_user().preferred_language:
            remember_language(response, language_of(form.get_user()))
        return response


@public_view("logging out must work whatever the session's state; it only ends a session")
class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(RoleRequiredMixin, auth_views.PasswordChangeView):
    allowed_roles = ()  # any logged-in user changes their own password
    template_name = "core/password_change.html"
    success_url = "/account/password/done/"

    def form_valid(self, form: forms.Form) -> HttpResponse:
        response = super().form_valid(form)
        record_event(actor=self.request.user, action="user.password_changed", target=form.user)  # type: ignore[attr-defined]
        messages.success(self.request, _("Your password has been changed."))
        return response


@role_required()  # any logged-in user enrols their own device
@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Enrol a TOTP device: show the QR code, confirm with a first code."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
            otp_login(request, device)
            record_event(actor=user, action="user.2fa_enrolled", target=user)  # type: ignore[arg-type]
            messages.success(request, _("Two-factor authentication is now active."))
            return redirect(_safe_next(request))
        form.add_error(
            "token", _("That code is not valid. Check your phone's clock and try again.")
        )
    qr = segno.make(device.config_url, error="m")
    qr_data_uri = (
        "data:image/svg+xml;base64," + base64.b64encode(qr.svg_inline(scale=4).encode()).decode()
    )
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "core/otp_setup.html",
        {"form": form, "qr_data_uri": qr_data_uri, "secret": secret, "next": _safe_next(request)},
    )


@role_required()  # any logged-in user verifies their own device
@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Second step of the login for users with a confirmed device."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("token", _("That code is not valid."))
    return render(request, "core/otp_verify.html", {"form": form, "next": _safe_next(request)})
