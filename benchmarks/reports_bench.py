"""Public-space reports volume benchmarks (issue 12), through gunicorn and real HTTP:
Open311 POST throughput, GET requests.json over 1,000 reports, and the team worklist (staff
API) and the duplicate suggestion (/report/nearby.json) over 1,000,000 reports. Figures and
the issue's targets are printed; nothing is asserted.

The peer for POST is the same request through Django's in-process test client (no network,
no gunicorn), so the ratio shows what the server stack costs. Database: a scratch PostgreSQL
database ``urbis_bench_reports`` (dropped and recreated), or SQLite when none answers.
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = os.environ.get("URBIS_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = os.environ.get("URBIS_BENCH_REPORTS_DB", "urbis_bench_reports")
SERVER_ENV = {
    "URBIS_DEBUG": "0",
    "URBIS_SECRET_KEY": "bench-" + "x" * 50,
    "URBIS_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "URBIS_SSL_REDIRECT": "0",
    "URBIS_HSTS_SECONDS": "0",
    "URBIS_REPORTS_POSTS_PER_HOUR_KEY": "100000000",
    "URBIS_REPORTS_POSTS_PER_HOUR_ADDRESS": "100000000",
    "URBIS_LOG_LEVEL": "WARNING",
}


def _database_url() -> str:
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3) as db:
            db.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
            db.execute(f"CREATE DATABASE {DB_NAME}")
        return f"{PG_SERVER}/{DB_NAME}"
    except Exception as error:
        print(f"  (PostgreSQL not available: {error.__class__.__name__}; using SQLite)")
        import tempfile

        path = Path(tempfile.gettempdir()) / "urbis-bench-reports.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"


def _django() -> str:
    url = _database_url()
    os.environ["DATABASE_URL"] = url
    os.environ.update(SERVER_ENV)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    seed_categories()
    return url


def seed_categories() -> None:
    """The demo's categories, all on one team ``cleaning`` (the services, as staff would)."""
    # local: Django is set up per benchmark (its own scratch database) before models load
    from urbis.reports import services
    from urbis.reports.demo import CATEGORIES

    team = services.team_create(actor=None, code="cleaning", name="Cleaning")
    for order, row in enumerate(CATEGORIES, start=1):
        code, nl, fr, en, group, keywords, _team, days, working, article, public, extra = row
        services.category_save(
            actor=None,
            code=code,
            order=order,
            name_nl=nl,
            name_fr=fr,
            name_en=en,
            group=group,
            keywords=keywords,
            team=team,
            sla_days=days,
            sla_working_days=working,
            gas_eligible=bool(article),
            gas_article_code=article,
            is_public=public,
            attributes=extra,
        )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """gunicorn with 2 workers (the issue's 2 cores) on a free port."""

    def __init__(self, url: str) -> None:
        self.port = _free_port()
        env = {**os.environ, **SERVER_ENV, "DATABASE_URL": url}
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "config.wsgi",
                "--workers",
                "2",
                "--threads",
                "4",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        for _ in range(100):
            try:
                self.get("/healthz")
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        connection = self.connection()
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


def _post_body(key: str, n: int) -> str:
    return urllib.parse.urlencode(
        {
            "api_key": key,
            "service_code": "littering",
            "lat": f"{51.02 + (n % 100) / 10000:.5f}",
            "long": f"{4.47 + (n % 97) / 10000:.5f}",
            "description": f"bench report {n}",
        }
    )


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[18] if len(samples) >= 20 else max(samples)


