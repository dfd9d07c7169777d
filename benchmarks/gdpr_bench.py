"""GDPR volume benchmarks (issue 14): subject access for one person across a million GAS cases,
a million public-space reports and 50,000 casework cases (target < 2 s), and the DPO's access-log search by person over ten
million log rows (target p95 < 300 ms). Nothing is asserted; figures and targets are printed.

The peer is the same search without the composite index (object_type, object_id, at), measured
in the same run, so the ratio shows what the index buys. Database as in gas_bench.py: a scratch
PostgreSQL database (or SQLite when none answers), never the development one. The public-space
reports are found by the reporter's e-mail address (half of the million reporters have one),
GAS cases and casework by national number.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from typing import Any

from benchmarks.gas_bench import _django, _fill

NN = "88040212345"
EMAIL = "Lena.Bench@example.org"


def _casework(total: int) -> None:
    """Synthetic casework cases with one person each; the test person is in three of them."""
    from django.db import transaction
    from django.utils import timezone

    # local: Django is set up per benchmark (its own scratch database) before models load
    from urbis.casework.models import Case, CaseSubject, ConsultationTable, Person
    from urbis.casework.tables_seed import seed_tables

    seed_tables()

    tables = list(ConsultationTable.objects.all())
    today = timezone.localdate()
    chunk = 10_000
    made = 0
    while made < total:
        size = min(chunk, total - made)
        with transaction.atomic():
            people = Person.objects.bulk_create(
                Person(first_name="P", last_name=f"{made + i}", national_number=f"{made + i:011d}")
                for i in range(size)
            )
            cases = Case.objects.bulk_create(
                Case(
                    table=tables[(made + i) % len(tables)],
                    number=f"SYN-{made + i:08d}",
                    alias=f"Alias-{made + i}",
                    opened_on=today - dt.timedelta(days=(made + i) % 900),
                )
                for i in range(size)
            )
            CaseSubject.objects.bulk_create(
                CaseSubject(case=cases[i], person=people[i], role="focus_person")
                for i in range(size)
            )
        made += size
    person = Person.objects.create(first_name="Lena", last_name="Bench", national_number=NN)
    for case in Case.objects.order_by("pk")[:3]:
        CaseSubject.objects.create(case=case, person=person, role="victim")


def subject_access(quick: bool) -> None:
    engine = _django()
    from django.db import connection

    from benchmarks.reports_bench import fill as fill_reports
    from benchmarks.reports_bench import seed_categories

    # local: Django is set up per benchmark (its own scratch database) before models load
    from urbis.core.gdpr import registry, selectors
    from urbis.reports.models import Reporter
    from urbis.sanctions.models import Offender

    gas, reports, casework = (100_000, 100_000, 5_000) if quick else (1_000_000, 1_000_000, 50_000)
    print(
        f"GDPR subject access on {engine}: {gas:,} GAS cases, {reports:,} reports, "
        f"{casework:,} casework cases …",
        flush=True,
    )
    _fill(gas)
    seed_categories()
    fill_reports(reports, reporters=True)
    Reporter.objects.filter(
        pk__in=list(Reporter.objects.order_by("-pk").values_list("pk", flat=True)[:4])
    ).update(email=EMAIL.lower())
    Offender.objects.filter(
        pk__in=list(Offender.objects.order_by("pk").values_list("pk", flat=True)[:2])
    ).update(national_number=NN)
    _casework(casework)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    query = registry.SubjectQuery(national_number=NN, email=EMAIL)
    selectors.subject_access(None, query)  # warm-up
    times = []
    for _ in range(10):
        start = time.perf_counter()
        result = selectors.subject_access(None, query)
        times.append(time.perf_counter() - start)
    found = sum(len(a.items) for a in result.apps)
    worst = max(times)
    print(
        f"  subject access, {found} items      worst {worst * 1000:7.1f} ms  median "
        f"{statistics.median(times) * 1000:7.1f} ms   target < 2 s {'met' if worst < 2 else 'NOT met'}",
        flush=True,
    )


def _fill_log(rows: int) -> None:
    from django.db import connection

    # local: Django is set up per benchmark (its own scratch database) before models load
    from urbis.core.models import AccessLogEntry

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO core_accesslogentry (at, user_label, object_type, object_id, purpose, path) "
                "SELECT now() - (g %% 100000) * interval '1 minute', 'user' || (g %% 500), "
                "CASE WHEN g %% 3 = 0 THEN 'casework.case' ELSE 'sanctions.case' END, "
                "(g %% 1000000)::text, 'bench', '' FROM generate_series(1, %s) AS g",
                [rows],
            )
            cursor.execute("ANALYZE core_accesslogentry")
        return
    from django.utils import timezone

    now = timezone.now()
    chunk = 50_000
    for start in range(0, rows, chunk):
        AccessLogEntry.objects.bulk_create(
            AccessLogEntry(
                at=now - dt.timedelta(minutes=g % 100_000), user_label=f"user{g % 500}",
                object_type="casework.case" if g % 3 == 0 else "sanctions.case",
                object_id=str(g % 1_000_000), purpose="bench",
            )
            for g in range(start, min(rows, start + chunk))
        )  # fmt: skip


def _p95(func: Any, runs: int = 40) -> float:
    func()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.quantiles(times, n=20)[18]


def access_log(quick: bool) -> None:
    engine = _django()
    from django.contrib.auth import get_user_model
    from django.db import connection

    # local: Django is set up per benchmark (its own scratch database) before models load
    from urbis.casework.models import Case
    from urbis.core.gdpr import selectors
    from urbis.core.roles import Role
    from urbis.core.services import user_set_roles

    rows = 1_000_000 if quick else 10_000_000
    print(f"DPO access-log search on {engine}: {rows:,} log rows …", flush=True)
    _casework(2_000)
    _fill_log(rows)
    dpo = get_user_model().objects.create_user(username="bench-dpo")
    user_set_roles(actor=None, user=dpo, roles=[Role.DPO])
    ids = [
        str(pk)
        for pk in Case.objects.filter(subjects__person__national_number=NN).values_list(
            "pk", flat=True
        )
    ]

    def by_person() -> None:
        selectors.access_log_search(dpo, national_number=NN)

    def by_person_no_index() -> None:
        # The peer: the same rows found without the composite index (object_id || '' defeats
        # it, so the database filters sequentially), as the log was searched before issue 14.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM core_accesslogentry WHERE object_type = 'casework.case' "
                "AND object_id || '' = ANY(%s) ORDER BY at DESC LIMIT 200",
                [ids],
            )
            cursor.fetchall()

    ours = _p95(by_person)
    if connection.vendor == "postgresql":
        peer = _p95(by_person_no_index, runs=5)
        versus = f"(without the index {peer * 1000:7.1f} ms, ratio {peer / ours:5.1f})"
    else:
        versus = "(peer on PostgreSQL only)"
    print(
        f"  search by person             p95 {ours * 1000:7.1f} ms  {versus}"
        f"   target p95 < 300 ms {'met' if ours < 0.3 else 'NOT met'}",
        flush=True,
    )
    user = _p95(lambda: selectors.access_log_search(dpo, username="user7"))
    print(f"  search by user               p95 {user * 1000:7.1f} ms", flush=True)
