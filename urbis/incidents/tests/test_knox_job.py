"""The Knox run from the page is a background task: the page shows its state and progress
(permutations done) by polling its status, then the table; a refused run says why."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from urbis.core.testing.fixtures import verified_client
from urbis.incidents.models import Category, KnoxJob, KnoxRun
from urbis.incidents.services import cocoon
from urbis.incidents.services.runs import knox_job_create, knox_job_execute

pytestmark = pytest.mark.django_db
NOW = "2026-11-20 12:00:00+01:00"
FORM = {
    "start": "2026-01-01",
    "end": "2026-11-20",
    "space": "0,100,200",
    "time": "0,7,14",
    "metric": "manhattan",
    "permutations": 99,
}


def _incidents(analyst, n: int = 12) -> Category:  # type: ignore[no-untyped-def]
    category = Category.objects.get(code="vandalism")
    for i in range(n):
        cocoon.incident_record(
            actor=analyst, reference=f"K{i}", category=category,
            occurred_from=timezone.now() - dt.timedelta(days=3 * i, hours=1),
            occurred_to=timezone.now() - dt.timedelta(days=3 * i),
            lat=51.02 + 0.0005 * (i % 3), lon=4.46,
        )  # fmt: skip
    return category


@time_machine.travel(NOW, tick=False)
def test_page_polls_the_job_then_shows_the_table(
    city, analyst, django_capture_on_commit_callbacks
) -> None:
    category = _incidents(analyst)
    client = verified_client(analyst)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("incidents:knox_start"), {**FORM, "category": category.pk})
    job = KnoxJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("incidents:knox_job", args=[job.pk])
    # The test task backend runs the task at once: the job is done, with its run.
    status = client.get(reverse("incidents:knox_job_status", args=[job.pk])).json()
    run = KnoxRun.objects.get()
    assert status == {"status": "done", "done": 99, "total": 99, "message": "", "knox_run": run.pk}
    page = client.get(response["Location"]).content.decode()
    assert "data-knox-table" in page and 'data-status="done"' in page
    assert 'value="99"' in page  # the progress bar is full


@time_machine.travel(NOW, tick=False)
def test_progress_is_written_while_the_permutations_run(city, analyst, settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    category = _incidents(analyst)
    job = knox_job_create(
        actor=analyst, category=category, start=dt.date(2026, 1, 1), end=dt.date(2026, 11, 20),
        space=[0, 100, 200], time=[0, 7, 14], metric="manhattan", permutations=999,
    )  # fmt: skip
    client = verified_client(analyst)
    queued = client.get(reverse("incidents:knox_job", args=[job.pk])).content.decode()
    assert 'data-status="queued"' in queued and "incidents-knox.js" in queued
    assert client.get(reverse("incidents:knox_job_status", args=[job.pk])).json()["done"] == 0
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        knox_job_execute(job.pk)
    updates = [
        sql
        for sql in (q["sql"] for q in queries.captured_queries)
        if sql.startswith("UPDATE") and "incidents_knoxjob" in sql and '"done"' in sql
    ]
    assert len(updates) >= 4  # progress per batch of 256 permutations, not only at the end
    assert 'SET "done" = 256' in updates[0]
    job.refresh_from_db()
    assert job.status == "done" and job.done == job.total == 999 and job.knox_run is not None
    assert knox_job_execute(job.pk).endswith("already done")


@time_machine.travel(NOW, tick=False)
def test_a_refused_run_says_why(city, analyst, django_capture_on_commit_callbacks) -> None:
    category = _incidents(analyst, n=1)
    client = verified_client(analyst)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("incidents:knox_start"), {**FORM, "category": category.pk})
    job = KnoxJob.objects.get()
    assert job.status == "failed" and "At least two incidents" in job.message
    page = client.get(response["Location"]).content.decode()
    assert "At least two incidents" in page and "data-knox-table" not in page
    assert not KnoxRun.objects.exists()


def test_others_get_404(city, analyst, outsider, planner) -> None:
    job = KnoxJob.objects.create(
        category=Category.objects.get(code="vandalism"),
        period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 2, 1), total=9,
    )  # fmt: skip
    for user in (outsider, planner):
        client = verified_client(user)
        assert client.get(reverse("incidents:knox_job", args=[job.pk])).status_code == 404
        assert client.get(reverse("incidents:knox_job_status", args=[job.pk])).status_code == 404
    missing = reverse("incidents:knox_job", args=[job.pk + 1])
    assert verified_client(analyst).get(missing).status_code == 404


@time_machine.travel(NOW, tick=False)
def test_a_run_that_breaks_is_recorded_as_failed_not_left_running(
    city, analyst, settings, caplog
) -> None:
    """A job whose stored parameters are unusable (a row written by an older version, say)
    ends as "failed" with a message and the error logged; the page stops polling."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    category = _incidents(analyst, n=3)
    job = knox_job_create(
        actor=analyst, category=category, start=dt.date(2026, 1, 1), end=dt.date(2026, 11, 20),
        space=[0, 100, 200], time=[0, 7, 14], metric="manhattan", permutations=99,
    )  # fmt: skip
    KnoxJob.objects.filter(pk=job.pk).update(parameters={})
    assert knox_job_execute(job.pk).endswith("failed")
    job.refresh_from_db()
    assert job.status == "failed" and job.message and job.finished_at is not None
    assert "Knox job" in caplog.text
    status = verified_client(analyst).get(reverse("incidents:knox_job_status", args=[job.pk]))
    assert status.json()["status"] == "failed"
