"""Cocoon watch after a burglary: the zone, the addresses inside, letters, the team's task."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.core.roles import Role
from urbis.core.types import Actor, actor_user
from urbis.incidents import arrays, cache, conf, rules, spatial
from urbis.incidents.models import (
    Category,
    CocoonWatch,
    Incident,
    KnoxRun,
    PreventionTask,
    WatchStatus,
    ZoneBasis,
)
from urbis.incidents.selectors import addresses_in, zone_for
from urbis.incidents.services.reasons import reason

DEFAULT_SPACE_BREAKS = [0.0, 100.0, 200.0, 400.0, 800.0]
DEFAULT_TIME_BREAKS = [0.0, 7.0, 14.0, 28.0, 56.0]


def knox_run_create(
    *,
    actor: Actor,
    category: Category,
    period_start: dt.date,
    period_end: dt.date,
    space_breaks: list[float] | None = None,
    time_breaks: list[float] | None = None,
    metric: str = "manhattan",
    permutations: int = 99,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> KnoxRun:
    """Run the Knox test on the category's incidents in the period and keep the table: it is
    the city's own near-repeat evidence, read by every later cocoon-watch zone."""
    # on first use: numba and scipy take seconds to load (urbis/analytics/__init__.py)
    from urbis.analytics import knox_test

    space = [float(v) for v in (space_breaks or DEFAULT_SPACE_BREAKS)]
    time = [float(v) for v in (time_breaks or DEFAULT_TIME_BREAKS)]
    queryset = Incident.objects.filter(
        category=category,
        occurred_from__date__gte=period_start,
        occurred_from__date__lte=period_end,
    )
    data = arrays.events(queryset)
    t, usable = data.point_times()
    if int(usable.sum()) < 2:
        raise ValidationError(
            {"period": [_("At least two incidents with a short enough window are needed.")]}
        )
    try:
        result = knox_test(
            data.xy[usable],
            t[usable],
            space_breaks=space,
            time_breaks=time,
            metric=metric,  # type: ignore[arg-type]
            permutations=permutations,
            rng=seed,
            progress=progress,
        )
    except ValueError as error:
        raise ValidationError({"parameters": [str(error)]}) from None
    with transaction.atomic():
        run = KnoxRun.objects.create(
            category=category,
            period_start=period_start,
            period_end=period_end,
            parameters={
                "space_breaks": space,
                "time_breaks": time,
                "metric": metric,
                "permutations": permutations,
                "seed": seed,
                "closed": "left",
            },
            result=result.to_dict(),
            n_events=int(usable.sum()),
            excluded_windows=int((~usable).sum()),
            created_by=actor_user(actor),
        )
        record_event(
            actor=actor,
            action="incidents.knox_run",
            target=run,
            data={"category": category.code, "n_events": run.n_events},
        )
    return run


def watch_propose(
    *, actor: Actor, incident: Incident, now: dt.datetime | None = None
) -> CocoonWatch:
    """Propose a cocoon watch for a burglary: zone and window, address count, the prevention
    team's task (for the coordinator's service). Idempotent per incident."""
    now = now or timezone.now()
    with transaction.atomic():
        existing = CocoonWatch.objects.filter(incident=incident).first()
        if existing:
            return existing
        proposal = zone_for(incident.category)
        zone = proposal.zone
        starts = timezone.localtime(incident.occurred_to).date()
        ends = starts + dt.timedelta(days=zone.days)
        count = len(addresses_in(x=incident.x, y=incident.y, radius_m=zone.radius_m))
        watch = CocoonWatch.objects.create(
            incident=incident,
            basis=ZoneBasis.KNOX if zone.from_knox else ZoneBasis.DEFAULT,
            knox_run=proposal.knox_run,
            radius_m=round(zone.radius_m),
            days=zone.days,
            starts_on=starts,
            ends_on=ends,
            address_count=count,
        )
        PreventionTask.objects.create(
            watch=watch,
            title=_("Cocoon watch %(ref)s: deliver %(n)s neighbours' letters")
            % {"ref": incident.reference, "n": count},
            assigned_role=Role.COORDINATOR,
            due_on=timezone.localtime(now).date() + dt.timedelta(days=2),
        )
        record_event(
            actor=actor,
            action="incidents.cocoon_propose",
            target=watch,
            data={"basis": watch.basis, "radius_m": watch.radius_m, "days": watch.days},
        )
    return watch


