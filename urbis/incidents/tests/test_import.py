"""Import of police exports: each rejection reason, idempotent re-import, CRS conversion."""

from __future__ import annotations

import io

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from pyproj import Transformer

from urbis.core.models import AuditEvent
from urbis.incidents.models import CocoonWatch, Incident
from urbis.incidents.services.imports import incidents_import

pytestmark = pytest.mark.django_db
NOW = "2026-11-20 12:00:00+01:00"
HEADER = "reference,category,occurred_from,occurred_to,lat,lon\n"


def run(text: str, **kwargs):  # type: ignore[no-untyped-def]
    return incidents_import(actor=None, data=text.encode(), filename="export.csv", **kwargs)


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("row", "reason"),
    [
        pytest.param(
            "R1,arson,2026-11-01 10:00,,51.02,4.47", "unknown category", id="unknown-category"
        ),
        pytest.param(
            "R1,burglary-dwelling,2026-11-02 10:00,2026-11-01 10:00,51.02,4.47",
            "ends before it starts",
            id="window-reversed",
        ),
        pytest.param("R1,vandalism,2026-12-01 10:00,,51.02,4.47", "in the future", id="future"),
        pytest.param(
            "R1,vandalism,2026-01-01 10:00,2026-03-01 10:00,51.02,4.47",
            "longer than the maximum of 31 days",
            id="window-too-long",
        ),
        pytest.param(
            "R1,vandalism,2026-11-01 10:00,,50.85,4.35", "outside the city", id="outside-bbox"
        ),
        pytest.param(
            "R1,vandalism,2026-11-01 10:00,,4.47,51.02", "look swapped", id="lat-lon-swapped"
        ),
        pytest.param("R1,vandalism,yesterday,,51.02,4.47", "unreadable date", id="bad-date"),
        pytest.param("R1,vandalism,2026-11-01,,north,4.47", "not numbers", id="bad-number"),
        pytest.param("=HYPERLINK(1),vandalism,2026-11-01,,51.02,4.47", "formula", id="formula"),
        pytest.param(",vandalism,2026-11-01,,51.02,4.47", "reference is empty", id="empty-ref"),
        pytest.param("-2+3,vandalism,2026-11-01,,51.02,4.47", "formula", id="formula-minus"),
        pytest.param("@SUM(A1),vandalism,2026-11-01,,51.02,4.47", "formula", id="formula-at"),
        pytest.param("R1,vandalism,0001-01-01,,51.02,4.47", "before 1900", id="year-one"),
        pytest.param(
            "R1,vandalism,1899-12-31 10:00,1899-12-31 11:00,51.02,4.47",
            "before 1900",
            id="before-1900",
        ),
    ],
)
def test_each_rejection_reason_is_named_with_its_line(city, row: str, reason: str) -> None:
    result = run(HEADER + "OK1,vandalism,2026-11-01 10:00,,51.02,4.47\n" + row + "\n")
    assert result.created == 1
    assert len(result.rejected) == 1
    line, message = result.rejected[0]
    assert line == 3
    assert reason in message
    assert Incident.objects.count() == 1


@time_machine.travel(NOW, tick=False)
def test_duplicate_reference_in_the_file_names_the_first_line(city) -> None:
    result = run(
        HEADER
        + "R1,vandalism,2026-11-01 10:00,,51.02,4.47\nR1,vandalism,2026-11-02 10:00,,51.02,4.47\n"
    )
    assert result.rejected == [(3, "duplicate reference R1 (first on line 2)")]


@time_machine.travel(NOW, tick=False)
def test_reimport_changes_nothing_and_a_corrected_row_updates(city) -> None:
    text = (
        HEADER
        + "R1,vandalism,2026-11-01 10:00,,51.02,4.47\nR2,bicycle-theft,2026-11-03,,51.03,4.49\n"
    )
    first = run(text)
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    events = AuditEvent.objects.count()
    again = run(text)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Incident.objects.count() == 2
    corrected = run(text.replace("51.03,4.49", "51.031,4.491"))
    assert (corrected.created, corrected.updated, corrected.unchanged) == (0, 1, 1)
    assert Incident.objects.get(reference="R2").lat == pytest.approx(51.031)
    assert AuditEvent.objects.count() == events + 2


@time_machine.travel(NOW, tick=False)
def test_date_only_is_the_whole_day_and_area_is_assigned(city) -> None:
    run(HEADER + "R1,vandalism,2026-11-03,,51.03,4.49\n")
    incident = Incident.objects.get()
    span = incident.occurred_to - incident.occurred_from
    assert span.total_seconds() == 24 * 3600 - 1
    assert incident.area.code == "T-E"


@time_machine.travel(NOW, tick=False)
def test_lambert_72_coordinates_match_pyproj(city) -> None:
    to_lambert = Transformer.from_crs("EPSG:4326", "EPSG:31370", always_xy=True)
    x, y = to_lambert.transform(4.4776, 51.0259)
    text = f"reference,category,occurred_from,x,y\nL1,vandalism,2026-11-01 10:00,{x:.3f},{y:.3f}\n"
    result = run(text, crs="EPSG:31370")
    assert result.created == 1
    incident = Incident.objects.get()
    assert incident.lat == pytest.approx(51.0259, abs=1e-7)
    assert incident.lon == pytest.approx(4.4776, abs=1e-7)
    assert incident.x == pytest.approx(x, abs=0.01)
    assert incident.y == pytest.approx(y, abs=0.01)


