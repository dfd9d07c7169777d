"""The desk page: a report phoned in by a citizen, through the same service as Open311."""

from __future__ import annotations

import pytest

from urbis.core.testing.fixtures import verified_client
from urbis.reports.models import Report

pytestmark = pytest.mark.django_db

CALL = {
    "lat": "51.0286",
    "lon": "4.4801",
    "address": "Bruul 12",
    "description": "Bags dumped by the church",
    "attribute_volume": "van",
    "first_name": "Ann",
    "last_name": "Peeters",
    "phone": "+32 15 00 00 00",
    "email": "ann@example.org",
    "submission": "desk-1",
}


def test_desk_files_a_phone_report(
    categories, public_space, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    client = verified_client(public_space)
    picker = client.get("/reports/desk/")
    assert picker.status_code == 200
    assert 'value="internal"' in picker.content.decode()  # staff-only categories too
    form = client.get("/reports/desk/?category=illegal-dumping")
    assert form.status_code == 200 and 'name="attribute_volume"' in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/reports/desk/?category=illegal-dumping", CALL)
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/reports/{report.pk}/"
    assert report.source == "phone" and report.category.code == "illegal-dumping"
    assert report.attributes["volume"] in ("van", ["van"])
    reporter = report.reporters.get()
    assert (reporter.last_name, reporter.phone) == ("Peeters", "+32 15 00 00 00")
    assert report.status_changes.get().actor == public_space
    assert len(mailoutbox) == 1 and report.token in mailoutbox[0].body
    again = client.post("/reports/desk/?category=illegal-dumping", CALL)  # a double click
    assert again.status_code == 302 and Report.objects.count() == 1


def test_desk_staff_only_category(categories, public_space) -> None:
    client = verified_client(public_space)
    body = {**CALL, "submission": "desk-2"}
    response = client.post("/reports/desk/?category=internal", body)
    assert response.status_code == 302
    assert Report.objects.get().category.code == "internal"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"lat": "", "lon": "", "address": ""}, "address"),
        ({"lat": "50.0", "lon": "3.0"}, "address"),  # outside the city
        ({"lat": "95"}, "lat"),
        ({"description": "<b>x</b>"}, "description"),
        ({"attribute_volume": ""}, "attribute_volume"),
        ({"email": "not-mail"}, "email"),
        ({"phone": "1" * 41}, "phone"),
    ],
)
def test_desk_bad_input_is_400_per_field(categories, public_space, changes, field) -> None:
    response = verified_client(public_space).post(
        "/reports/desk/?category=illegal-dumping", {**CALL, **changes}
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Report.objects.count() == 0


def test_desk_unknown_category_is_400(categories, public_space) -> None:
    response = verified_client(public_space).get("/reports/desk/?category=nope")
    assert response.status_code == 400 and "category" in response.context["picker"].errors


@pytest.mark.parametrize("persona", ["outsider", "coordinator", "ascertainer"])
def test_desk_is_for_the_public_space_service(request, categories, persona) -> None:
    client = verified_client(request.getfixturevalue(persona))
    assert client.get("/reports/desk/?category=littering").status_code == 404
    assert client.post("/reports/desk/?category=littering", CALL).status_code == 404
    assert Report.objects.count() == 0
