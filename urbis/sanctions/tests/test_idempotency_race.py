"""A retry racing its original under the same Idempotency-Key always gets the first case
(issue 10 defect 4): 50 keys, each sent by 3 threads at once, on PostgreSQL."""

from __future__ import annotations

import threading
from collections import defaultdict

import pytest
import time_machine
from django.db import connection

from urbis.sanctions.catalogue_seed import seed_catalogue
from urbis.sanctions.models import Case
from urbis.sanctions.tests.test_api_views import BODY, api

pytestmark = pytest.mark.django_db(transaction=True)

KEYS, SENDERS = 50, 3


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="parallel writers need PostgreSQL (run by .ci/run)"
)
def test_every_racing_retry_gets_the_first_case(ascertainer) -> None:
    seed_catalogue()
    api(ascertainer)  # creates the token before the threads start
    barrier = threading.Barrier(SENDERS)
    lock = threading.Lock()
    answers: dict[int, list[tuple[int, str]]] = defaultdict(list)

    def send() -> None:
        from django.db import connection as thread_connection

        try:
            client = api(ascertainer)
            barrier.wait()
            # One start, then each sender runs through the keys at its own pace: the senders
            # drift, so a retry lands before, during and after its original's commit.
            for key in range(KEYS):
                response = client.post(
                    "/api/v1/gas/ascertainments/",
                    {**BODY, "reference": f"RACE/{key}"},
                    content_type="application/json",
                    HTTP_IDEMPOTENCY_KEY=f"race-{key}",
                )
                body = response.json()
                with lock:
                    answers[key].append((response.status_code, body.get("number", str(body))))
        finally:
            thread_connection.close()

    with time_machine.travel("2026-09-05 10:00", tick=False):
        pool = [threading.Thread(target=send) for _ in range(SENDERS)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()
    assert len(answers) == KEYS
    for key, replies in answers.items():
        statuses = sorted(status for status, _number in replies)
        assert statuses == [200, 200, 201], (key, replies)
        assert len({number for _status, number in replies}) == 1, (key, replies)
    assert Case.objects.count() == KEYS
