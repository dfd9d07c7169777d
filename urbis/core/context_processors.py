from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from urbis.core import modules
from urbis.core.roles import Role, roles_of


def shell(request: HttpRequest) -> dict[str, Any]:
    """Navigation entries for the user's roles, the city name and the map settings."""
    user = getattr(request, "user", None)
    roles = roles_of(user)
    entries = modules.visible_to(user) if user is not None else []
    return {
        "nav_entries": entries,
        # One highlighted item per page, decided by the URL (longest prefix), not the view name.
        "nav_active": modules.active_entry(request.path, entries, home=reverse("core:dashboard")),
        "user_roles": sorted(roles),
        "role_labels": [Role(code).label for code in sorted(roles)],
        "is_auditor": bool(roles & {Role.DPO, Role.ADMIN}),
        "is_admin": Role.ADMIN in roles,
        "admin_path": "/" + settings.URBIS_ADMIN_PATH,
        "city_name": settings.URBIS_CITY_NAME,
        "map_tile_url": settings.URBIS_MAP_TILE_URL,
        "map_tile_attribution": settings.URBIS_MAP_TILE_ATTRIBUTION,
        "map_center": f"{settings.URBIS_MAP_CENTER[0]},{settings.URBIS_MAP_CENTER[1]}",
    }
