"""Reads of the core domain, already filtered to what the user may see."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.paginator import Page, Paginator
from django.db.models import Model, Q, QuerySet

from urbis.core import geo
from urbis.core.audit import log_access, log_access_many
from urbis.core.models import AccessLogEntry, Area, AuditEvent, Organisation, User
from urbis.core.permissions import AUDIT_ROLES, STAFF_ROLES
from urbis.core.roles import Role, has_role
from urbis.core.types import Actor

M = TypeVar("M", bound=Model)

#: Access-log purpose of an administrator reading staff accounts.
ADMIN_PURPOSE = "core.account_admin"


def page_logged(
    queryset: QuerySet[M], *, user: Actor, purpose: str, number: int | str | None, per_page: int
) -> Page[M]:
    """One page of a list of personal data, with the access log written for the rows shown.

    The pattern of every list selector: filter, order, then this. Only the page's records are
    logged (one bulk insert), not the whole queryset; ``number`` is the raw ``?page=`` value
    (``Paginator.get_page`` turns junk and out-of-range values into a valid page).
    """
    page = Paginator(queryset, per_page).get_page(number)
    page.object_list = list(page.object_list)
    log_access_many(user=user, targets=page.object_list, purpose=purpose)
    return page


def areas_for(user: Actor, *, kind: str | None = None) -> QuerySet[Area]:
    """Areas are not personal data: every staff member sees them."""
    if not has_role(user, *STAFF_ROLES):
        return Area.objects.none()
    queryset = Area.objects.all()
    return queryset.filter(kind=kind) if kind else queryset


def area_at(lat: float, lon: float, *, kind: str | None = None) -> Area | None:
    """The (smallest) area of ``kind`` that covers the point, or None.

    The bounding-box columns narrow the candidates in SQL; shapely decides exactly.
    """
    geo.validate_lat_lon(lat, lon)
    candidates = Area.objects.filter(
        min_lat__lte=lat, max_lat__gte=lat, min_lon__lte=lon, max_lon__gte=lon
    )
    if kind:
        candidates = candidates.filter(kind=kind)
    hits = [
        area
        for area in candidates
        if geo.contains(area.geometry, lat, lon, cache_key=f"{area.pk}:{area.code}")
    ]
    hits.sort(key=lambda area: (area.max_lat - area.min_lat) * (area.max_lon - area.min_lon))
    return hits[0] if hits else None


def areas_geojson(user: Actor, *, kind: str | None = None) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the areas the user may see."""
    features = [
        {
            "type": "Feature",
            "id": area.code,
            "geometry": area.geometry,
            "properties": {
                "code": area.code,
                "name": area.name,
                "kind": area.kind,
                "population": area.population,
                "is_sample": area.is_sample,
            },
        }
        for area in areas_for(user, kind=kind)
    ]
    return {"type": "FeatureCollection", "features": features}


def organisations_for(user: Actor) -> QuerySet[Organisation]:
    if not has_role(user, *STAFF_ROLES):
        return Organisation.objects.none()
    return Organisation.objects.filter(is_active=True)


def audit_events_for(user: Actor) -> QuerySet[AuditEvent]:
    if not has_role(user, *AUDIT_ROLES):
        return AuditEvent.objects.none()
    return AuditEvent.objects.select_related("actor")


def access_log_for(user: Actor) -> QuerySet[AccessLogEntry]:
    if not has_role(user, *AUDIT_ROLES):
        return AccessLogEntry.objects.none()
    return AccessLogEntry.objects.all()


def managed_users_page(user: Any, *, text: str = "", number: int | str | None = None) -> Page[User]:
    """The accounts an administrator manages, one page, access-logged (names and addresses)."""
    if not has_role(user, Role.ADMIN):
        return page_logged(
            User.objects.none(), user=user, purpose=ADMIN_PURPOSE, number=1, per_page=1
        )
    queryset = User.objects.select_related("organisation").prefetch_related("groups")
    if text:
        queryset = queryset.filter(
            Q(username__icontains=text)
            | Q(first_name__icontains=text)
            | Q(last_name__icontains=text)
            | Q(email__icontains=text)
        )
    return page_logged(
        queryset.order_by("username"), user=user, purpose=ADMIN_PURPOSE, number=number, per_page=50
    )


def managed_user_get(user: Any, *, user_id: int) -> User:
    """One account for its administrator (404 for anyone else), access-logged."""
    if not has_role(user, Role.ADMIN):
        raise User.DoesNotExist
    account = User.objects.select_related("organisation").get(pk=user_id)
    log_access(user=user, target=account, purpose=ADMIN_PURPOSE)
    return account


def has_second_factor(account: User) -> bool:
    from django_otp import user_has_device

    return bool(user_has_device(account, confirmed=True))
