"""Commands: open311 keys, the purge with its dry run, the nightly job, the demo loader."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from urbis.core.nightly import registered_jobs, run_job
from urbis.reports.models import Open311Key
from urbis.reports.services.keys import open311_key_check

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_key_create_prints_one_line_and_revoke() -> None:
    output = run("open311", "key", "create", "fixmystreet")
    lines = output.strip().splitlines()
    assert len(lines) == 1 and len(lines[0]) >= 40
    assert open311_key_check(lines[0]) is not None
    assert "fixmystreet" in run("open311", "key", "list")
    with pytest.raises(CommandError) as error:
        call_command("open311", "key", "create", "fixmystreet")
    assert error.value.returncode == 2
    run("open311", "key", "revoke", "fixmystreet")
    assert open311_key_check(lines[0]) is None
    assert Open311Key.objects.get().revoked_at is not None
    with pytest.raises(CommandError):
        call_command("open311", "key", "revoke", "nobody")


def test_purge_dry_run_and_the_nightly_retention_rule(categories) -> None:
    from urbis.core.gdpr.models import RetentionProof

    assert "0 reporters' contact details would be erased" in run("reports_purge", "--dry-run")
    assert "core.gdpr_retention" in [job.name for job in registered_jobs()]
    run_job("core.gdpr_retention")
    proof = RetentionProof.objects.get(rule="reports.reporter_details")
    assert (proof.count, proof.action) == (0, "anonymise")


def test_demo_loader_is_idempotent_and_feeds_the_plan(settings) -> None:
    from datetime import date

    from urbis.core.demo.city import load_core_demo
    from urbis.core.indicators import provider
    from urbis.core.models import User
    from urbis.reports.demo import load_reports_demo
    from urbis.reports.models import Category, Report

    load_core_demo(None)
    system = User.objects.filter(is_superuser=True).first()
    first = load_reports_demo(system)
    again = load_reports_demo(system)
    assert first == again and Category.objects.count() == 10
    assert Report.objects.count() == 5
    value = provider("reports.littering_dumping_per_1000").compute(
        date(2000, 1, 1), date(2100, 1, 1)
    )
    assert value.base_n == 2
