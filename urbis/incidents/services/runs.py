"""Background runs: an upload becomes an ImportRun that a worker executes with progress."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from urbis.core.audit import record_event
from urbis.core.types import Actor, actor_user
from urbis.incidents.models import Category, ImportKind, ImportRun, ImportStatus
from urbis.incidents.services.cocoon import knox_run_create
from urbis.incidents.services.imports import incidents_import

logger = logging.getLogger(__name__)


def import_run_create(
    *,
    actor: Actor,
    data: bytes,
    filename: str,
    crs: str = "",
    source: str = "",
    all_or_nothing: bool = False,
    mapping: dict[str, str] | None = None,
) -> ImportRun:
    """Queue an incident import; the worker runs it (``import_run_task``) and the page polls."""
    with transaction.atomic():
        run = ImportRun.objects.create(
            kind=ImportKind.INCIDENTS,
            filename=filename[:255],
            source=source[:60],
            crs=crs[:20],
            all_or_nothing=all_or_nothing,
            mapping=mapping or {},
            payload=data,
            created_by=actor_user(actor),
        )
        record_event(
            actor=actor, action="incidents.import_queued", target=run, data={"file": run.filename}
        )
        transaction.on_commit(lambda: import_run_task.enqueue(run.pk))
    return run


def import_run_execute(run_id: int) -> str:
    run = ImportRun.objects.get(pk=run_id)
    if run.status != ImportStatus.QUEUED:
        return f"import {run_id}: already {run.status}"
    ImportRun.objects.filter(pk=run_id).update(status=ImportStatus.RUNNING)

    def progress(done: int, total: int) -> None:
        ImportRun.objects.filter(pk=run_id).update(processed_rows=done, total_rows=total)

    try:
        result = incidents_import(
            actor=run.created_by,
            data=bytes(run.payload or b""),
            filename=run.filename,
            crs=run.crs or None,
            source=run.source,
            all_or_nothing=run.all_or_nothing,
            mapping=run.mapping,
            progress=progress,
        )
    except ValidationError as error:
        messages = [
            m for ms in getattr(error, "message_dict", {"": error.messages}).values() for m in ms
        ]
        ImportRun.objects.filter(pk=run_id).update(
            status=ImportStatus.FAILED,
            message="; ".join(messages)[:500],
            payload=None,
            finished_at=timezone.now(),
        )
        return f"import {run_id}: refused"
    ImportRun.objects.filter(pk=run_id).update(
        status=ImportStatus.DONE,
        total_rows=result.total,
        processed_rows=result.total,
        imported=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
        rejected=len(result.rejected),
        rejections=[list(r) for r in result.rejected[:1000]],
        message=result.summary() + ("" if result.written else " (nothing written: all or nothing)"),
        payload=None,
        finished_at=timezone.now(),
    )
    return f"import {run_id}: {result.summary()}"


@task()
def import_run_task(run_id: int) -> str:
    return import_run_execute(run_id)


@task()
def knox_run_task(
    actor_id: int | None,
    category_id: int,
    start: str,
    end: str,
    space: list[float],
    time: list[float],
    metric: str,
    permutations: int,
) -> str:
    """Background Knox run (long permutation counts); the result is the new KnoxRun."""
    import datetime as dt

    from django.contrib.auth import get_user_model

    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    run = knox_run_create(
        actor=actor,
        category=Category.objects.get(pk=category_id),
        period_start=dt.date.fromisoformat(start),
        period_end=dt.date.fromisoformat(end),
        space_breaks=space,
        time_breaks=time,
        metric=metric,
        permutations=permutations,
    )
    return f"knox run {run.pk}"
