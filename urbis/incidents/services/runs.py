"""Background runs: an upload becomes an ImportRun that a worker executes with progress."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from urbis.core.audit import record_event
from urbis.core.types import Actor, actor_user
from urbis.incidents.models import ImportKind, ImportRun, ImportStatus, KnoxJob
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
    except Exception:  # a bug must not leave the run "running" for ever: failed, and logged
        logger.exception("incident import run %s failed", run_id)
        ImportRun.objects.filter(pk=run_id).update(
            status=ImportStatus.FAILED,
            message=str(_("The import failed unexpectedly; nothing was written.")),
            payload=None,
            finished_at=timezone.now(),
        )
        return f"import {run_id}: failed"
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


def knox_job_create(
    *,
    actor: Actor,
    category: Any,
    start: Any,
    end: Any,
    space: list[float],
    time: list[float],
    metric: str,
    permutations: int,
) -> KnoxJob:
    """Queue a Knox run; the worker runs it (``knox_job_task``) and the page polls its
    progress (permutations done of the total)."""
    with transaction.atomic():
        job = KnoxJob.objects.create(
            category=category,
            period_start=start,
            period_end=end,
            parameters={
                "space_breaks": space,
                "time_breaks": time,
                "metric": metric,
                "permutations": permutations,
            },
            total=permutations,
            created_by=actor_user(actor),
        )
        record_event(
            actor=actor,
            action="incidents.knox_queued",
            target=job,
            data={"category": category.code},
        )
        transaction.on_commit(lambda: knox_job_task.enqueue(job.pk))
    return job


def knox_job_execute(job_id: int) -> str:
    """Run a queued Knox job, writing its progress as the permutations go."""

    job = KnoxJob.objects.select_related("category", "created_by").get(pk=job_id)
    if job.status != ImportStatus.QUEUED:
        return f"knox job {job_id}: already {job.status}"
    KnoxJob.objects.filter(pk=job_id).update(status=ImportStatus.RUNNING)

    def progress(done: int, total: int) -> None:
        KnoxJob.objects.filter(pk=job_id).update(done=done, total=total)

    p = job.parameters
    try:
        run = knox_run_create(
            actor=job.created_by,
            category=job.category,
            period_start=job.period_start,
            period_end=job.period_end,
            space_breaks=p["space_breaks"],
            time_breaks=p["time_breaks"],
            metric=p["metric"],
            permutations=p["permutations"],
            progress=progress,
        )
    except ValidationError as error:
        messages = [
            m for ms in getattr(error, "message_dict", {"": error.messages}).values() for m in ms
        ]
        KnoxJob.objects.filter(pk=job_id).update(
            status=ImportStatus.FAILED,
            message="; ".join(messages)[:500],
            finished_at=timezone.now(),
        )
        return f"knox job {job_id}: refused"
    except Exception:  # as for imports: failed and logged, never "running" for ever
        logger.exception("Knox job %s failed", job_id)
        KnoxJob.objects.filter(pk=job_id).update(
            status=ImportStatus.FAILED,
            message=str(_("The run failed unexpectedly.")),
            finished_at=timezone.now(),
        )
        return f"knox job {job_id}: failed"
    KnoxJob.objects.filter(pk=job_id).update(
        status=ImportStatus.DONE, knox_run=run, done=job.total, finished_at=timezone.now()
    )
    return f"knox job {job_id}: run {run.pk}"


@task()
def knox_job_task(job_id: int) -> str:
    return knox_job_execute(job_id)
