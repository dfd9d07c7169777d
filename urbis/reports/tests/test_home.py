"""The home page lists the open reports of my teams and those assigned to me, no others."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from urbis.core.testing.fixtures import create_user, verified_client
from urbis.reports import services
from urbis.reports.tests.conftest import file

pytestmark = pytest.mark.django_db


def home(user: Any) -> str:
    return verified_client(user).get(reverse("core:dashboard")).content.decode()


def test_my_team_and_my_assignments(categories, teams, public_space, ascertainer) -> None:
    report = services.report_submit(actor=None, data=file()).report
    assert report.team == teams["cleaning"]
    url = f"/reports/{report.pk}/"
    outside_team = create_user("public_space", username="desk2")
    assert url in home(public_space)
    assert url not in home(outside_team)  # same role, not in the team
    assert url not in home(ascertainer)
    services.report_assign(
        actor=public_space, report=report, team=teams["enforcement"], assignee=ascertainer
    )
    assigned = home(ascertainer)
    assert url in assigned
    alerts = assigned.split('data-home="alerts"')[1].split("</section>")[0]
    assert 'data-home-item="reports.assigned"' in alerts and url in alerts
    assert url not in home(public_space)
    services.report_transition(
        actor=ascertainer, report=report, to_status="resolved", text="Cleared."
    )
    assert url not in home(ascertainer)  # closed: no longer work
