"""Writes of the core domain. Each service is atomic and records its audit event."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction

from urbis.core import extent
from urbis.core.audit import record_event
from urbis.core.geo import parse_polygon
from urbis.core.models import Area, Organisation, User
from urbis.core.roles import ALL_ROLES
from urbis.core.types import Actor


def organisation_create(*, actor: Actor, name: str, kind: str, **fields: Any) -> Organisation:
    """Create an organisation and record ``organisation.created``."""
    with transaction.atomic():
        organisation = Organisation(name=name, kind=kind, **fields)
        organisation.full_clean()
        organisation.save()
        record_event(
            actor=actor,
            action="organisation.created",
            target=organisation,
            data={"name": name, "kind": kind},
        )
    return organisation


def area_upsert(
    *,
    actor: Actor,
    code: str,
    name: str,
    kind: str,
    geometry: dict[str, Any],
    population: int | None = None,
    population_year: int | None = None,
    parent: Area | None = None,
    is_sample: bool = False,
) -> Area:
    """Create or update an area by ``code``; validates the GeoJSON and stores its bounding box."""
    shape = parse_polygon(geometry)
    min_lon, min_lat, max_lon, max_lat = shape.bounds
    with transaction.atomic():
        area, created = Area.objects.select_for_update().update_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "geometry": geometry,
                "population": population,
                "population_year": population_year,
                "parent": parent,
                "is_sample": is_sample,
                "min_lat": min_lat,
                "min_lon": min_lon,
                "max_lat": max_lat,
                "max_lon": max_lon,
            },
        )
        record_event(
            actor=actor,
            action="area.created" if created else "area.updated",
            target=area,
            data={"code": code, "population": population},
        )
    transaction.on_commit(extent.forget)
    extent.forget()
    return area


#: The fields of an area an update may change (``area_update``); the bounding box follows the
#: geometry.
AREA_FIELDS = ("name", "kind", "geometry", "population", "population_year", "parent", "is_sample")


def area_update(*, actor: Actor, area: Area, changes: dict[str, Any]) -> Area:
    """Change only the fields named in ``changes`` (keys of :data:`AREA_FIELDS`; ``parent`` is an
    Area or None) and keep every other stored value.

    Records ``area.updated`` with the names of the fields whose value differs; when none does,
    nothing is written and no event recorded.
    """
    unknown = set(changes) - set(AREA_FIELDS)
    if unknown:
        raise ValueError(f"not an area field: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        area = Area.objects.select_for_update().get(pk=area.pk)
        changed = [
            name for name in AREA_FIELDS if name in changes and _differs(area, name, changes)
        ]
        if not changed:
            return area
        for name in changed:
            setattr(area, name, changes[name])
        update_fields = list(changed)
        if "geometry" in changed:
            area.min_lon, area.min_lat, area.max_lon, area.max_lat = parse_polygon(
                area.geometry
            ).bounds
            update_fields += ["min_lat", "min_lon", "max_lat", "max_lon"]
        area.save(update_fields=update_fields)
        record_event(
            actor=actor,
            action="area.updated",
            target=area,
            data={"code": area.code, "fields": changed, "population": area.population},
        )
    transaction.on_commit(extent.forget)
    extent.forget()
    return area


def _differs(area: Area, name: str, changes: dict[str, Any]) -> bool:
    if name == "parent":
        parent = changes["parent"]
        return area.parent_id != (parent.pk if parent is not None else None)
    return bool(getattr(area, name) != changes[name])


def user_set_roles(*, actor: Actor, user: User, roles: list[str]) -> User:
    """Replace the user's roles (auth groups named after role codes); the admin role also makes
    the account staff and superuser of the admin site, and losing it removes both."""
    unknown = set(roles) - ALL_ROLES
    if unknown:
        raise ValueError(f"unknown role(s): {', '.join(sorted(unknown))}")
    with transaction.atomic():
        keep = user.groups.exclude(name__in=ALL_ROLES)
        groups = list(keep) + [Group.objects.get_or_create(name=role)[0] for role in roles]
        user.groups.set(groups)
        # The admin role opens Django's admin site with every model permission (README:
        # "Administration"); accounts and roles there are read-only, their changes go through
        # the audited pages under /manage/.
        user.is_staff = user.is_superuser = "admin" in roles
        user.save(update_fields=["is_staff", "is_superuser"])
        user.__dict__.pop("_urbis_roles", None)
        record_event(actor=actor, action="user.roles_set", target=user, data={"roles": roles})
    return user
