"""Administration pages (/manage/): invite, edit, deactivate, reset 2FA, import areas."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from urbis.core.models import AccessLogEntry, Area, AuditEvent, Organisation, User
from urbis.core.roles import roles_of
from urbis.core.testing.fixtures import verified_client

pytestmark = pytest.mark.django_db

ADMIN_PAGES = ["core:manage_users", "core:manage_invite", "core:manage_areas"]


def square(lon: float, lat: float, size: float = 0.01) -> dict[str, Any]:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def feature(code: str, **properties: Any) -> dict[str, Any]:
    props = {"code": code, "name": f"Area {code}", "kind": "neighbourhood", **properties}
    return {"type": "Feature", "geometry": square(4.47, 51.02), "properties": props}


def upload(client: Client, document: Any, name: str = "areas.geojson") -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = document if isinstance(document, bytes) else json.dumps(document).encode()
    return client.post(reverse("core:manage_areas"), {"file": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize("url_name", ADMIN_PAGES)
def test_only_the_admin_role_opens_the_pages(url_name: str, admin_user, coordinator, dpo) -> None:
    assert verified_client(admin_user).get(reverse(url_name)).status_code == 200
    assert verified_client(coordinator).get(reverse(url_name)).status_code == 404
    assert verified_client(dpo).get(reverse(url_name)).status_code == 404


def test_invite_sends_a_one_time_link_and_audits(
    admin_user, client: Client, django_capture_on_commit_callbacks
) -> None:
    organisation = Organisation.objects.create(name="Police zone", kind="police_zone")
    admin_client = verified_client(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("core:manage_invite"),
            {
                "username": "newcomer",
                "first_name": "Nora",
                "last_name": "Peeters",
                "email": "nora@example.org",
                "organisation": organisation.pk,
                "roles": ["analyst", "coordinator"],
                "language": "fr",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(username="newcomer")
    assert not user.has_usable_password() and user.organisation == organisation
    assert roles_of(user) == {"analyst", "coordinator"}
    assert AuditEvent.objects.filter(action="user.invited", object_id=str(user.pk)).exists()
    (message,) = mail.outbox
    assert message.to == ["nora@example.org"] and "Urbis" in message.subject
    link = re.search(r"https?://\S+/account/password/reset/\S+/", message.body)
    assert link, message.body
    path = "/" + link.group(0).split("/", 3)[3]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": "Kapucijnen-2800!", "new_password2": "Kapucijnen-2800!"}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Kapucijnen-2800!")
    # The link works once.
    again = Client().get(path, follow=True)
    assert b"data-invalid-link" in again.content


def test_invite_refuses_bad_input_with_field_messages(admin_user, coordinator) -> None:
    client = verified_client(admin_user)
    response = client.post(
        reverse("core:manage_invite"),
        {
            "username": "coordinator",
            "first_name": "x" * 151,
            "last_name": "",
            "email": "not-an-address",
            "roles": ["emperor"],
            "language": "nl",
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"first_name", "last_name", "email", "roles"} <= set(errors)
    taken = client.post(
        reverse("core:manage_invite"),
        {
            "username": "coordinator",
            "first_name": "A",
            "last_name": "B",
            "email": "fresh@example.org",
            "language": "nl",
        },
    )
    assert taken.status_code == 400 and "username" in taken.context["form"].errors
    assert not mail.outbox


def test_edit_roles_and_organisation_is_audited_and_logged(admin_user, analyst) -> None:
    organisation = Organisation.objects.create(name="Youth work", kind="youth")
    client = verified_client(admin_user)
    url = reverse("core:manage_user", args=[analyst.pk])
    assert client.get(url).status_code == 200
    assert AccessLogEntry.objects.filter(
        object_id=str(analyst.pk), purpose="core.account_admin"
    ).exists()
    response = client.post(
        url,
        {
            "first_name": "Ana",
            "last_name": "Lyst",
            "email": "ana@example.org",
            "organisation": organisation.pk,
            "roles": ["cpted_advisor"],
        },
    )
    assert response.status_code == 302
    analyst.refresh_from_db()
    analyst.__dict__.pop("_urbis_roles", None)
    assert roles_of(analyst) == {"cpted_advisor"} and analyst.organisation == organisation
    actions = set(
        AuditEvent.objects.filter(object_id=str(analyst.pk)).values_list("action", flat=True)
    )
    assert {"user.updated", "user.roles_set"} <= actions


def test_deactivate_reactivate_and_not_oneself(admin_user, analyst) -> None:
    analyst_client = verified_client(analyst)
    assert analyst_client.get("/").status_code == 200
    client = verified_client(admin_user)
    client.post(reverse("core:manage_user_active", args=[analyst.pk]), {"active": "0"})
    analyst.refresh_from_db()
    assert not analyst.is_active
    assert analyst_client.get("/").status_code == 302  # the session ends
    client.post(reverse("core:manage_user_active", args=[analyst.pk]), {"active": "1"})
    analyst.refresh_from_db()
    assert analyst.is_active
    assert list(
        AuditEvent.objects.filter(
            object_id=str(analyst.pk), action__in=["user.deactivated", "user.reactivated"]
        )
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["user.deactivated", "user.reactivated"]
    client.post(reverse("core:manage_user_active", args=[admin_user.pk]), {"active": "0"})
    admin_user.refresh_from_db()
    assert admin_user.is_active


def test_reset_second_factor(admin_user, dpo) -> None:
    verified_client(dpo)  # enrols a confirmed device
    assert TOTPDevice.objects.filter(user=dpo).exists()
    response = verified_client(admin_user).post(
        reverse("core:manage_user_2fa_reset", args=[dpo.pk])
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=dpo).exists()
    assert AuditEvent.objects.filter(action="user.2fa_reset", object_id=str(dpo.pk)).exists()
    # At the next login the DPO must enrol again.
    fresh = Client()
    fresh.force_login(dpo)
    assert fresh.get("/").url.startswith(reverse("core:otp_setup"))


def test_area_import_creates_and_updates(admin_user) -> None:
    client = verified_client(admin_user)
    first = upload(
        client,
        {"type": "FeatureCollection", "features": [feature("N1"), feature("N2", population=1200)]},
    )
    assert first.status_code == 302
    assert Area.objects.get(code="N2").population == 1200
    second = upload(
        client, {"type": "FeatureCollection", "features": [feature("N1", name="Renamed")]}
    )
    assert second.status_code == 302
    assert Area.objects.get(code="N1").name == "Renamed"
    summaries = AuditEvent.objects.filter(action="areas.imported").order_by("id")
    assert [e.data["created"] for e in summaries] == [2, 0]


def test_area_import_is_all_or_nothing_with_each_rejection(admin_user) -> None:
    point = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [4.4, 51.0]},
        "properties": {"code": "P", "name": "P", "kind": "neighbourhood"},
    }
    features = [
        feature("OK"),
        point,
        feature("K", kind="galaxy"),
        {
            "type": "Feature",
            "geometry": square(4.4, 51.0),
            "properties": {"name": "no code", "kind": "neighbourhood"},
        },
        feature("OK"),
        feature("Z" * 41),
        feature("POP", population=-3),
    ]
    response = upload(
        verified_client(admin_user), {"type": "FeatureCollection", "features": features}
    )
    assert response.status_code == 400
    rejections = response.context["rejections"]
    assert [line.split(":")[0] for line in rejections] == [
        "Feature 2",
        "Feature 3",
        "Feature 4",
        "Feature 5",
        "Feature 6",
        "Feature 7",
    ]
    assert not Area.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="area").exists()


@pytest.mark.parametrize(
    "content",
    [
        b"not json",
        b"[1, 2]",
        b'{"type": "Feature"}',
        b'{"type": "FeatureCollection", "features": []}',
    ],
)
def test_area_import_refuses_unusable_files(admin_user, content: bytes) -> None:
    response = upload(verified_client(admin_user), content)
    assert response.status_code == 400 and "file" in response.context["form"].errors
    assert not Area.objects.exists()


def test_area_import_size_limit(admin_user, settings) -> None:
    settings.URBIS_AREA_IMPORT_MAX_BYTES = 100
    document = {"type": "FeatureCollection", "features": [feature("N1")]}
    response = upload(verified_client(admin_user), document)
    assert response.status_code == 400
    assert "kB" in str(response.context["form"].errors["file"])
    assert not Area.objects.exists()


def test_django_admin_usable_for_the_admin_role_accounts_read_only(admin_user) -> None:
    from django.conf import settings

    client = verified_client(admin_user)
    base = "/" + settings.URBIS_ADMIN_PATH
    index = client.get(base)
    assert index.status_code == 200
    assert b"permission to view or edit anything" not in index.content
    assert client.get(f"{base}core/organisation/add/").status_code == 200
    assert client.get(f"{base}core/user/").status_code == 200
    assert client.get(f"{base}core/user/add/").status_code == 403


def test_account_list_searches_and_shows_role_names(admin_user, analyst, coordinator) -> None:
    client = verified_client(admin_user)
    page = client.get(reverse("core:manage_users"), {"q": "analy"}).content.decode()
    from django.utils import translation

    from urbis.core.roles import Role

    with translation.override("nl"):  # the default language of the pages
        label = str(Role.ANALYST.label)
    assert 'data-account="analyst"' in page and label in page
    assert 'data-account="coordinator"' not in page
    assert AccessLogEntry.objects.filter(
        purpose="core.account_admin", object_id=str(analyst.pk)
    ).exists()


@pytest.mark.parametrize(
    "language, subject, greeting",
    [("fr", "Votre compte Urbis pour", "Bonjour"), ("nl", "Uw Urbis-account voor", "Beste")],
)
def test_the_invitation_is_in_the_invited_users_language(
    admin_user, django_capture_on_commit_callbacks, language: str, subject: str, greeting: str
) -> None:
    admin_client = verified_client(admin_user)
    # The administrator works in English; the mail follows the newcomer's language.
    admin_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("core:manage_invite"),
            {
                "username": "odile",
                "first_name": "Odile",
                "last_name": "Dupont",
                "email": "odile@example.org",
                "roles": ["analyst"],
                "language": language,
            },
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.subject.startswith(subject) and message.body.startswith(greeting)
    assert "Your user name" not in message.body
