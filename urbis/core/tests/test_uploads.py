"""The checked upload path: type by content, size limit, random names, EXIF stripped."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from urbis.core.uploads import clean_document, clean_photo

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00" + b"\x00" * 200  # a Windows executable's header


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x8825] = {2: (51.0, 1.0, 33.0), 4: (4.0, 28.0, 39.0)}  # GPSInfo: latitude, longitude
    exif[0x010F] = "PhoneMaker"  # Make
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    assert Image.open(io.BytesIO(buffer.getvalue())).getexif()
    return buffer.getvalue()


def test_a_pdf_is_kept_under_a_random_name() -> None:
    stored = clean_document(SimpleUploadedFile("../../etc/défense.pdf", PDF), max_bytes=10_000)
    assert stored.read() == PDF
    assert stored.name.endswith(".pdf") and "/" not in stored.name and "défense" not in stored.name


def test_a_pdf_sent_with_another_name_is_still_a_pdf() -> None:
    stored = clean_document(SimpleUploadedFile("scan.exe", PDF), max_bytes=10_000)
    assert stored.name.endswith(".pdf")


def test_a_photo_attachment_is_re_encoded_without_exif() -> None:
    stored = clean_document(SimpleUploadedFile("photo.jpg", jpeg_with_gps()), max_bytes=100_000)
    assert stored.name.endswith(".jpg")
    image = Image.open(io.BytesIO(stored.read()))
    assert image.format == "JPEG"
    assert not image.getexif()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("evil.exe", EXE, id="executable"),
        pytest.param("evil.pdf", EXE, id="executable-named-pdf"),
        pytest.param("notes.txt", b"just text", id="text"),
        pytest.param("page.html", b"<script>alert(1)</script>", id="html"),
        pytest.param("empty.pdf", b"", id="empty"),
    ],
)
def test_other_types_are_refused(name: str, content: bytes) -> None:
    with pytest.raises(ValidationError) as refused:
        clean_document(SimpleUploadedFile(name, content), max_bytes=10_000)
    assert "attachment" in refused.value.message_dict


def test_a_file_over_the_limit_is_refused_before_it_is_read(settings) -> None:  # type: ignore[no-untyped-def]
    settings.URBIS_MAX_DOCUMENT_BYTES = 1024
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        clean_document(SimpleUploadedFile("big.pdf", PDF + b"0" * 2048))
    assert refused.value.message_dict["attachment"] == [
        "The file is too large (at most 1.0\xa0KB)."
    ]


def test_a_stream_without_a_size_is_measured() -> None:
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        clean_document(io.BytesIO(PDF + b"0" * 2048), max_bytes=1024)
    assert "too large" in refused.value.message_dict["attachment"][0]


def test_photos_only_where_a_photo_is_expected() -> None:
    with pytest.raises(ValidationError):
        clean_photo(SimpleUploadedFile("doc.pdf", PDF), max_bytes=10_000)
