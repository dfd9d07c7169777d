"""``urbis analytics``: Knox near-repeat tables, hotspot maps and forecasts from a CSV file.

    urbis analytics knox FILE.csv --x X --y Y --date DATE --space 0,100,200 --time 0,7,14
    urbis analytics hotspots FILE.csv --x X --y Y --cell 100 --bandwidth 400 --output h.geojson
    urbis analytics forecast FILE.csv --x X --y Y --date DATE --at 2016-07-01 --method prospective

Coordinates are metres unless ``--crs`` says otherwise (``--crs EPSG:4326`` projects lon/lat
to ``--metric-crs``). Bad input exits with status 2 and one line on stderr.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

import numpy as np

from urbis.analytics.evaluation import hit_rate, pai
from urbis.analytics.grid import Grid, grid_for
from urbis.analytics.io import Events, parse_day, read_events
from urbis.analytics.projection import to_metres, unproject


class UsageError(Exception):
    """A problem with the command line or its input: exit status 2, one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _numbers(text: str, option: str) -> list[float]:
    try:
        return [
            math.inf if part.strip() in ("inf", "Inf") else float(part) for part in text.split(",")
        ]
    except ValueError:
        raise UsageError(f"{option}: expected comma-separated numbers, got {text!r}") from None


def _load(args: argparse.Namespace, *, need_dates: bool) -> Events:
    """Read the events; with ``--crs``, bring them to metres (in ``args.projected_crs``)."""
    events = read_events(
        args.file,
        x=args.x,
        y=args.y,
        date_column=args.date if need_dates or getattr(args, "date", None) else None,
        header=not args.no_header,
        date_format=args.date_format,
        tz=args.tz,
    )
    if events.rows == 0:
        raise UsageError(f"FILE: {args.file} has no events")
    args.projected_crs = None
    if args.crs:
        try:
            xy, args.projected_crs = to_metres(
                events.xy[:, 0], events.xy[:, 1], args.crs, target=args.metric_crs
            )
        except ValueError as exc:
            raise UsageError(f"--crs: {exc}") from None
        events = Events(xy=xy, days=events.days, rows=events.rows)
    return events


def _progress(enabled: bool) -> tuple[Callable[[int, int], None] | None, Callable[[], None]]:
    if not enabled:
        return None, lambda: None
    from tqdm import tqdm

    bar = tqdm(total=0, unit="perm", file=sys.stderr, leave=False)

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    return update, bar.close


def _table(result: Any) -> str:
    width = max(len(label) for label in result.space_labels) + 2
    columns = result.time_labels
    lines = [
        f"Knox test: {result.n_events} events, {result.n_pairs} pairs, "
        f"{result.permutations} permutations, {result.metric}"
    ]
    for title, table, fmt in (
        ("observed", result.observed, "{:>12d}"),
        ("expected", result.expected, "{:>12.1f}"),
        ("ratio (observed / simulated mean)", result.ratio, "{:>12.3f}"),
        ("p-value", result.p_value, "{:>12.3f}"),
    ):
        lines.append("")
        lines.append(title)
        lines.append(" " * width + "".join(f"{c:>12}" for c in columns))
        for label, row in zip(result.space_labels, table, strict=True):
            cells = "".join(
                "{:>12}".format("–")
                if isinstance(v, float) and not math.isfinite(v)
                else fmt.format(v)
                for v in row.tolist()
            )
            lines.append(f"{label:<{width}}" + cells)
    significant = result.significant()
    marks = [
        f"{s} × {t}"
        for (i, s) in enumerate(result.space_labels)
        for (j, t) in enumerate(result.time_labels)
        if significant[i, j]
    ]
    lines.append("")
    lines.append("near-repeat cells (p < 0.05 and ratio >= 1.2): " + (", ".join(marks) or "none"))
    return "\n".join(lines)