def watches_for_new(*, actor: Actor, references: list[str], now: dt.datetime) -> int:
    """Cocoon watches for newly recorded incidents of a triggering category whose watch window
    is still running (an old burglary imported today needs no letter)."""
    if not references:
        return 0
    horizon = now - dt.timedelta(days=int(conf.get("URBIS_INCIDENTS_COCOON_DAYS")))
    candidates = Incident.objects.filter(
        category__triggers_cocoon=True, occurred_to__gte=horizon
    ).select_related("category")
    made = 0
    for chunk in range(0, len(references), 500):
        for incident in candidates.filter(reference__in=references[chunk : chunk + 500]):
            watch_propose(actor=actor, incident=incident, now=now)
            made += 1
    return made


def incident_record(
    *,
    actor: Actor,
    reference: str,
    category: Category,
    occurred_from: dt.datetime,
    occurred_to: dt.datetime,
    lat: float,
    lon: float,
    precision: str = "exact",
    source: str = "",
) -> Incident:
    """Record one incident by hand; a burglary proposes its cocoon watch at once."""
    problem = rules.check_window(
        occurred_from,
        occurred_to,
        now=timezone.now(),
        max_days=float(conf.get("URBIS_INCIDENTS_MAX_WINDOW_DAYS")),
    )
    if problem:
        raise ValidationError({"occurred_to": [_reason_text(problem)]})
    location = rules.check_location(lat, lon, spatial.city_bbox())
    if location:
        raise ValidationError({"lat": [_reason_text(location)]})
    xs, ys = spatial.to_metric([lat], [lon])
    area = spatial.assign_areas([lat], [lon])[0]
    with transaction.atomic():
        if Incident.objects.filter(reference=reference).exists():
            raise ValidationError({"reference": [_("An incident with this reference exists.")]})
        incident = Incident.objects.create(
            reference=reference,
            category=category,
            occurred_from=occurred_from,
            occurred_to=occurred_to,
            lat=lat,
            lon=lon,
            t_from=arrays.local_seconds(occurred_from, arrays.city_tz()),
            t_to=arrays.local_seconds(occurred_to, arrays.city_tz()),
            x=float(xs[0]),
            y=float(ys[0]),
            precision=precision,
            area_id=area,
            source=source,
        )
        record_event(
            actor=actor,
            action="incidents.record",
            target=incident,
            data={"category": category.code},
        )
        cache.bump()
        watches_for_new(actor=actor, references=[reference], now=timezone.now())
    return incident


def _reason_text(code: str) -> str:
    return reason(code, days=conf.get("URBIS_INCIDENTS_MAX_WINDOW_DAYS"))


def letters_sent(*, actor: Actor, watch: CocoonWatch) -> CocoonWatch:
    """Record that the neighbours' letters went out (and close the team's task)."""
    with transaction.atomic():
        locked = CocoonWatch.objects.select_for_update().get(pk=watch.pk)
        if locked.status != WatchStatus.PROPOSED:
            raise ValidationError({"status": [_("The letters of this watch were already sent.")]})
        incident = locked.incident
        count = len(addresses_in(x=incident.x, y=incident.y, radius_m=locked.radius_m))
        locked.status = WatchStatus.LETTERS_SENT
        locked.letters_sent_at = timezone.now()
        locked.letters_sent_by = actor_user(actor)
        locked.letters_count = count
        locked.save(update_fields=["status", "letters_sent_at", "letters_sent_by", "letters_count"])
        locked.tasks.filter(done_at__isnull=True).update(done_at=locked.letters_sent_at)
        record_event(
            actor=actor,
            action="incidents.cocoon_letters_sent",
            target=locked,
            data={"letters": count},
        )
    return locked
