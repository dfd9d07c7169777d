"""The admin site: at ``URBIS_ADMIN_PATH``, only for the admin role (with 2FA verified)."""

from __future__ import annotations

from functools import update_wrapper
from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from urbis.core.admin_audit import AuditedModelAdmin
from urbis.core.roles import Role, has_role


class UrbisAdminSite(admin.AdminSite):
    site_header = _("Urbis administration")
    site_title = _("Urbis administration")
    index_title = _("Administration")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(
            user.is_active and user.is_staff and has_role(user, Role.ADMIN) and user.is_verified()  # type: ignore[attr-defined]
        )

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        inner = super().admin_view(view, cacheable)

        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), login_url=reverse("core:login"))
            if not self.has_permission(request):
                raise Http404
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        """Register with :class:`AuditedModelAdmin` mixed in: every add, change and delete made
        here is in the audit log (``urbis.core.admin_audit``), whatever the ``admin.py``."""
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, AuditedModelAdmin):
            admin_class = type(
                admin_class.__name__,
                (AuditedModelAdmin, admin_class),
                {"__module__": admin_class.__module__},
            )
        super().register(model_or_iterable, admin_class, **options)

    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # Logged-in users without the admin role get a plain 404: no hint the admin exists.
        # Anonymous users go through Urbis's own login (throttled, with 2FA).
        if request.user.is_authenticated:
            raise Http404
        return redirect_to_login(request.get_full_path(), login_url=reverse("core:login"))


admin_site = UrbisAdminSite(name="admin")