def _csv(result: Any) -> str:
    rows = ["space_band,time_band,observed,expected,simulated_mean,ratio,ratio_median,p_value"]
    for i, s in enumerate(result.space_labels):
        for j, t in enumerate(result.time_labels):
            rows.append(
                f'"{s}","{t}",{result.observed[i, j]},{result.expected[i, j]:.6g},'
                f"{result.simulated_mean[i, j]:.6g},{result.ratio[i, j]:.6g},"
                f"{result.ratio_median[i, j]:.6g},{result.p_value[i, j]:.6g}"
            )
    return "\n".join(rows)


def _heatmap(result: Any, path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(
        figsize=(1.6 + 1.3 * len(result.time_labels), 1 + 0.6 * len(result.space_labels))
    )
    from matplotlib.colors import TwoSlopeNorm

    ratio = np.nan_to_num(result.ratio, nan=0.0)
    # Diverging around 1 (no near-repeat effect); ratios above 3 saturate so that the usual
    # 1.1-1.5 effects stay visible next to a very high "same location" cell.
    norm = TwoSlopeNorm(vmin=0.0, vcenter=1.0, vmax=3.0)
    image = ax.imshow(ratio, cmap="RdBu_r", norm=norm)
    ax.set_xticks(range(len(result.time_labels)), result.time_labels)
    ax.set_yticks(range(len(result.space_labels)), result.space_labels)
    ax.set_xlabel("days apart")
    ax.set_ylabel("metres apart")
    significant = result.significant()
    for i in range(ratio.shape[0]):
        for j in range(ratio.shape[1]):
            text = f"{ratio[i, j]:.2f}" + ("*" if significant[i, j] else "")
            ax.text(j, i, text, ha="center", va="center", fontsize=9)
    fig.colorbar(image, ax=ax, label="Knox ratio")
    ax.set_title("Knox ratios (* p < 0.05 and ratio ≥ 1.2)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def _knox(args: argparse.Namespace) -> str:
    events = _load(args, need_dates=True)
    assert events.days is not None  # --date is required for knox
    space = _numbers(args.space, "--space")
    time = _numbers(args.time, "--time")
    # Imported after the file is read: numba and scipy take seconds, a bad file should not.
    from urbis.analytics.knox import knox_test

    update, close = _progress(args.progress)
    try:
        result = knox_test(
            events.xy,
            events.days,
            space_breaks=space,
            time_breaks=time,
            metric=args.metric,
            closed=args.closed,
            permutations=args.permutations,
            rng=args.seed,
            nrc_compat=args.nrc,
            progress=update,
        )
    finally:
        close()
    if args.plot:
        _heatmap(result, args.plot)
    if args.format == "json":
        return json.dumps(result.to_dict(), indent=2)
    if args.format == "csv":
        return _csv(result)
    return _table(result)


def _cells_geojson(grid: Grid, values: dict[str, np.ndarray], crs: str | None) -> dict[str, Any]:
    """Cells with any non-zero value as GeoJSON polygons (RFC 7946: WGS84 when ``crs`` is known)."""
    stacked = np.stack(list(values.values()))
    keep = np.any(np.isfinite(stacked) & (stacked != 0), axis=0)
    rows, cols = np.nonzero(keep)
    # Corners of every kept cell, unprojected in one call: (cells, 5, 2).
    x = grid.x0 + cols[:, None] * grid.cell_size + np.array([0, 1, 1, 0, 0]) * grid.cell_size
    y = grid.y0 + rows[:, None] * grid.cell_size + np.array([0, 0, 1, 1, 0]) * grid.cell_size
    corners = np.stack([x, y], axis=-1)
    if crs and corners.size:
        corners = unproject(corners.reshape(-1, 2), crs).reshape(corners.shape)
    features = []
    for index, (row, col) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
        properties: dict[str, Any] = {"row": row, "col": col}
        for name, array in values.items():
            value = float(array[row, col])
            properties[name] = round(value, 6) if math.isfinite(value) else None
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": [corners[index].tolist()]},
                "properties": properties,
            }
        )
    collection: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    if not crs:
        collection["crs_note"] = "coordinates are in the input's projected CRS (metres)"
    return collection


