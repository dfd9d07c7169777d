"""The agreement document uploaded in the admin goes through the checked upload path."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from urbis.plan.admin import AgreementForm
from urbis.plan.models import AgreementKind

pytestmark = pytest.mark.django_db


def _form(upload: SimpleUploadedFile, organisation) -> AgreementForm:  # type: ignore[no-untyped-def]
    data = {
        "kind": AgreementKind.values[0],
        "title": "Covenant",
        "parties": [organisation.pk],
        "valid_from": "2026-01-01",
    }
    return AgreementForm(data=data, files={"document": upload})


def test_an_executable_agreement_document_is_refused(organisation) -> None:  # type: ignore[no-untyped-def]
    form = _form(SimpleUploadedFile("covenant.exe", b"MZ" * 64), organisation)
    assert not form.is_valid()
    assert "document" in form.errors


def test_a_pdf_agreement_document_is_stored_under_a_random_name(organisation) -> None:  # type: ignore[no-untyped-def]
    form = _form(SimpleUploadedFile("covenant.pdf", b"%PDF-1.7\n%%EOF\n"), organisation)
    assert form.is_valid(), form.errors
    agreement = form.save()
    assert agreement.document.name.startswith("agreements/")
    assert "covenant" not in agreement.document.name
