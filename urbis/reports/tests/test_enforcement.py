"""The enforcement team: field worklist by distance, visit with photos, finding → GAS case
through the sanctions intake (one entry point, ADR 0002), no offender data on the report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from urbis.core.testing.fixtures import verified_client
from urbis.reports import selectors, services
from urbis.reports.tests.conftest import file, jpeg_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(db: None) -> None:
    from urbis.sanctions.catalogue_seed import seed_catalogue

    seed_catalogue()


def assigned(ascertainer, teams, **changes):  # type: ignore[no-untyped-def]
    report = services.report_submit(actor=None, data=file(**changes)).report
    return services.report_assign(
        actor=None, report=report, team=teams["enforcement"], assignee=ascertainer
    )


def test_field_worklist_nearest_first(categories, teams, ascertainer) -> None:
    far = assigned(ascertainer, teams, lat=51.04, lon=4.47, description="far")
    near = assigned(ascertainer, teams, lat=51.0287, lon=4.4802, description="near")
    rows = selectors.officer_worklist(ascertainer, 51.0286, 4.4801)
    assert [r.pk for r, _m in rows] == [near.pk, far.pk]
    assert rows[0][1] is not None and rows[0][1] < 50


def test_finding_becomes_a_gas_case(categories, teams, ascertainer, catalogue) -> None:
    report = assigned(ascertainer, teams)
    photo = SimpleUploadedFile("f.jpg", jpeg_bytes(), content_type="image/jpeg")
    visit = services.visit_record(
        actor=ascertainer,
        report=report,
        findings="Bag of waste dumped",
        offence_observed=True,
        photos=[photo],
    )
    data = services.FindingData(
        offender_kind="natural",
        offender_name="Peeters",
        offender_first_name="Jan",
        national_number="85.07.30-033.28",
        street="Grote Markt 1",
        postcode="2800",
        city="Mechelen",
    )
    report = services.finding_to_gas(actor=ascertainer, report=report, visit=visit, data=data)
    assert report.gas_case_number.startswith("GAS-")
    assert report.gas_case_status == "received"
    again = services.finding_to_gas(actor=ascertainer, report=report, visit=visit, data=data)
    assert again.gas_case_number == report.gas_case_number  # idempotent
    from django.apps import apps

    case = apps.get_model("sanctions", "Case").objects.get(number=report.gas_case_number)
    assert case.ascertainment.article.code == "ABP-15"  # the category's suggested article
    assert case.ascertainment.photos.count() == 1
    page = verified_client(ascertainer).get(f"/reports/{report.pk}/visit/")
    assert report.gas_case_number in page.content.decode()
    assert "Peeters" not in page.content.decode() and "85.07.30" not in page.content.decode()


def test_intake_refusals_come_back_per_field(categories, teams, ascertainer, catalogue) -> None:
    report = assigned(ascertainer, teams)
    visit = services.visit_record(
        actor=ascertainer, report=report, findings="Litter", offence_observed=True
    )
    with pytest.raises(ValidationError) as error:
        services.finding_to_gas(
            actor=ascertainer,
            report=report,
            visit=visit,
            data=services.FindingData(offender_kind="natural", offender_name=""),
        )
    assert "offender.name" in error.value.message_dict
    report.refresh_from_db()
    assert report.gas_case_number == ""


def test_no_gas_without_an_observed_offence(categories, teams, ascertainer) -> None:
    report = assigned(ascertainer, teams)
    visit = services.visit_record(actor=ascertainer, report=report, findings="Nothing there")
    with pytest.raises(ValidationError):
        services.finding_to_gas(
            actor=ascertainer,
            report=report,
            visit=visit,
            data=services.FindingData(offender_kind="natural", offender_name="X"),
        )


def test_field_pages(categories, teams, ascertainer, public_space, catalogue) -> None:
    report = assigned(ascertainer, teams)
    client = verified_client(ascertainer)
    page = client.get("/reports/field/?lat=51.0286&lon=4.4801")
    assert page.status_code == 200 and f'data-report="{report.pk}"' in page.content.decode()
    assert client.get("/reports/field/?lat=abc&lon=999").status_code == 200
    response = client.post(
        f"/reports/{report.pk}/visit/", {"findings": "Waste bag", "offence_observed": "on"}
    )
    assert response.status_code == 302
    visit = report.visits.get()
    response = client.post(
        f"/reports/{report.pk}/gas/",
        {
            "visit": visit.pk,
            "article_code": "ABP-15",
            "offender_kind": "natural",
            "offender_name": "Peeters",
            "offender_first_name": "Jan",
            "national_number": "85.07.30-033.28",
            "language": "nl",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.gas_case_number
    bad = client.post(f"/reports/{report.pk}/gas/", {"visit": visit.pk})
    assert bad.status_code == 400
    assert verified_client(public_space).get("/reports/field/").status_code == 404


def test_speed_check_page(categories, ascertainer) -> None:
    services.report_submit(actor=None, data=file("speeding", address="Hanswijkvaart 40"))
    client = verified_client(ascertainer)
    assert "Hanswijkvaart" in client.get("/reports/speeding/").content.decode()
    response = client.post(
        "/reports/speeding/",
        {
            "street": "Hanswijkvaart",
            "done_on": dt.date(2026, 11, 2).isoformat(),
            "result": "8% over the limit",
        },
    )
    assert response.status_code == 302
    assert "8% over the limit" in client.get("/reports/speeding/").content.decode()


def _gas_case_opened(ascertainer, teams):  # type: ignore[no-untyped-def]
    report = assigned(ascertainer, teams)
    visit = services.visit_record(
        actor=ascertainer, report=report, findings="Bag of waste dumped", offence_observed=True
    )
    data = services.FindingData(
        offender_kind="natural",
        offender_name="Peeters",
        offender_first_name="Jan",
        national_number="85.07.30-033.28",
        street="Grote Markt 1",
        postcode="2800",
        city="Mechelen",
    )
    return services.finding_to_gas(actor=ascertainer, report=report, visit=visit, data=data)


def test_report_shows_the_live_gas_case_status(
    categories, teams, ascertainer, public_space, gas_staff, catalogue
) -> None:
    from django.apps import apps

    report = _gas_case_opened(ascertainer, teams)
    number = report.gas_case_number
    page = verified_client(public_space).get(f"/reports/{report.pk}/").content.decode()
    assert 'data-gas-case-status="received"' in page
    # The GAS staff take the next step in sanctions, through its own page.
    step = verified_client(gas_staff).post(
        f"/gas/cases/{number}/step/", {"action": "send_opening_letter"}
    )
    assert step.status_code == 302
    case = apps.get_model("sanctions", "Case").objects.get(number=number)
    assert case.status == "opened"
    report.refresh_from_db()
    assert report.gas_case_status == "received"  # the hand-off status is not rewritten
    for client, url in (
        (verified_client(public_space), f"/reports/{report.pk}/"),
        (verified_client(ascertainer), f"/reports/{report.pk}/visit/"),
    ):
        body = client.get(url).content.decode()
        assert number in body
        assert 'data-gas-case-status="opened"' in body
        assert "opened, defence term running" in body
        assert "Peeters" not in body and "85.07.30" not in body and "Grote Markt" not in body


def test_case_status_selector(categories, teams, ascertainer, outsider, catalogue) -> None:
    from django.utils import translation

    report = _gas_case_opened(ascertainer, teams)
    live = selectors.gas_case_of(ascertainer, report)
    assert live is not None and (live.number, live.status) == (report.gas_case_number, "received")
    assert set(vars(live)) == {"number", "status", "label"}  # nothing about the offender
    with translation.override("nl"):
        assert selectors.gas_case_of(ascertainer, report).label == "ontvangen"  # type: ignore[union-attr]
    assert selectors.gas_case_of(outsider, report) is None
    report.gas_case_number = "GAS-1999-99999"
    assert selectors.gas_case_of(ascertainer, report) is None
    report.gas_case_number = ""
    assert selectors.gas_case_of(ascertainer, report) is None


def test_unknown_case_shows_the_hand_off_status(
    categories, teams, ascertainer, public_space
) -> None:
    report = assigned(ascertainer, teams)
    report.gas_case_number, report.gas_case_status = "GAS-1999-99999", "received"
    report.save(update_fields=["gas_case_number", "gas_case_status"])
    body = verified_client(public_space).get(f"/reports/{report.pk}/").content.decode()
    assert "GAS-1999-99999" in body and "received at hand-off" in body


def test_staff_api_shows_the_live_gas_case_status(
    categories, teams, ascertainer, public_space, gas_staff, catalogue
) -> None:
    from rest_framework.test import APIClient

    report = _gas_case_opened(ascertainer, teams)
    number = report.gas_case_number
    step = verified_client(gas_staff).post(
        f"/gas/cases/{number}/step/", {"action": "send_opening_letter"}
    )
    assert step.status_code == 302
    api = APIClient()
    api.force_authenticate(public_space)
    detail = api.get(f"/api/v1/reports/{report.pk}/").json()
    assert (detail["gas_case_number"], detail["gas_case_status"]) == (number, "opened")
    assert detail["gas_case_status_label"] == "opened, defence term running"
    rows = api.get("/api/v1/reports/").json()["results"]
    row = next(r for r in rows if r["id"] == report.pk)
    assert (row["gas_case_status"], row["gas_case_status_label"]) == (
        "opened",
        "opened, defence term running",
    )
    report.gas_case_number = "GAS-1999-99999"  # a case sanctions cannot find: the hand-off one
    report.save(update_fields=["gas_case_number"])
    detail = api.get(f"/api/v1/reports/{report.pk}/").json()
    assert (detail["gas_case_status"], detail["gas_case_status_label"]) == ("received", "")
    assert "Peeters" not in str(detail) and "85.07.30" not in str(detail)


def test_the_officers_visit_photos_do_not_use_up_the_reporters_three(
    categories, teams, ascertainer
) -> None:
    """Up to three photos are the citizen's (issue 12 §2): an officer's visit photos do not
    stop the reporter from adding theirs."""

    def photo() -> SimpleUploadedFile:
        return SimpleUploadedFile("p.jpg", jpeg_bytes(), content_type="image/jpeg")

    report = assigned(ascertainer, teams)
    services.visit_record(
        actor=ascertainer, report=report, findings="Bags", photos=[photo(), photo(), photo()]
    )
    services.report_add_info(report=report, text="More", photos=[photo(), photo()])
    with pytest.raises(ValidationError):
        services.report_add_info(report=report, text="Too many", photos=[photo(), photo()])
    assert report.photos.filter(visit__isnull=True).count() == 2
