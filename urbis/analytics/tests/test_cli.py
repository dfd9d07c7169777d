"""The command line: `urbis analytics knox|hotspots|forecast`, exit status 2 on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from urbis.analytics.cli import main
from urbis.analytics.tests.conftest import crime_file


@pytest.fixture
def small_csv(tmp_path: Path) -> Path:
    path = tmp_path / "events.csv"
    rows = ["x,y,date"]
    for i in range(40):
        rows.append(f"{150000 + (i % 5) * 40},{190000 + (i // 5) * 40},2026-03-{1 + i % 28:02d}")
    path.write_text("\n".join(rows) + "\n")
    return path


def test_knox_json(small_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(
        [
            "knox",
            str(small_csv),
            "--x",
            "x",
            "--y",
            "y",
            "--date",
            "date",
            "--space",
            "0,50,100",
            "--time",
            "0,7,14",
            "--permutations",
            "19",
            "--seed",
            "3",
            "--format",
            "json",
            "--no-progress",
        ]
    )
    assert status == 0
    body = json.loads(capsys.readouterr().out)
    assert body["space_labels"] == ["[0, 50)", "[50, 100)"]
    assert body["permutations"] == 19
    assert len(body["observed"]) == 2 and len(body["observed"][0]) == 2


def test_knox_table_csv_and_plot(small_csv: Path, tmp_path: Path, capsys) -> None:
    plot = tmp_path / "heat.png"
    assert (
        main(
            [
                "knox",
                str(small_csv),
                "--x",
                "x",
                "--y",
                "y",
                "--date",
                "date",
                "--space",
                "0,50,100",
                "--time",
                "0,7",
                "--permutations",
                "9",
                "--plot",
                str(plot),
                "--no-progress",
            ]
        )
        == 0
    )
    assert "observed" in capsys.readouterr().out
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (
        main(
            [
                "knox",
                str(small_csv),
                "--x",
                "x",
                "--y",
                "y",
                "--date",
                "date",
                "--space",
                "0,50",
                "--time",
                "0,7",
                "--permutations",
                "9",
                "--format",
                "csv",
                "--no-progress",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.startswith("space_band,time_band,observed")


@pytest.mark.parametrize(
    "args, message",
    [
        (["knox", "missing.csv", "--x", "x", "--y", "y", "--date", "date"], "does not exist"),
        (["knox", "{csv}", "--x", "nope", "--y", "y", "--date", "date"], "--x: no column 'nope'"),
        (["knox", "{csv}", "--x", "x", "--y", "y", "--date", "date", "--space", "0,a"], "--space"),
        (
            ["knox", "{csv}", "--x", "x", "--y", "y", "--date", "date", "--space", "0,100,50"],
            "strictly increasing",
        ),
        (["knox", "{csv}", "--x", "x", "--y", "y"], "--date"),
        (
            ["hotspots", "{csv}", "--x", "x", "--y", "y", "--bandwidth", "-1"],
            "bandwidth: must be positive",
        ),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_input_exits_2_with_one_line(small_csv: Path, args, message, capsys) -> None:
    argv = [str(small_csv) if a == "{csv}" else a for a in args]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and message in err


def test_bad_date_reports_the_line(tmp_path: Path, capsys) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("x,y,date\n150000,190000,2026-01-01\n150010,190010,yesterday\n")
    assert main(["knox", str(path), "--x", "x", "--y", "y", "--date", "date"]) == 2
    assert "line 3" in capsys.readouterr().err


def test_lonlat_input_is_projected(tmp_path: Path, capsys) -> None:
    path = tmp_path / "ll.csv"
    path.write_text(
        "lon,lat,date\n4.4776,51.0259,2026-01-01\n4.4777,51.0259,2026-01-02\n"
        "4.4900,51.0300,2026-02-01\n"
    )
    assert (
        main(
            [
                "knox",
                str(path),
                "--x",
                "lon",
                "--y",
                "lat",
                "--date",
                "date",
                "--crs",
                "EPSG:4326",
                "--space",
                "0,50,2000",
                "--time",
                "0,7,60",
                "--permutations",
                "9",
                "--format",
                "json",
                "--no-progress",
            ]
        )
        == 0
    )
    body = json.loads(capsys.readouterr().out)
    assert body["observed"][0][0] == 1  # the two events ~7 m and a day apart
    # Without --crs the degrees are refused.
    assert (
        main(
            [
                "knox",
                str(path),
                "--x",
                "lon",
                "--y",
                "lat",
                "--date",
                "date",
                "--space",
                "0,50,2000",
                "--time",
                "0,7",
            ]
        )
        == 2
    )
    assert "longitude/latitude" in capsys.readouterr().err


def test_hotspots_and_forecast_on_chicago(tmp_path: Path, capsys) -> None:
    data = crime_file("chicago_burglary_2014_2017.csv")
    out = tmp_path / "h.geojson"
    assert (
        main(
            [
                "hotspots",
                str(data),
                "--x",
                "x",
                "--y",
                "y",
                "--cell",
                "400",
                "--bandwidth",
                "800",
                "--output",
                str(out),
            ]
        )
        == 0
    )
    collection = json.loads(out.read_text())
    assert collection["type"] == "FeatureCollection" and collection["features"]
    props = collection["features"][0]["properties"]
    assert {"events", "density_per_km2", "gi_z", "gi_p_fdr"} <= set(props)
    assert (
        main(
            [
                "forecast",
                str(data),
                "--x",
                "x",
                "--y",
                "y",
                "--date",
                "date_single",
                "--at",
                "2016-07-01",
                "--cell",
                "150",
            ]
        )
        == 0
    )
    text = capsys.readouterr().out
    assert "229 events in the 7 days" in text and "hit rate" in text


def test_urbis_command_routes_to_analytics(small_csv: Path) -> None:
    """`urbis analytics ...` runs the pure command line (no Django needed)."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "urbis.cli",
            "analytics",
            "knox",
            str(small_csv),
            "--x",
            "x",
            "--y",
            "y",
            "--date",
            "date",
            "--space",
            "0,50",
            "--time",
            "0,7",
            "--permutations",
            "9",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Knox test: 40 events" in result.stdout
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "urbis.cli",
            "analytics",
            "knox",
            "nope.csv",
            "--x",
            "x",
            "--y",
            "y",
            "--date",
            "d",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_headerless_nrc_file_reproduces_the_nrc_table(capsys) -> None:
    """§4.2 through the command line: the NRC-format file has no header (X, Y, date)."""
    data = crime_file("chicago_be_month1.csv")
    argv = ["knox", str(data), "--no-header", "--x", "0", "--y", "1", "--date", "2"]
    argv += ["--space", "0,100,200,300", "--time", "0,7,14,21", "--permutations", "20"]
    argv += ["--nrc", "--seed", "1", "--format", "json", "--no-progress"]
    assert main(argv) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["observed"][0] == [28, 5, 5, 2]
    assert body["observed"][-1] == [182194, 146149, 95237, 45879]
    assert body["permutations"] == 19 and body["nrc_compat"] is True


