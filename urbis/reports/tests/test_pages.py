"""Pages through Django's test client: the citizen's journey without JavaScript, the staff
worklist and report page, and who may open what."""

from __future__ import annotations

import csv as csv_module
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from urbis.core.models import AccessLogEntry
from urbis.core.testing.fixtures import verified_client
from urbis.reports import services
from urbis.reports.models import Report
from urbis.reports.tests.conftest import file, jpeg_bytes

pytestmark = pytest.mark.django_db

FORM = {
    "lat": "51.0286",
    "lon": "4.4801",
    "address": "Bruul 12",
    "description": "Full bin",
    "email": "an@example.org",
    "submission": "s-1",
}


def test_citizen_files_follows_and_reopens(client: Client, categories, public_space) -> None:
    page = client.get("/report/")
    assert page.status_code == 200 and 'data-category="littering"' in page.content.decode()
    assert 'data-category="internal"' not in page.content.decode()
    photo = SimpleUploadedFile("p.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = client.post("/report/new/littering/", {**FORM, "photos": [photo]})
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/report/{report.token}/"
    assert report.photos.count() == 1
    again = client.post("/report/new/littering/", FORM)  # a double tap: same submission token
    assert again.status_code in (200, 302) and Report.objects.count() == 1
    follow = client.get(f"/report/{report.token}/")
    assert follow.status_code == 200 and str(report.pk) in follow.content.decode()
    assert client.post(f"/report/{report.token}/info/", {"text": "worse"}).status_code == 302
    services.report_transition(actor=public_space, report=report, to_status="resolved")
    assert client.post(f"/report/{report.token}/reopen/", {"text": ""}).status_code == 400
    assert (
        client.post(f"/report/{report.token}/reopen/", {"text": "Still there"}).status_code == 302
    )
    report.refresh_from_db()
    assert report.status == "reopened"
    assert client.get("/report/not-a-token/").status_code == 404


def test_nearby_suggestion_then_join(client: Client, categories) -> None:
    existing = services.report_submit(actor=None, data=file()).report
    response = client.post("/report/new/littering/", {**FORM, "submission": "s-2"})
    html = response.content.decode()
    assert response.status_code == 200 and f'data-join="{existing.pk}"' in html
    assert Report.objects.count() == 1
    joined = client.post(f"/report/join/{existing.pk}/", {"email": "b@example.org"})
    assert joined.status_code == 200 and existing.reporters.count() == 2
    confirmed = client.post(
        "/report/new/littering/", {**FORM, "submission": "s-2", "confirm_new": "on"}
    )
    assert confirmed.status_code == 302 and Report.objects.count() == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param(
            {"lat": "", "lon": "", "address": ""}, "location is required", id="missing-location"
        ),
        pytest.param({"lat": "50.85", "lon": "4.35"}, "outside the city", id="out-of-city"),
        pytest.param({"description": "<b>x</b>"}, "HTML", id="html"),
        pytest.param({"description": "x" * 4001}, "4000", id="too-long"),
        pytest.param({"description": "a\x00b", "lat": "nan"}, "", id="nul-and-nan"),
    ],
)
def test_citizen_bad_input_is_400(client: Client, categories, changes, message) -> None:
    response = client.post("/report/new/littering/", {**FORM, **changes})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Report.objects.count() == 0


def test_fake_photo_is_400(client: Client, categories) -> None:
    fake = SimpleUploadedFile("p.jpg", b"not an image", content_type="image/jpeg")
    response = client.post("/report/new/littering/", {**FORM, "photos": [fake]})
    assert response.status_code == 400 and Report.objects.count() == 0