@time_machine.travel(NOW, tick=False)
def test_stored_metres_are_lambert_72_from_pyproj(city) -> None:
    run(HEADER + "R1,vandalism,2026-11-01 10:00,,51.02,4.47\n")
    x, y = Transformer.from_crs("EPSG:4326", "EPSG:31370", always_xy=True).transform(4.47, 51.02)
    incident = Incident.objects.get()
    assert (incident.x, incident.y) == (pytest.approx(x, abs=0.01), pytest.approx(y, abs=0.01))


@time_machine.travel(NOW, tick=False)
def test_xy_without_crs_is_refused(city) -> None:
    with pytest.raises(ValidationError) as error:
        run("reference,category,occurred_from,x,y\nL1,vandalism,2026-11-01,150000,190000\n")
    assert "crs" in error.value.message_dict


@time_machine.travel(NOW, tick=False)
def test_another_layout_is_explained_and_mapping_fixes_it(city) -> None:
    text = "PV nummer;Feit;Begin;Breedte;Lengte\nP1;vandalism;2026-11-01 10:00;51.02;4.47\n"
    with pytest.raises(ValidationError) as error:
        run(text)
    assert "another layout" in error.value.message_dict["file"][0]
    mapping = {
        "reference": "pv nummer",
        "category": "feit",
        "occurred_from": "begin",
        "lat": "breedte",
        "lon": "lengte",
    }
    assert run(text, mapping=mapping).created == 1


@time_machine.travel(NOW, tick=False)
def test_windows_1252_is_read_and_a_binary_file_refused(city) -> None:
    data = (HEADER + "R\u00e9f1,vandalism,2026-11-01,,51.02,4.47\n").encode("cp1252")
    assert incidents_import(actor=None, data=data, filename="x.csv").created == 1
    assert Incident.objects.get().reference == "R\u00e9f1"
    with pytest.raises(ValidationError):
        incidents_import(actor=None, data=b"\x89PNG\r\n\x1a\n" + bytes(200), filename="x.csv")
    assert Incident.objects.count() == 1


@time_machine.travel(NOW, tick=False)
def test_row_limit_is_named(city, settings) -> None:
    settings.URBIS_INCIDENTS_MAX_ROWS = 2
    rows = "".join(f"R{i},vandalism,2026-11-01,,51.02,4.47\n" for i in range(3))
    with pytest.raises(ValidationError) as error:
        run(HEADER + rows)
    assert "more than 2 rows" in error.value.message_dict["file"][0]
    assert Incident.objects.count() == 0


@time_machine.travel(NOW, tick=False)
def test_all_or_nothing_writes_nothing_on_one_bad_row(city) -> None:
    result = run(
        HEADER + "R1,vandalism,2026-11-01,,51.02,4.47\nR2,arson,2026-11-01,,51.02,4.47\n",
        all_or_nothing=True,
    )
    assert not result.written
    assert Incident.objects.count() == 0


@time_machine.travel(NOW, tick=False)
def test_xlsx_is_read(city) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["reference", "category", "occurred_from", "occurred_to", "lat", "lon"])
    sheet.append(["X1", "Vandalism", "2026-11-01 10:00", "", 51.02, 4.47])
    buffer = io.BytesIO()
    book.save(buffer)
    result = incidents_import(actor=None, data=buffer.getvalue(), filename="export.xlsx")
    assert result.created == 1, result.rejected


@time_machine.travel(NOW, tick=False)
def test_recent_burglary_proposes_a_cocoon_watch_old_one_does_not(city) -> None:
    result = run(
        HEADER
        + "B1,burglary-dwelling,2026-11-18 22:00,2026-11-19 07:00,51.02,4.47\n"
        + "B2,burglary-dwelling,2026-09-01 22:00,2026-09-02 07:00,51.02,4.47\n"
    )
    assert result.watches == 1
    assert CocoonWatch.objects.get().incident.reference == "B1"


@time_machine.travel(NOW, tick=False)
def test_command_prints_the_summary_last_and_exits_2_when_nothing_imported(city, tmp_path) -> None:
    good = tmp_path / "good.csv"
    good.write_text(
        HEADER + "R1,vandalism,2026-11-01,,51.02,4.47\nR2,arson,2026-11-01,,51.02,4.47\n"
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("incidents", "import", str(good), "--source", "PZ", stdout=out, stderr=err)
    assert out.getvalue().strip().splitlines()[-1] == "imported 1, rejected 1"
    assert "line 3: unknown category" in err.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "R3,arson,2026-11-01,,51.02,4.47\n")
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("incidents", "import", str(bad), stdout=out, stderr=io.StringIO())
    assert exit_info.value.code == 2
    assert out.getvalue().strip().splitlines()[-1] == "imported 0, rejected 1"


