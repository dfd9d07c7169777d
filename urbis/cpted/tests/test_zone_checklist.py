"""A zone's whole checklist on one page: saved together, all or nothing, errors beside the
row's field; the sign-off warns (and asks to confirm) below the coverage threshold."""

from __future__ import annotations

import pytest
from django.urls import reverse

from urbis.core.models import AuditEvent
from urbis.core.testing.fixtures import verified_client
from urbis.cpted import services
from urbis.cpted.models import Assessment, Rating
from urbis.cpted.tests.zone_form import row_index, zone_data, zone_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(housing, cpted_advisor, template) -> Assessment:  # type: ignore[no-untyped-def]
    return services.assessment_start(
        actor=cpted_advisor, project=housing, template=template, zones=["Courtyard", "Street"]
    )


def _courtyard(assessment: Assessment):  # type: ignore[no-untyped-def]
    return assessment.zones.get(name="Courtyard")


def test_page_lists_every_item_of_the_checklist(assessment, cpted_advisor) -> None:
    response = verified_client(cpted_advisor).get(zone_url(assessment, _courtyard(assessment)))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="checklist-row') == assessment.template.items.count()
    assert 'min="1" max="5"' in html  # the five-point scale on the input


def test_rows_are_saved_together(assessment, cpted_advisor) -> None:
    zone = _courtyard(assessment)
    rows = {
        "NS-01": {"value": "4", "note": "Windows on the path"},
        "NS-03": {"value": "2"},
        "AC-01": {"not_applicable": "on"},
    }
    response = verified_client(cpted_advisor).post(
        zone_url(assessment, zone), zone_data(assessment, rows)
    )
    assert response.status_code == 302
    saved = {r.item.code: r for r in Rating.objects.filter(zone=zone)}
    assert set(saved) == {"NS-01", "NS-03", "AC-01"}
    assert (saved["NS-01"].value, saved["NS-01"].note) == (4, "Windows on the path")
    assert saved["AC-01"].not_applicable and saved["AC-01"].value is None
    assert not Rating.objects.filter(zone__name="Street").exists()
    # The page shows them again as the form's values.
    html = verified_client(cpted_advisor).get(zone_url(assessment, zone)).content.decode()
    assert 'data-saved="NS-01"' in html


def test_one_refused_row_saves_nothing_and_names_its_field(assessment, cpted_advisor) -> None:
    zone = _courtyard(assessment)
    rows = {
        "NS-01": {"value": "4"},
        "NS-02": {"not_applicable": "on", "not_observable": "on"},
        "NS-03": {"value": "9"},
    }
    response = verified_client(cpted_advisor).post(
        zone_url(assessment, zone), zone_data(assessment, rows)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert not Rating.objects.filter(assessment=assessment).exists()
    ns03 = row_index(assessment, "NS-03")
    ns02 = row_index(assessment, "NS-02")
    assert f'id="id_form-{ns03}-value_error"' in html
    assert "The rating must lie between 1 and 5." in html
    assert f'id="id_form-{ns02}-not_observable_error"' in html
    assert 'href="#row-NS-02"' in html and 'href="#row-NS-03"' in html
    assert 'value="4"' in html  # what was typed stays on the page


def test_unchanged_rows_are_not_written_again(assessment, cpted_advisor) -> None:
    zone = _courtyard(assessment)
    client = verified_client(cpted_advisor)
    client.post(zone_url(assessment, zone), zone_data(assessment, {"NS-01": {"value": "4"}}))
    rated = AuditEvent.objects.filter(action="cpted.item_rated")
    assert rated.count() == 1
    rows = {"NS-01": {"value": "4"}, "NS-02": {"value": "5"}}
    assert client.post(zone_url(assessment, zone), zone_data(assessment, rows)).status_code == 302
    assert rated.count() == 2
    assert rated.order_by("-pk").first().data["item"] == "NS-02"


def test_a_saved_rating_cannot_be_emptied(assessment, cpted_advisor) -> None:
    zone = _courtyard(assessment)
    client = verified_client(cpted_advisor)
    client.post(zone_url(assessment, zone), zone_data(assessment, {"NS-01": {"value": "4"}}))
    response = client.post(zone_url(assessment, zone), zone_data(assessment, {}))
    assert response.status_code == 400
    assert "A saved rating cannot be emptied" in response.content.decode()
    assert Rating.objects.get(zone=zone).value == 4


def test_a_tampered_row_count_is_refused(assessment, cpted_advisor) -> None:
    data = zone_data(assessment, {"NS-01": {"value": "4"}})
    data["form-TOTAL_FORMS"] = "3"
    response = verified_client(cpted_advisor).post(
        zone_url(assessment, _courtyard(assessment)), data
    )
    assert response.status_code == 400
    assert not Rating.objects.exists()


def test_zone_of_another_assessment_is_404(assessment, housing, cpted_advisor, template) -> None:
    other = services.assessment_start(actor=cpted_advisor, project=housing, template=template)
    url = reverse("cpted:zone_checklist", args=[assessment.pk, other.zones.get().pk])
    assert verified_client(cpted_advisor).get(url).status_code == 404


def test_planner_and_outsider_get_404(assessment, planner, outsider) -> None:
    url = zone_url(assessment, _courtyard(assessment))
    for user in (planner, outsider):
        assert verified_client(user).get(url).status_code == 404
        assert verified_client(user).post(url, zone_data(assessment, {})).status_code == 404


def test_completed_check_is_not_changed(assessment, cpted_advisor) -> None:
    zone = _courtyard(assessment)
    client = verified_client(cpted_advisor)
    client.post(zone_url(assessment, zone), zone_data(assessment, {"NS-01": {"value": "4"}}))
    services.assessment_complete(
        actor=cpted_advisor,
        assessment=assessment,
        summary="Fine",
        signed_off_by="B. Claes",
        accept_low_coverage=True,
    )
    response = client.post(
        zone_url(assessment, zone), zone_data(assessment, {"NS-02": {"value": "3"}})
    )
    assert response.status_code == 302
    assert Rating.objects.filter(zone=zone).count() == 1


def _complete(client, assessment, **extra):  # type: ignore[no-untyped-def]
    data = {"form": "complete", "summary": "Partial", "signed_off_by": "B. Claes", **extra}
    return client.post(reverse("cpted:assessment", args=[assessment.pk]), data)


def test_low_coverage_sign_off_warns_and_needs_confirmation(assessment, cpted_advisor) -> None:
    client = verified_client(cpted_advisor)
    client.post(
        zone_url(assessment, _courtyard(assessment)),
        zone_data(assessment, {"NS-01": {"value": "4"}}),
    )
    page = client.get(reverse("cpted:assessment", args=[assessment.pk])).content.decode()
    assert 'id="low-coverage"' in page
    response = _complete(client, assessment)
    assert response.status_code == 400
    assert "confirm that you sign off a partial check" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == "draft"
    assert _complete(client, assessment, accept_low_coverage="on").status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "completed"


def test_coverage_threshold_is_configurable(assessment, cpted_advisor, settings) -> None:
    settings.URBIS_CPTED_SIGN_OFF_COVERAGE = 1
    client = verified_client(cpted_advisor)
    client.post(
        zone_url(assessment, _courtyard(assessment)),
        zone_data(assessment, {"NS-01": {"value": "4"}}),
    )
    page = client.get(reverse("cpted:assessment", args=[assessment.pk])).content.decode()
    assert 'id="low-coverage"' not in page  # 1 of ~90 items is above 1 %
    assert _complete(client, assessment).status_code == 302
