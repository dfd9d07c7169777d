"""Staff API: list with filters, detail (contact only for public space, logged), status and
assignment, 400 on bad input, 404 for outsiders, 401 for anonymous; the OpenAPI schema."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from urbis.core.models import AccessLogEntry
from urbis.reports import services
from urbis.reports.tests.conftest import file

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_list_detail_and_actions(categories, teams, public_space) -> None:
    report = services.report_submit(actor=None, data=file()).report
    client = api(public_space)
    listing = client.get("/api/v1/reports/", {"status": "open", "team": "cleaning"})
    assert listing.status_code == 200
    rows = listing.json()["results"] if "results" in listing.json() else listing.json()
    assert [r["id"] for r in rows] == [report.pk]
    assert "email" not in str(rows)
    detail = client.get(f"/api/v1/reports/{report.pk}/")
    assert detail.status_code == 200 and detail.json()["reporters"][0]["email"] == "an@example.org"
    assert AccessLogEntry.objects.filter(user=public_space).exists()
    bad = client.post(
        f"/api/v1/reports/{report.pk}/status/", {"status": "no_action"}, format="json"
    )
    assert bad.status_code == 400 and "text" in bad.json()["errors"]
    ok = client.post(f"/api/v1/reports/{report.pk}/status/", {"status": "resolved"}, format="json")
    assert ok.status_code == 200 and ok.json()["status"] == "resolved"
    moved = client.post(
        f"/api/v1/reports/{report.pk}/assign/", {"team": "enforcement"}, format="json"
    )
    assert moved.status_code == 200 and moved.json()["team"] == "enforcement"
    assert (
        client.post(
            f"/api/v1/reports/{report.pk}/assign/", {"team": "nope"}, format="json"
        ).status_code
        == 400
    )
    assert client.get("/api/v1/reports/", {"sort": "bogus"}).status_code == 400


def test_roles(categories, coordinator, outsider) -> None:
    report = services.report_submit(actor=None, data=file()).report
    detail = api(coordinator).get(f"/api/v1/reports/{report.pk}/")
    assert detail.status_code == 200 and detail.json()["reporters"] == []
    assert (
        api(coordinator)
        .post(f"/api/v1/reports/{report.pk}/status/", {"status": "resolved"}, format="json")
        .status_code
        == 404
    )
    assert api(outsider).get("/api/v1/reports/").status_code == 404
    assert APIClient().get("/api/v1/reports/").status_code in (401, 403)


def test_schema_lists_the_reports_api(admin_user) -> None:
    schema = api(admin_user).get("/api/v1/schema/", {"format": "json"})
    assert schema.status_code == 200
    assert any(
        p.startswith("/api/v1/reports/") and p.endswith("/status/") for p in schema.json()["paths"]
    )