def test_hotspots_geojson_is_wgs84_when_the_crs_is_known(tmp_path: Path, capsys) -> None:
    path = tmp_path / "ll.csv"
    rows = ["lon,lat"] + [f"{4.40 + 0.001 * (i % 7)},{51.20 + 0.001 * (i // 7)}" for i in range(60)]
    path.write_text("\n".join(rows) + "\n")
    out, png = tmp_path / "h.geojson", tmp_path / "h.png"
    argv = ["hotspots", str(path), "--x", "lon", "--y", "lat", "--crs", "4326", "--cell", "50"]
    argv += ["--bandwidth", "150", "--output", str(out), "--png", str(png)]
    assert main(argv) == 0
    assert "wrote" in capsys.readouterr().out
    ring = json.loads(out.read_text())["features"][0]["geometry"]["coordinates"][0]
    lon, lat = ring[0]
    assert 4.3 < lon < 4.5 and 51.1 < lat < 51.3 and ring[0] == ring[-1]
    assert png.read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--crs", "EPSG:99999"], "--crs"),
        (["--output", "/nonexistent-dir/x.geojson"], "No such file or directory"),
        (["--neighbourhood", "hex"], "--neighbourhood"),
    ],
)
def test_hotspots_bad_options_exit_2(small_csv: Path, extra, message, capsys) -> None:
    argv = ["hotspots", str(small_csv), "--x", "x", "--y", "y", *extra]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and message in err


def test_forecast_etas_and_bad_date(small_csv: Path, capsys) -> None:
    argv = ["forecast", str(small_csv), "--x", "x", "--y", "y", "--date", "date"]
    assert main([*argv, "--at", "2026-03-20", "--method", "etas", "--cell", "50"]) == 0
    assert "etas forecast for 2026-03-20" in capsys.readouterr().out
    assert main([*argv, "--at", "tomorrow"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_python_dash_m_is_the_same_command(small_csv: Path) -> None:
    argv = ["knox", str(small_csv), "--x", "x", "--y", "y", "--date", "date"]
    argv += ["--space", "0,50", "--time", "0,7", "--permutations", "9", "--format", "csv"]
    result = subprocess.run(
        [sys.executable, "-m", "urbis.analytics", *argv],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("space_band,time_band,observed")
    bad = subprocess.run(
        [sys.executable, "-m", "urbis.analytics", "knox", str(small_csv), "--x", "x"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
