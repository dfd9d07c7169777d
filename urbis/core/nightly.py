"""The nightly job hook. Modules register jobs; the scheduler enqueues them once a night.

Usage in a module::

    from urbis.core.nightly import nightly_job

    @nightly_job("sanctions.deadline_sweep")
    def sweep() -> str:
        ...  # returns a one-line summary

``urbis nightly`` runs them all now (synchronously or enqueued); ``urbis scheduler`` enqueues
them every night at ``URBIS_NIGHTLY_AT`` (Europe/Brussels) for the worker (``urbis worker``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django_tasks import task

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class NightlyJob:
    name: str
    func: Callable[[], str | None]


_jobs: dict[str, NightlyJob] = {}


def nightly_job(name: str) -> Callable[[Callable[[], str | None]], Callable[[], str | None]]:
    def decorator(func: Callable[[], str | None]) -> Callable[[], str | None]:
        _jobs[name] = NightlyJob(name=name, func=func)
        return func

    return decorator


def registered_jobs() -> list[NightlyJob]:
    return [_jobs[name] for name in sorted(_jobs)]


def run_job(name: str) -> str:
    job = _jobs.get(name)
    if job is None:
        raise KeyError(f"no nightly job named {name!r}")
    summary = job.func() or "done"
    logger.info("nightly job %s: %s", name, summary)
    return summary


@task()
def run_nightly_job(name: str) -> str:
    """Background task wrapper: the worker runs one registered job by name."""
    return run_job(name)


def enqueue_all() -> list[str]:
    names = [job.name for job in registered_jobs()]
    for name in names:
        run_nightly_job.enqueue(name)
    return names
