"""Administration pages (/manage/): accounts, roles, organisation, second factor, areas.

Only the admin role opens them (others get 404); every change goes through a service in
``urbis.core.accounts`` / ``urbis.core.area_import`` that records its audit event.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from urbis.core import accounts, selectors
from urbis.core.area_import import areas_import, check_size, read_area_file
from urbis.core.forms import apply_service_errors
from urbis.core.manage_forms import AccountForm, AreaImportForm, InviteForm
from urbis.core.models import User
from urbis.core.permissions import role_required
from urbis.core.roles import Role, roles_of


@role_required(Role.ADMIN)
def users(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()[:100]
    page = selectors.managed_users_page(request.user, text=text, number=request.GET.get("page"))
    for account in page.object_list:
        names = {group.name for group in account.groups.all()}
        account.role_labels = [label for code, label in Role.choices if code in names]
    return render(request, "core/manage/users.html", {"page": page, "q": text})


@role_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account = accounts.user_invite(
                actor=request.user,
                username=data["username"],
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                organisation=data["organisation"],
                roles=data["roles"],
                language=data["language"],
                # The host the administrator uses (ALLOWED_HOSTS-checked), like the reset mail.
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": account.email})
            return redirect("core:manage_user", user_id=account.pk)
    status = 400 if form.errors else 200
    return render(request, "core/manage/invite.html", {"form": form}, status=status)


def _account(request: HttpRequest, user_id: int) -> User:
    try:
        return selectors.managed_user_get(request.user, user_id=user_id)
    except User.DoesNotExist as exc:
        raise Http404 from exc


@role_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    account = _account(request, user_id)
    initial = {
        "first_name": account.first_name,
        "last_name": account.last_name,
        "email": account.email,
        "organisation": account.organisation,
        "roles": sorted(roles_of(account)),
    }
    form = AccountForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            accounts.user_update(actor=request.user, user=account, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The account has been saved."))
            return redirect("core:manage_user", user_id=account.pk)
    context = {
        "form": form,
        "account": account,
        "has_second_factor": selectors.has_second_factor(account),
    }
    status = 400 if form.errors else 200
    return render(request, "core/manage/user.html", context, status=status)


@role_required(Role.ADMIN)
@require_POST
def user_active(request: HttpRequest, user_id: int) -> HttpResponse:
    account = _account(request, user_id)
    active = request.POST.get("active") == "1"
    try:
        accounts.user_set_active(actor=request.user, user=account, active=active)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        text = _("The account is active again.") if active else _("The account is deactivated.")
        messages.success(request, text)
    return redirect("core:manage_user", user_id=account.pk)


@role_required(Role.ADMIN)
@require_POST
def user_reset_second_factor(request: HttpRequest, user_id: int) -> HttpResponse:
    account = _account(request, user_id)
    accounts.user_reset_second_factor(actor=request.user, user=account)
    messages.success(
        request, _("Two-factor authentication was reset: the user enrols again at next login.")
    )
    return redirect("core:manage_user", user_id=account.pk)


@role_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def area_import(request: HttpRequest) -> HttpResponse:
    form = AreaImportForm(request.POST or None, request.FILES or None)
    rejections: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_size(upload.size or 0)
            checked = read_area_file(upload.read())
        except ValidationError as error:
            form.add_error("file", error)
        else:
            rejections = checked.rejections
            if not rejections:
                counts = areas_import(actor=request.user, rows=checked.rows, filename=upload.name)
                messages.success(
                    request,
                    _("%(created)d areas created, %(updated)d updated.") % counts,
                )
                return redirect("core:manage_areas")
            form.add_error("file", _("Nothing was imported: correct the features listed below."))
    status = 400 if form.errors else 200
    context = {"form": form, "rejections": rejections}
    return render(request, "core/manage/areas.html", context, status=status)
