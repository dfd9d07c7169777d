"""GAS volume benchmarks (issue 3): bulk intake, letters, and the case list and dashboard over
a million cases. Each section prints its figures and the issue's target; nothing is asserted.

The peer for intake is Urbis's own row-by-row path (the API's, one transaction per case),
measured in the same run on the same rows, so the ratio shows what batching buys.

Database: a scratch PostgreSQL database ``urbis_bench`` on 127.0.0.1:5432 (dropped and
recreated; ``URBIS_BENCH_PG`` overrides the server URL), or a scratch SQLite file when no
PostgreSQL answers. Never the development database.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = os.environ.get("URBIS_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = os.environ.get("URBIS_BENCH_DB", "urbis_bench")


def _database_url() -> str:
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3) as db:
            db.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
            db.execute(f"CREATE DATABASE {DB_NAME}")
        return f"{PG_SERVER}/{DB_NAME}"
    except Exception as error:  # no PostgreSQL here: a scratch SQLite file
        print(f"  (PostgreSQL not available: {error.__class__.__name__}; using SQLite)")
        import tempfile

        path = Path(tempfile.gettempdir()) / "urbis-bench.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"


def _django() -> str:
    url = _database_url()
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("URBIS_DEBUG", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    # local: Django is set up per benchmark (its own scratch database) before models load
    from urbis.sanctions.catalogue_seed import seed_catalogue

    seed_catalogue()
    return "PostgreSQL" if url.startswith("postgres") else "SQLite"


def _users() -> tuple[Any, Any]:
    # local: Django is set up per benchmark (its own scratch database) before models load
    from urbis.core.testing.fixtures import create_user

    return create_user("ascertainer", username="bench-ascertainer"), create_user(
        "gas_staff", username="bench-staff"
    )


def _csv(n: int, start: int = 0) -> bytes:
    """``n`` camera parking ascertainments, as a city's camera batch would arrive."""
    from django.utils import timezone
    from stdnum.be import nn

    today = timezone.localdate()
    lines = [
        "kind;reference;article;offence_at;ascertained_on;received_on;name;national_number;"
        "street;postcode;city;plate;language"
    ]
    for i in range(start, start + n):
        day = today - dt.timedelta(days=2 + i % 20)
        first9 = f"{70 + i % 30:02d}{1 + i % 12:02d}{1 + i % 28:02d}{i % 997:03d}"
        number = first9 + f"{97 - int(first9) % 97:02d}"
        national = number if nn.is_valid(number) else ""
        lines.append(
            f"camera;CAM/{i:07d};PARK-{1 + i % 2};{day}T{8 + i % 10:02d}:15;{day};"
            f"{day + dt.timedelta(days=1)};Driver {i};{national};Bruul {i % 90};2800;Mechelen;"
            f"1-ABC-{i % 1000:03d};{'fr' if i % 5 == 0 else 'nl'}"
        )
    return ("\n".join(lines) + "\n").encode()


def intake(quick: bool) -> None:
    engine = _django()
    # local: Django is set up per benchmark (its own scratch database) before models load
    from urbis.core.tabular import read_table
    from urbis.sanctions.models import Case
    from urbis.sanctions.services import intake as services
    from urbis.sanctions.services.intake.tabular import parse_row

    ascertainer, _staff = _users()
    n = 10_000 if quick else 100_000
    peer_n = 500 if quick else 2_000
    content = _csv(n)
    start = time.perf_counter()
    report = services.ascertainments_import(actor=ascertainer, content=content)
    seconds = time.perf_counter() - start
    assert not report.rejected, report.rejected[:3]
    rate = n / seconds
    # Peer: the row-by-row path (what the API does per request), on fresh rows.
    rows = [parse_row(row) for row in read_table(_csv(peer_n, start=n), filename="b.csv").rows]
    start = time.perf_counter()
    for data in rows:
        services.ascertainment_create(actor=ascertainer, data=data)
    peer_rate = peer_n / (time.perf_counter() - start)
    print(f"GAS bulk intake on {engine}: {n:,} camera parking ascertainments", flush=True)
    print(
        f"  batch   {rate:10,.0f} ascertainments/s  ({seconds:.1f} s)   target >= 200/s "
        f"{'met' if rate >= 200 else 'NOT met'}{'' if not quick else ' (quick size)'}"
        f"; issue 10 target >= 10,000/s {'met' if rate >= 10_000 else 'NOT met'}"
    )
    print(
        f"  peer: row-by-row service path {peer_rate:,.0f}/s on {peer_n:,} rows; "
        f"ratio batch/row-by-row {rate / peer_rate:.1f}x"
    )
    print(f"  cases in the database: {Case.objects.count():,}", flush=True)
    # The core reader alone (urbis.core.tabular), on the same file: the part every import shares.
    big = _csv(n, start=2 * n)
    start = time.perf_counter()
    table = read_table(big, filename="b.csv")
    read_rate = len(table.rows) / (time.perf_counter() - start)
    print(f"  core reader alone: {read_rate:,.0f} rows/s ({len(big) / 1e6:.1f} MB)", flush=True)