def _png(array: np.ndarray, path: str, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 6))
    image = ax.imshow(array, origin="lower", cmap="inferno")
    fig.colorbar(image, ax=ax)
    ax.set_title(title)
    fig.savefig(path, dpi=120)
    plt.close(fig)


def _hotspots(args: argparse.Namespace) -> str:
    events = _load(args, need_dates=False)
    # Imported after the file is read, for this subcommand only: scipy and numba take seconds
    # to import, and ``--help`` or a bad file should answer at once.
    from urbis.analytics.hotspots import gi_star
    from urbis.analytics.kde import kde_grid

    kde = kde_grid(events.xy, cell_size=args.cell, bandwidth=args.bandwidth, kernel=args.kernel)
    grid = grid_for(events.xy, args.cell)
    counts = grid.counts(events.xy)
    gi = gi_star(counts, neighbourhood=args.neighbourhood)
    values = {
        "events": counts,
        "density_per_km2": kde.density,
        "gi_z": gi.z,
        "gi_p_fdr": gi.p_fdr,
    }
    collection = _cells_geojson(grid, values, args.projected_crs)
    if args.png:
        _png(kde.density, args.png, f"KDE ({args.kernel}, {args.bandwidth:g} m), events per km²")
    text = json.dumps(collection)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        hot = int(gi.hotspots().sum())
        return (
            f"{events.rows} events, {grid.rows}×{grid.cols} cells of {args.cell:g} m; "
            f"{hot} Gi* hotspot cells (FDR 5%); wrote {args.output}"
        )
    return text


