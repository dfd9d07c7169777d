"""Concurrent intake on PostgreSQL: case numbers stay unique and gap-free, and a retried request
(same Idempotency-Key) racing its original still opens one case."""

from __future__ import annotations

import threading

import pytest
import time_machine
from django.db import connection

from urbis.sanctions.catalogue_seed import seed_catalogue
from urbis.sanctions.models import Case
from urbis.sanctions.tests.test_api_views import BODY, api

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="parallel writers need PostgreSQL (run by .ci/run)"
)
def test_parallel_intake_numbers_are_unique_and_gap_free(ascertainer) -> None:
    seed_catalogue()
    api(ascertainer)  # creates the token before the threads start
    threads, statuses = 8, []
    per_thread = 5
    barrier = threading.Barrier(threads)
    lock = threading.Lock()

    def work(index: int) -> None:
        from django.db import connection as thread_connection

        try:
            client = api(ascertainer)
            barrier.wait()
            for n in range(per_thread):
                # Every thread also sends the same retried request once (same key, same body).
                body = {**BODY, "reference": "PAR/shared" if n == 0 else f"PAR/{index}/{n}"}
                key = "shared-retry" if n == 0 else f"k-{index}-{n}"
                response = client.post(
                    "/api/v1/gas/ascertainments/",
                    body,
                    content_type="application/json",
                    HTTP_IDEMPOTENCY_KEY=key,
                )
                with lock:
                    statuses.append(response.status_code)
        finally:
            thread_connection.close()

    with time_machine.travel("2026-09-05 10:00", tick=False):
        pool = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()
    expected_cases = threads * (per_thread - 1) + 1
    assert statuses.count(201) == expected_cases
    assert set(statuses) <= {200, 201}
    numbers = sorted(Case.objects.values_list("number", flat=True))
    assert numbers == [f"GAS-2026-{n:06d}" for n in range(1, expected_cases + 1)]