def letters(quick: bool) -> None:
    engine = _django()
    # local: Django is set up per benchmark (its own scratch database) before models load
    from urbis.sanctions.models import Letter
    from urbis.sanctions.services import intake as services
    from urbis.sanctions.services.batches import notices_send

    ascertainer, staff = _users()
    n = 500 if quick else 5_000
    services.ascertainments_import(actor=ascertainer, content=_csv(n))
    start = time.perf_counter()
    result = notices_send(actor=staff, procedure="parking")
    seconds = time.perf_counter() - start
    made = Letter.objects.filter(kind="parking_notice").count()
    rate = made / seconds
    print(f"GAS parking notices on {engine}: {made:,} PDF letters with EPC QR ({result.summary()})")
    print(
        f"  {rate:10,.1f} letters/s  ({seconds:.1f} s)   target >= 50/s "
        f"{'met' if rate >= 50 else 'NOT met'}",
        flush=True,
    )


def _fill(total: int) -> None:
    """Synthetic cases straight into the tables (bench data only), in every status."""
    from django.db import transaction
    from django.utils import timezone

    # local: Django is set up per benchmark (its own scratch database) before models load
    from urbis.sanctions.models import Article, Ascertainment, Case, CaseCounter, Offender
    from urbis.sanctions.workflow import Status

    articles = list(Article.objects.all())
    statuses = [s.value for s in Status]
    today = timezone.localdate()
    chunk = 20_000
    made = 0
    while made < total:
        size = min(chunk, total - made)
        with transaction.atomic():
            offenders = Offender.objects.bulk_create(
                Offender(kind="natural", name=f"Person {made + i}", city="Mechelen")
                for i in range(size)
            )
            ascertainments = Ascertainment.objects.bulk_create(
                Ascertainment(
                    kind="camera",
                    reference=f"SYN/{made + i}",
                    offence_at=timezone.now() - dt.timedelta(days=(made + i) % 400),
                    ascertained_on=today - dt.timedelta(days=(made + i) % 400),
                    received_on=today - dt.timedelta(days=(made + i) % 400),
                    article=articles[(made + i) % len(articles)],
                    offender=offenders[i],
                    description="synthetic",
                )
                for i in range(size)
            )
            Case.objects.bulk_create(
                Case(
                    number=f"SYN-{made + i:09d}",
                    ascertainment=ascertainments[i],
                    procedure=ascertainments[i].article.procedure,
                    status=statuses[(made + i) % len(statuses)],
                    decision_limit=today + dt.timedelta(days=(made + i) % 200),
                    decided_on=today - dt.timedelta(days=(made + i) % 300)
                    if (made + i) % 3 == 0
                    else None,
                )
                for i in range(size)
            )
        made += size
        print(f"  … {made:,} cases", end="\r", flush=True)
    CaseCounter.objects.update_or_create(year=today.year, defaults={"last": 0})
    print()


def queries(quick: bool) -> None:
    engine = _django()
    from django.db import connection
    from django.urls import reverse

    # local: Django is set up per benchmark (its own scratch database) before models load
    from urbis.core.testing.fixtures import verified_client
    from urbis.sanctions.services.register import lead_times_refresh

    total = 100_000 if quick else 1_000_000
    print(f"GAS case list and dashboard on {engine}: filling {total:,} cases …", flush=True)
    _fill(total)
    if connection.vendor == "postgresql":
        # What autovacuum does on a live system: statistics and the visibility map (which
        # lets the status counts use index-only scans).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    lead_times_refresh()
    _ascertainer, staff = _users()
    client = verified_client(staff)
    client.defaults["HTTP_HOST"] = "127.0.0.1"  # an allowed host outside the test settings
    pages = {
        "dashboard": reverse("sanctions:dashboard"),
        "case list": reverse("sanctions:cases"),
        "case list, a queue": reverse("sanctions:cases") + "?queue=defence",
        "case list, page 200": reverse("sanctions:cases") + "?page=200",
    }
    for name, url in pages.items():
        client.get(url)  # warm-up
        times = []
        for _ in range(40):
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, response.status_code
        p95 = statistics.quantiles(times, n=20)[18] * 1000
        print(
            f"  {name:<22} p95 {p95:7.1f} ms  median {statistics.median(times) * 1000:7.1f} ms"
            f"   target p95 < 300 ms {'met' if p95 < 300 else 'NOT met'}",
            flush=True,
        )