def _forecast(args: argparse.Namespace) -> str:
    events = _load(args, need_dates=True)
    assert events.days is not None
    try:
        at = parse_day(args.at, ZoneInfo(args.tz))
    except ValueError as exc:
        raise UsageError(f"--at: {exc}") from None
    # Imported after the file is read, for this subcommand only: scipy and numba take seconds
    # to import, and ``--help`` or a bad file should answer at once.
    from urbis.analytics.etas import GridETAS
    from urbis.analytics.prospective import prospective_hotspot

    grid = grid_for(events.xy, args.cell)
    train = events.days < at
    if train.sum() < 2:
        raise UsageError(f"--at: fewer than two events before {args.at}")
    if args.method == "prospective":
        risk = prospective_hotspot(
            events.xy[train],
            events.days[train],
            at=at,
            grid=grid,
            space_bandwidth=args.space_bandwidth,
            time_bandwidth=args.time_bandwidth,
        ).risk
    else:
        model = GridETAS(cell_size=args.cell).fit(
            events.xy[train], events.days[train], end=at, grid=grid
        )
        risk = model.predict(at)
    coverages = _numbers(args.coverage, "--coverage")
    test = (events.days >= at) & (events.days < at + args.test_days)
    lines = [
        f"{args.method} forecast for {args.at} on {grid.rows}×{grid.cols} cells of {args.cell:g} m"
    ]
    if test.any():
        counts = grid.counts(events.xy[test])
        rates = np.atleast_1d(hit_rate(risk, counts, coverages))
        pais = np.atleast_1d(pai(risk, counts, coverages))
        lines.append(f"{int(test.sum())} events in the {args.test_days} days from {args.at}:")
        for cov, rate, index in zip(coverages, rates, pais, strict=True):
            lines.append(f"  coverage {cov:6.1%}: hit rate {rate:.4f}, PAI {index:.2f}")
    else:
        lines.append("no events after --at in the file: no evaluation")
    if args.output:
        values = {"risk": risk}
        Path(args.output).write_text(
            json.dumps(_cells_geojson(grid, values, args.projected_crs)),
            encoding="utf-8",
        )
        lines.append(f"wrote {args.output}")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="urbis analytics", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def common(p: argparse.ArgumentParser, *, dates: bool) -> None:
        p.add_argument("file", metavar="FILE.csv")
        p.add_argument("--x", required=True, help="column with x (or longitude)")
        p.add_argument("--y", required=True, help="column with y (or latitude)")
        p.add_argument("--date", required=dates, help="column with the date")
        p.add_argument("--date-format", help="strptime format, e.g. %%d/%%m/%%Y (default: detect)")
        p.add_argument("--no-header", action="store_true", help="columns are numbers (0, 1, ...)")
        p.add_argument(
            "--crs",
            metavar="EPSG",
            help="CRS of x/y, e.g. 4326 for longitude/latitude or 26971 (metres); without it "
            "x/y must be metres and GeoJSON stays in their CRS",
        )
        p.add_argument(
            "--metric-crs",
            default="auto",
            help="metric CRS for input not in metres: an EPSG code, 'utm' or 'auto' "
            "(Lambert 72 in Belgium, else UTM; default)",
        )
        p.add_argument("--tz", default="Europe/Brussels", help="the city's time zone for dates")

    knox = sub.add_parser("knox", help="near-repeat Knox test in space-time bands")
    common(knox, dates=True)
    knox.add_argument("--space", default="0,100,200,300", help="spatial breaks in metres")
    knox.add_argument("--time", default="0,7,14,21", help="temporal breaks in days")
    knox.add_argument("--metric", choices=["manhattan", "euclidean"], default="manhattan")
    knox.add_argument("--closed", choices=["left", "right"], default="left")
    knox.add_argument("--permutations", type=int, default=999)
    knox.add_argument("--seed", type=int, default=None)
    knox.add_argument("--nrc", action="store_true", help="Near Repeat Calculator conventions")
    knox.add_argument("--format", choices=["table", "json", "csv"], default="table")
    knox.add_argument("--plot", metavar="heatmap.png", help="write a heat map of the ratios")
    knox.add_argument(
        "--progress", action=argparse.BooleanOptionalAction, default=sys.stderr.isatty()
    )
    knox.set_defaults(handler=_knox)

    hot = sub.add_parser("hotspots", help="KDE and Gi* hotspot grid to GeoJSON/PNG")
    common(hot, dates=False)
    hot.add_argument("--cell", type=float, default=100.0, help="cell size in metres")
    hot.add_argument("--bandwidth", type=float, default=400.0, help="KDE bandwidth in metres")
    hot.add_argument(
        "--kernel",
        default="quartic",
        choices=["quartic", "epanechnikov", "uniform", "triangular", "gaussian"],
    )
    hot.add_argument("--neighbourhood", default="queen", help="queen, rook or a radius in cells")
    hot.add_argument("--output", metavar="hotspots.geojson")
    hot.add_argument("--png", metavar="density.png")
    hot.set_defaults(handler=_hotspots)

    fc = sub.add_parser("forecast", help="prospective hotspot or grid ETAS forecast, evaluated")
    common(fc, dates=True)
    fc.add_argument("--at", required=True, help="prediction date (YYYY-MM-DD)")
    fc.add_argument("--method", choices=["prospective", "etas"], default="prospective")
    fc.add_argument("--cell", type=float, default=150.0)
    fc.add_argument("--space-bandwidth", type=int, default=8, help="cells (prospective)")
    fc.add_argument("--time-bandwidth", type=int, default=8, help="weeks (prospective)")
    fc.add_argument("--coverage", default="0.01,0.05,0.1,0.2")
    fc.add_argument("--test-days", type=int, default=7)
    fc.add_argument("--output", metavar="risk.geojson")
    fc.set_defaults(handler=_forecast)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the analytics command line; returns the exit status (2 for bad input)."""
    args_list = sys.argv[1:] if argv is None else argv
    try:
        args = build_parser().parse_args(args_list)
        if args.command == "hotspots" and args.neighbourhood not in ("queen", "rook"):
            try:
                args.neighbourhood = float(args.neighbourhood)
            except ValueError:
                raise UsageError("--neighbourhood: queen, rook or a radius in cells") from None
        output = args.handler(args)
    except (UsageError, ValueError, OSError, csv.Error) as exc:
        message = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        print(f"urbis analytics: error: {message}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    print(output)
    return 0
