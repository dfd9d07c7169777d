"""Nightly: refresh the city's Knox tables for the categories that trigger a cocoon watch, so
each new burglary's zone reads this year's near-repeat evidence."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from urbis.core.nightly import nightly_job
from urbis.incidents.models import Category
from urbis.incidents.services.cocoon import knox_run_create


@nightly_job("incidents.knox_refresh")
def knox_refresh() -> str:
    today = timezone.localdate()
    done = []
    for category in Category.objects.filter(triggers_cocoon=True, is_active=True):
        try:
            run = knox_run_create(
                actor=None,
                category=category,
                period_start=today - dt.timedelta(days=365),
                period_end=today,
                permutations=99,
            )
        except ValidationError:
            continue
        done.append(f"{category.code} ({run.n_events})")
    return "knox runs: " + (", ".join(done) or "none (too few incidents)")