def test_public_pages_show_no_personal_data(client: Client, categories) -> None:
    services.report_submit(actor=None, data=file(first_name="Annelies", email="an@example.org"))
    services.report_submit(
        actor=None, data=file("internal", description="staff only"), source="phone"
    )
    for url in ("/report/public/", "/report/public.geojson", "/report/accessibility/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Annelies" not in response.content.decode()
        assert "an@example.org" not in response.content.decode()
        assert "staff only" not in response.content.decode()
    assert len(client.get("/report/public.geojson").json()["features"]) == 1


def test_staff_worklist_report_page_and_actions(categories, teams, public_space) -> None:
    report = services.report_submit(actor=None, data=file()).report
    client = verified_client(public_space)
    page = client.get("/reports/?status=open&team=cleaning&sort=due_on")
    assert page.status_code == 200 and f'data-report="{report.pk}"' in page.content.decode()
    csv = client.get("/reports/?status=open&export=csv")
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    assert "Overflowing bin" in csv.content.decode()
    xlsx = client.get("/reports/?export=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    before = AccessLogEntry.objects.count()
    detail = client.get(f"/reports/{report.pk}/")
    assert detail.status_code == 200 and "an@example.org" in detail.content.decode()
    assert AccessLogEntry.objects.count() > before
    bad = client.post(f"/reports/{report.pk}/status/", {"status": "no_action", "text": ""})
    assert bad.status_code == 400
    ok = client.post(f"/reports/{report.pk}/status/", {"status": "in_progress"})
    assert ok.status_code == 302
    moved = client.post(
        f"/reports/{report.pk}/assign/", {"team": teams["enforcement"].pk, "note": "enforcement"}
    )
    assert moved.status_code == 302
    report.refresh_from_db()
    assert report.status == "in_progress" and report.team == teams["enforcement"]
    saved = client.post("/reports/filters/save/", {"name": "mine", "query": "status=open"})
    assert saved.status_code == 302
    assert "mine" in client.get("/reports/").content.decode()
    assert client.get("/reports/indicators/").status_code == 200


def test_coordinator_reads_but_cannot_change(categories, coordinator) -> None:
    report = services.report_submit(actor=None, data=file()).report
    client = verified_client(coordinator)
    page = client.get(f"/reports/{report.pk}/")
    assert page.status_code == 200 and "an@example.org" not in page.content.decode()
    assert client.post(f"/reports/{report.pk}/status/", {"status": "resolved"}).status_code == 404
    assert client.get("/reports/indicators/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/reports/",
        "/reports/1/",
        "/reports/field/",
        "/reports/indicators/",
        "/reports/speeding/",
        "/reports/map.geojson",
    ],
)
def test_outsider_404_anonymous_login(client: Client, outsider, url) -> None:
    assert verified_client(outsider).get(url).status_code == 404
    assert verified_client(outsider).post(url).status_code == 404
    response = client.get(url)
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_nearby_json(client: Client, categories) -> None:
    report = services.report_submit(actor=None, data=file(first_name="Annelies")).report
    data = client.get(
        "/report/nearby.json", {"category": "littering", "lat": "51.0287", "lon": "4.4802"}
    ).json()
    assert [r["number"] for r in data["results"]] == [report.pk]
    assert "Annelies" not in str(data)
    assert client.get("/report/nearby.json", {"lat": "x"}).status_code == 400
    assert client.get("/report/nearby.json", {"lat": "91", "lon": "0"}).status_code == 400


def test_photos_only_through_the_role_check(
    client: Client, categories, public_space, outsider
) -> None:
    photo = SimpleUploadedFile("p.jpg", jpeg_bytes(), content_type="image/jpeg")
    report = services.report_submit(actor=None, data=file(), photos=[photo]).report
    row = report.photos.get()
    url = f"/reports/photos/{row.pk}/"
    response = verified_client(public_space).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert AccessLogEntry.objects.filter(purpose="reports.photo").exists()
    assert verified_client(outsider).get(url).status_code == 404
    assert client.get(url).status_code == 302
    assert (
        f'href="{url}"'
        in verified_client(public_space).get(f"/reports/{report.pk}/").content.decode()
    )


def test_admin_adds_a_category_version(categories, admin_user) -> None:
    from urbis.core.testing.fixtures import verified_client as login
    from urbis.reports.models import Category, CategoryVersion

    admin_user.is_superuser = True  # model permissions, as the demo administrator has
    admin_user.save(update_fields=["is_superuser"])
    client = login(admin_user)
    base = "/admin/reports/categoryversion/"
    assert client.get(base).status_code == 200
    category = Category.objects.get(code="littering")
    current = category.current
    data = {
        "category": category.pk,
        "name_nl": "Zwerfvuil",
        "name_fr": "Déchets",
        "name_en": "Litter",
        "team": current.team_id,
        "sla_days": 4,
        "sla_working_days": "on",
        "is_public": "on",
        "attributes": "[]",
        "gas_article_code": "ABP-15",
        "gas_eligible": "on",
    }
    response = client.post(base + "add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    category.refresh_from_db()
    assert category.current.version == 2 and category.current.sla_days == 4
    assert CategoryVersion.objects.filter(category=category).count() == 2


def test_out_of_range_numbers_are_404_not_500(client: Client, categories, public_space) -> None:
    staff = verified_client(public_space)
    assert staff.get("/reports/99999999999999/").status_code == 404
    assert staff.get("/reports/photos/99999999999999/").status_code == 404
    assert client.get("/open311/v2/requests/99999999999.json").status_code == 404
    assert (
        client.get("/open311/v2/requests.json", {"service_request_id": "99999999999"}).status_code
        == 200
    )
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(public_space)
    assert api.get("/api/v1/reports/99999999999999/").status_code == 404
    assert api.get("/api/v1/reports/", {"assignee": "99999999999"}).status_code == 200
    assert api.get("/api/v1/reports/", {"assignee": "9" * 20}).status_code == 400


@pytest.mark.parametrize("persona", ["public_space", "coordinator"])
def test_reports_layer_on_the_city_map(request, categories, persona) -> None:
    report = services.report_submit(
        actor=None, data=file(first_name="Annelies", email="an@example.org")
    ).report
    client = verified_client(request.getfixturevalue(persona))
    page = client.get("/map/").content.decode()
    assert 'data-layer="reports_open"' in page and "/reports/map.geojson" in page
    response = client.get("/reports/map.geojson")
    assert response.status_code == 200
    features = response.json()["features"]
    assert [f["properties"]["name"] for f in features] == [f"#{report.pk} Littering"]
    body = response.content.decode()
    assert "Annelies" not in body and "an@example.org" not in body
    assert report.description not in body


def test_reports_layer_hidden_from_other_roles(categories, planner, outsider) -> None:
    services.report_submit(actor=None, data=file())
    page = verified_client(planner).get("/map/").content.decode()
    assert 'data-layer="reports_open"' not in page and "/reports/map.geojson" not in page
    assert verified_client(planner).get("/reports/map.geojson").status_code == 404
    assert verified_client(outsider).get("/map/").status_code == 404
    assert verified_client(outsider).get("/reports/map.geojson").status_code == 404


def test_a_refused_citizen_report_opens_with_an_error_summary(client: Client, categories) -> None:
    """Issue 15: the summary on top links each message to its field (WCAG 3.3.1)."""
    response = client.post("/report/new/littering/", {**FORM, "email": "not-an-address"})
    assert response.status_code == 400
    html = response.content.decode()
    start = html.index("data-error-summary")
    assert 'href="#id_email"' in html[start : html.index("</ul>", start)]


def test_the_accessibility_statement_gives_the_configured_contact(client, settings) -> None:
    """Directive (EU) 2016/2102 art. 7(1)(b): the statement names a feedback contact and the
    enforcement procedure; without a configured contact it points to the report form."""
    bare = client.get("/report/accessibility/").content.decode()
    assert "data-accessibility-contact" not in bare and 'href="/report/"' in bare
    settings.URBIS_REPORTS_CONTACT_EMAIL = "toegankelijkheid@stad.example"
    settings.URBIS_REPORTS_CONTACT_PHONE = "015 00 00 00"
    settings.URBIS_REPORTS_OMBUDSMAN_URL = "https://ombudsman.example/"
    html = client.get("/report/accessibility/").content.decode()
    assert 'href="mailto:toegankelijkheid@stad.example"' in html
    assert 'href="tel:015000000"' in html
    assert 'href="https://ombudsman.example/"' in html


def test_the_worklist_export_says_words_not_codes(categories, teams, public_space) -> None:
    """The CSV and XLSX exports name each column and value as the page does (in the user's
    language), not by field codes: status, source, team and category in words."""
    services.report_submit(actor=None, data=file(), source="phone")
    client = verified_client(public_space)
    client.cookies["django_language"] = "nl"
    text = client.get("/reports/?status=open&export=csv").content.decode("utf-8-sig")
    header, row = list(csv_module.reader(io.StringIO(text)))[:2]
    assert header[:4] == ["Nummer", "Gemeld op", "Categorie", "Status"], header
    assert "Zwerfvuil" in row and "Nieuw" in row and "Cleaning" in row
    assert "new" not in row and "phone" not in row
    sheet = load_workbook(io.BytesIO(client.get("/reports/?export=xlsx").content)).active
    assert [c.value for c in next(sheet.iter_rows(max_row=1))][:2] == ["Nummer", "Gemeld op"]
