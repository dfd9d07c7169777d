"""A retried Open311 POST racing its original never makes two reports (PostgreSQL: real
parallel writers; the unique submission fingerprint decides)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client

from urbis.reports import services
from urbis.reports.models import Report

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel writers need PostgreSQL")
def test_parallel_retries_make_one_report(categories) -> None:
    _row, key = services.open311_key_create(actor=None, name="racer")
    fields = {
        "api_key": key,
        "service_code": "littering",
        "lat": "51.0286",
        "long": "4.4801",
        "description": "same bin, sent eight times at once",
    }
    threads, results = 8, []
    barrier = threading.Barrier(threads)
    lock = threading.Lock()

    def work() -> None:
        from django.db import connection as thread_connection

        try:
            client = Client()
            barrier.wait()
            response = client.post("/open311/v2/requests.json", fields)
            with lock:
                results.append((response.status_code, response.json()[0]["service_request_id"]))
        finally:
            thread_connection.close()

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert Report.objects.count() == 1
    assert len(results) == threads
    assert {rid for _status, rid in results} == {str(Report.objects.get().pk)}
    assert sorted(status for status, _rid in results).count(201) == 1


def test_sequential_retry_on_any_database(categories) -> None:
    _row, key = services.open311_key_create(actor=None, name="retry")
    fields = {"api_key": key, "service_code": "littering", "lat": "51.0286", "long": "4.4801"}
    client = Client()
    ids = {
        client.post("/open311/v2/requests.json", fields).json()[0]["service_request_id"]
        for _ in range(3)
    }
    assert len(ids) == 1 and Report.objects.count() == 1
