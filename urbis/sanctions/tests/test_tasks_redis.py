"""The distributed task backend really runs: a day's parking notices enqueued through
django-tasks-rq on Redis, picked up by a real RQ worker and done (README: URBIS_TASKS_BACKEND).

The worker is RQ's ``SimpleWorker`` in burst mode, in this process (no fork), so it runs the
task against this test's database. Redis is the machine's (127.0.0.1:6379, or
``URBIS_TEST_REDIS_URL``) on its own DB number, with a queue name unique to this run, so
parallel runs never see each other's jobs; the test is skipped, saying why, when no Redis
answers or the ``redis`` extra is not installed.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import time_machine

from urbis.sanctions.models import Case, Letter
from urbis.sanctions.services.batches import notices_send_task
from urbis.sanctions.services.intake import ascertainment_create
from urbis.sanctions.tests.conftest import report

redis = pytest.importorskip("redis", reason="the `redis` extra (django-tasks-rq) is not installed")
rq = pytest.importorskip("rq", reason="the `redis` extra (django-tasks-rq) is not installed")
pytest.importorskip("django_tasks_rq", reason="the `redis` extra is not installed")

REDIS_URL = os.environ.get("URBIS_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")

pytestmark = pytest.mark.django_db


@pytest.fixture
def rq_queue(settings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The RQ backend as the default task backend, on a queue of its own in Redis DB 13."""
    connection = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        connection.ping()
    except redis.exceptions.RedisError as error:
        pytest.skip(f"no Redis answers at {REDIS_URL} ({error}); .ci/run starts one")
    name = f"urbis-test-{uuid.uuid4().hex[:12]}"
    # django-tasks-rq reads results through the "default" queue's connection: same Redis.
    settings.RQ_QUEUES = {
        queue: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 60} for queue in ("default", name)
    }
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [name]}}
    yield name
    keys = list(connection.scan_iter(match=f"*{name}*"))
    keys += [key for job_id in _job_ids for key in connection.scan_iter(match=f"*{job_id}*")]
    _job_ids.clear()
    if keys:
        connection.delete(*keys)
    connection.srem("rq:queues", f"rq:queue:{name}")  # workers' own keys expire by themselves
    connection.close()


_job_ids: list[str] = []


def _work(queue_name: str) -> None:
    """Run every job waiting on ``queue_name`` with a real RQ worker, then return."""
    import django_rq
    from django_tasks_rq import Job

    queue = django_rq.get_queue(queue_name, job_class=Job)
    worker = rq.SimpleWorker([queue], connection=queue.connection, job_class=Job)
    worker.work(burst=True)


def test_parking_notices_enqueued_on_redis_are_sent_by_an_rq_worker(
    rq_queue, catalogue, ascertainer, gas_staff
) -> None:
    with time_machine.travel("2026-09-05 10:00", tick=False):
        for n in range(2):
            ascertainment_create(
                actor=ascertainer, data=report("PARK-1", reference=f"P/{n}", plate=f"1-AAA-{n}")
            )
        ascertainment_create(actor=ascertainer, data=report("ABP-12"))  # not a parking case

    with time_machine.travel("2026-09-07 10:00", tick=False):
        task = notices_send_task.using(queue_name=rq_queue)
        result = task.enqueue(gas_staff.pk, "parking")
        _job_ids.append(result.id)
        # Enqueued, not run: the web process only hands the job to Redis.
        assert result.status == "READY"
        assert Letter.objects.count() == 0
        assert result.backend == "default"
        _work(rq_queue)

    result.refresh()
    assert result.status == "SUCCESSFUL", result.errors
    assert result.return_value == "2 done, 0 refused"
    assert result.worker_ids  # a named RQ worker did it
    assert Letter.objects.filter(kind="parking_notice").count() == 2
    assert Case.objects.filter(procedure="parking", status="opened").count() == 2
    assert Case.objects.get(procedure="general").status == "received"


def test_a_failing_task_is_reported_failed_with_its_error(rq_queue, catalogue) -> None:
    # An unknown procedure: notices_send refuses it with ValueError inside the worker.
    result = notices_send_task.using(queue_name=rq_queue).enqueue(None, "no-such-procedure")
    _job_ids.append(result.id)
    _work(rq_queue)
    result.refresh()
    assert result.status == "FAILED"
    assert result.errors and result.errors[0].exception_class_path == "builtins.ValueError"