def open311(quick: bool) -> None:
    url = _django()
    from django.test import Client

    # local: Django is set up per benchmark (its own scratch database) before models load
    from urbis.reports.services import open311_key_create

    _row, key = open311_key_create(actor=None, name="bench")
    total = 300 if quick else 3000
    threads = 8
    server = Server(url)
    try:
        counter = iter(range(total))
        lock = threading.Lock()
        statuses: list[int] = []

        def worker() -> None:
            connection = server.connection()
            while True:
                with lock:
                    n = next(counter, None)
                if n is None:
                    return
                connection.request(
                    "POST",
                    "/open311/v2/requests.json",
                    body=_post_body(key, n),
                    headers={"Content-Type": "application/x-www-form-urlencoded"},
                )
                response = connection.getresponse()
                response.read()
                statuses.append(response.status)

        start = time.perf_counter()
        pool = [threading.Thread(target=worker) for _ in range(threads)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()
        elapsed = time.perf_counter() - start
        ok = statuses.count(201)
        client = Client()
        peer_n = 200
        peer_start = time.perf_counter()
        for n in range(total, total + peer_n):
            client.post("/open311/v2/requests.json", urllib.parse.parse_qs(_post_body(key, n)))
        peer_rate = peer_n / (time.perf_counter() - peer_start)
        rate = ok / elapsed
        print(
            f"{'Open311 POST through gunicorn (8 clients)':<46} {rate:>8.0f} reports/s "
            f"({ok}/{total} created) | in-process test client {peer_rate:.0f}/s | "
            f"target >= 150/s: {'meets' if rate >= 150 else 'BELOW'}",
            flush=True,
        )

        samples = []
        for _ in range(20 if quick else 60):
            began = time.perf_counter()
            _status, body = server.get("/open311/v2/requests.json")
            samples.append(time.perf_counter() - began)
        import json

        count = len(json.loads(body))
        p95 = _p95(samples) * 1000
        print(
            f"{'GET requests.json (' + str(count) + ' reports)':<46} p95 {p95:>7.1f} ms | "
            f"target < 150 ms: {'meets' if p95 < 150 else 'BELOW'}",
            flush=True,
        )
    finally:
        server.stop()


def fill(total: int, *, reporters: bool = False) -> None:
    """``total`` reports in bulk (no services: the figure is about reading them); with
    ``reporters``, each gets its reporter row, half of them with an e-mail address."""
    import secrets

    from django.utils import timezone

    # local: Django is set up per benchmark (its own scratch database) before models load
    from urbis.reports.models import Category, Report, Reporter, Team

    team = Team.objects.get(code="cleaning")
    other = Team.objects.create(code="other", name="Other")
    categories = list(Category.objects.select_related("current"))
    now = timezone.now()
    rng = random.Random(12)
    statuses = ["new", "acknowledged", "in_progress", "resolved", "resolved", "no_action"]
    batch = []
    for i in range(total):
        category = categories[i % len(categories)]
        status = statuses[rng.randrange(len(statuses))]
        created = now - dt.timedelta(minutes=i)
        batch.append(
            Report(
                token=secrets.token_hex(16) + f"{i:010d}",
                category=category,
                category_version=category.current,
                status=status,
                description="bulk",
                lat=50.99 + rng.random() * 0.08,
                lon=4.40 + rng.random() * 0.15,
                address=f"Street {i % 500}",
                source="web",
                team=team if i % 3 else other,
                created_at=created,
                updated_at=created,
                due_on=created.date(),
                closed_at=created if status in ("resolved", "no_action") else None,
            )
        )
        if len(batch) == 10_000 or i == total - 1:
            Report.objects.bulk_create(batch)
            if reporters:
                Reporter.objects.bulk_create(
                    Reporter(
                        report=report,
                        first_name="R",
                        last_name=str(report.pk),
                        email=f"citizen{report.pk}@example.org" if report.pk % 2 else "",
                        original=True,
                        created_at=report.created_at,
                    )
                    for report in batch
                )
            batch = []


def queries(quick: bool) -> None:
    url = _django()
    from django.db import connection
    from rest_framework.authtoken.models import Token

    # local: Django is set up per benchmark (its own scratch database) before models load
    from urbis.core.testing.fixtures import create_user

    total = 100_000 if quick else 1_000_000
    began = time.perf_counter()
    fill(total)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE reports_report")
    print(f"  ({total:,} reports loaded in {time.perf_counter() - began:.0f} s)", flush=True)
    user = create_user("public_space", username="bench-desk")
    token = Token.objects.create(user=user).key
    server = Server(url)
    try:
        headers = {"Authorization": f"Token {token}"}
        paths = [
            "/api/v1/reports/?team=cleaning&status=open",
            "/api/v1/reports/?team=cleaning&status=open&sort=due_on",
            "/api/v1/reports/?category=littering&status=open&page=3",
        ]
        samples = []
        for i in range(30 if quick else 90):
            began = time.perf_counter()
            status, _body = server.get(paths[i % len(paths)], headers)
            samples.append(time.perf_counter() - began)
            assert status == 200, status
        p95 = _p95(samples) * 1000
        print(
            f"{'team worklist, ' + format(total, ',') + ' reports':<46} p95 {p95:>7.1f} ms | "
            f"target < 300 ms: {'meets' if p95 < 300 else 'BELOW'}",
            flush=True,
        )
        rng = random.Random(3)
        samples = []
        for _ in range(50 if quick else 200):
            lat, lon = 50.99 + rng.random() * 0.08, 4.40 + rng.random() * 0.15
            began = time.perf_counter()
            status, _body = server.get(
                f"/report/nearby.json?category=littering&lat={lat:.5f}&lon={lon:.5f}"
            )
            samples.append(time.perf_counter() - began)
        p95 = _p95(samples) * 1000
        print(
            f"{'duplicate suggestion, ' + format(total, ',') + ' reports':<46} p95 {p95:>7.1f} ms"
            f" | target < 50 ms: {'meets' if p95 < 50 else 'BELOW'}",
            flush=True,
        )
    finally:
        server.stop()