def test_command_refuses_a_missing_file_with_status_2(db, tmp_path) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as error:
        call_command("incidents", "import", str(tmp_path / "none.csv"))
    assert error.value.returncode == 2


@time_machine.travel(NOW, tick=False)
def test_addresses_import_and_reimport(city, tmp_path) -> None:
    from urbis.incidents.models import AddressPoint

    path = tmp_path / "adressen.csv"
    path.write_text(
        "straatnaam,huisnummer,busnummer,postcode,gemeentenaam,lat,lon\n"
        "Bruul,12,,2800,Mechelen,51.027,4.478\nBruul,12,A,2800,Mechelen,51.027,4.478\n"
        "Bruul,14,,2800,Mechelen,4.478,51.027\n"
    )
    out = io.StringIO()
    call_command("addresses", "import", str(path), stdout=out, stderr=io.StringIO())
    assert out.getvalue().strip().splitlines()[-1] == "imported 2, rejected 1"
    call_command("addresses", "import", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert AddressPoint.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_default_categories_come_back_after_a_flush() -> None:
    from django.core.management import call_command

    from urbis.incidents.models import Category

    Category.objects.filter(code="burglary-dwelling").delete()
    call_command("flush", "--no-input")
    assert Category.objects.filter(code="burglary-dwelling").exists()


@time_machine.travel(NOW, tick=False)
def test_x_and_y_swapped_in_lambert_72_are_detected_and_explained(city) -> None:
    x, y = Transformer.from_crs("EPSG:4326", "EPSG:31370", always_xy=True).transform(
        4.4776, 51.0259
    )
    text = (
        "reference,category,occurred_from,x,y\n"
        f"L1,vandalism,2026-11-01 10:00,{y:.3f},{x:.3f}\n"
        f"L2,vandalism,2026-11-01 10:00,{x:.3f},{y:.3f}\n"
        "L3,vandalism,2026-11-01 10:00,10,10\n"
    )
    result = run(text, crs="EPSG:31370")
    assert result.created == 1
    assert [line for line, _m in result.rejected] == [2, 4]
    assert "x and y look swapped" in result.rejected[0][1]
    assert "outside the city" in result.rejected[1][1]


@time_machine.travel(NOW, tick=False)
def test_a_file_mixing_utf8_and_another_encoding_is_refused_naming_the_line(city) -> None:
    data = (HEADER + "R\u00e9f1,vandalism,2026-11-01,,51.02,4.47\n").encode() + (
        "R\u00e9f2,vandalism,2026-11-01,,51.02,4.47\n".encode("cp1252")
    )
    with pytest.raises(ValidationError) as error:
        incidents_import(actor=None, data=data, filename="x.csv")
    assert "line 3 has bytes that are not UTF-8" in error.value.message_dict["file"][0]
    assert Incident.objects.count() == 0


@time_machine.travel(NOW, tick=False)
def test_an_unknown_crs_is_refused_even_with_lat_lon_columns(city) -> None:
    with pytest.raises(ValidationError) as error:
        run(HEADER + "R1,vandalism,2026-11-01,,51.02,4.47\n", crs="EPSG:99999")
    assert "Unknown CRS" in error.value.message_dict["crs"][0]
    assert Incident.objects.count() == 0


def test_command_refuses_a_file_over_the_byte_limit_naming_it(db, tmp_path, settings) -> None:
    from django.core.management.base import CommandError

    settings.URBIS_INCIDENTS_MAX_BYTES = 1024 * 1024
    big = tmp_path / "big.csv"
    with big.open("w") as handle:
        handle.write(HEADER)
        handle.writelines(f"R{i},vandalism,2026-11-01,,51.02,4.47\n" for i in range(40_000))
    with pytest.raises(CommandError) as error:
        call_command("incidents", "import", str(big), stdout=io.StringIO())
    assert error.value.returncode == 2
    assert "larger than the limit of 1 MB (URBIS_INCIDENTS_MAX_BYTES)" in str(error.value)
    assert Incident.objects.count() == 0


@time_machine.travel(NOW, tick=False)
def test_the_address_register_explains_x_and_y_swapped_too(city) -> None:
    from urbis.incidents.services.imports.addresses import addresses_import

    x, y = Transformer.from_crs("EPSG:4326", "EPSG:31370", always_xy=True).transform(
        4.4776, 51.0259
    )
    text = (
        "street,number,box,postcode,municipality,x,y\n"
        f"Bruul,1,,2800,Mechelen,{x:.3f},{y:.3f}\n"
        f"Bruul,3,,2800,Mechelen,{y:.3f},{x:.3f}\n"
        "Bruul,5,,2800,Mechelen,10,10\n"
    )
    result = addresses_import(actor=None, data=text.encode(), filename="a.csv", crs="EPSG:31370")
    assert [line for line, _m in result.rejected] == [3, 4]
    assert "x and y look swapped" in result.rejected[0][1]
    assert "outside the city" in result.rejected[1][1]
