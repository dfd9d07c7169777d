"""CPTED reads that name people (site-visit participants, who signed off, photos) write the
access log from the selectors: the pages as before, and now the API too."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token

from urbis.core.models import AccessLogEntry
from urbis.core.testing.fixtures import verified_client
from urbis.cpted import services

pytestmark = pytest.mark.django_db


def api(user):  # type: ignore[no-untyped-def]
    client = verified_client(user)
    token, _ = Token.objects.get_or_create(user=user)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    return client


@pytest.fixture
def assessment(housing, cpted_advisor, template):  # type: ignore[no-untyped-def]
    return services.assessment_start(actor=cpted_advisor, project=housing, template=template)


def logged(purpose: str) -> list[str]:
    return list(AccessLogEntry.objects.filter(purpose=purpose).values_list("object_id", flat=True))


def test_assessment_page_and_report_are_logged(assessment, cpted_advisor) -> None:
    client = verified_client(cpted_advisor)
    assert client.get(f"/cpted/assessments/{assessment.pk}/").status_code == 200
    assert logged("cpted.assessment") == [str(assessment.pk)]


def test_api_assessment_list_logs_the_page(assessment, cpted_advisor) -> None:
    response = api(cpted_advisor).get("/api/v1/cpted/assessments/")
    assert response.status_code == 200
    assert [a["id"] for a in response.json()["results"]] == [assessment.pk]
    assert logged("cpted.api.assessments") == [str(assessment.pk)]
    row = AccessLogEntry.objects.get(purpose="cpted.api.assessments")
    assert row.user == cpted_advisor and row.object_type == "cpted.assessment"


def test_api_ratings_log_their_assessment(assessment, cpted_advisor) -> None:
    response = api(cpted_advisor).get(f"/api/v1/cpted/assessments/{assessment.pk}/ratings/")
    assert response.status_code == 200
    assert logged("cpted.api.ratings") == [str(assessment.pk)]


def test_outsider_gets_404_and_no_log(assessment, outsider) -> None:
    assert (
        api(outsider).get(f"/api/v1/cpted/assessments/{assessment.pk}/ratings/").status_code == 404
    )
    assert not AccessLogEntry.objects.exists()
