"""The home registry (core/home.py) and core's own providers: the DPO's and the administrator's
work. Each feature app tests its providers in its own tests/test_home.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from urbis.core import home
from urbis.core.audit import log_access_many
from urbis.core.gdpr.models import SubjectRequest
from urbis.core.models import Area
from urbis.core.testing.fixtures import PERSONA_FIXTURES, verified_client

pytestmark = pytest.mark.django_db


def page(user: Any) -> str:
    return verified_client(user).get(reverse("core:dashboard")).content.decode()


@pytest.fixture
def temporary_provider() -> Iterator[list[str]]:
    codes: list[str] = []
    yield codes
    for code in codes:
        home._providers.pop(code, None)


def test_sections_order_and_role_gate(coordinator, analyst, temporary_provider) -> None:
    today = dt.date(2026, 12, 1)

    def provider(user: Any) -> list[home.HomeItem]:
        return [
            home.HomeItem("due", "later", "/l/", due=today + dt.timedelta(days=3)),
            home.HomeItem("due", "soon", "/s/", due=today + dt.timedelta(days=1)),
            home.HomeItem("due", "late", "/x/", due=today - dt.timedelta(days=1)),
            home.HomeItem("recent", "r", "/r/"),
        ]

    home.register_provider("test.work", provider, roles={"coordinator"})
    temporary_provider.append("test.work")
    mine = home.home_for(coordinator, today=today)
    assert [i.title for i in mine.overdue] == ["late"]
    assert [i.title for i in mine.due] == ["soon", "later"]
    assert {i.source for i in mine.due} == {"test.work"}
    assert not any(i.source == "test.work" for i in home.home_for(analyst).due)


def test_a_failing_provider_does_not_take_the_page_down(coordinator, temporary_provider) -> None:
    def broken(user: Any) -> list[home.HomeItem]:
        raise RuntimeError("boom")

    home.register_provider("test.broken", broken, roles={"coordinator"})
    temporary_provider.append("test.broken")
    assert verified_client(coordinator).get("/").status_code == 200


def test_dpo_sees_unusual_access_and_requests_due(dpo, analyst, admin_user, settings) -> None:
    settings.URBIS_GDPR_UNUSUAL_READS_PER_HOUR = 3
    area = Area.objects.create(
        code="A",
        name="A",
        kind="neighbourhood",
        geometry={},
        min_lat=0,
        min_lon=0,
        max_lat=1,
        max_lon=1,
    )
    log_access_many(user=analyst, targets=[area] * 5, purpose="core.test_read")
    request = SubjectRequest.objects.create(
        kind="access", national_number="85073003328", received_on=timezone.localdate(),
        due_on=timezone.localdate() + dt.timedelta(days=10),
    )  # fmt: skip
    html = page(dpo)
    alerts = html.split('data-home="alerts"')[1].split("</section>")[0]
    assert "analyst" in alerts and 'data-home-item="core.dpo_alerts"' in alerts
    assert f"/gdpr/requests/{request.pk}/" in html
    for other in (analyst, admin_user):
        text = page(other)
        assert "core.dpo_alerts" not in text and f"/gdpr/requests/{request.pk}/" not in text


def test_admin_sees_recent_account_changes(admin_user, analyst, coordinator) -> None:
    client = verified_client(admin_user)
    client.post(reverse("core:manage_user_active", args=[analyst.pk]), {"active": "0"})
    html = page(admin_user)
    recent = html.split('data-home="recent"')[1].split("</section>")[0]
    assert f"/manage/users/{analyst.pk}/" in recent and "user.deactivated" in recent
    assert f"/manage/users/{analyst.pk}/" not in page(coordinator)


@pytest.mark.parametrize("persona", PERSONA_FIXTURES)
def test_each_home_shows_work_sections_not_tiles(
    request: pytest.FixtureRequest, persona: str
) -> None:
    html = page(request.getfixturevalue(persona))
    assert 'data-home="due"' in html
    assert "module-grid" not in html  # the modules are a compact list, no longer tiles
