"""Knox benchmarks (issue 4, Performance): Chicago 2016 against tobydavies' published figure and
pointpats run here; all 45,319 events of 2014-2017 with 999 permutations and peak memory."""

from __future__ import annotations

import numpy as np

from benchmarks.common import load, peak_mib, peer_missing, row, timed
from urbis.analytics import knox_test

# tobydavies/NearRepeat knox_test, Chicago 2016, 4x3 bands, Euclidean, 99 iterations on a
# 2-core machine: 15.7 s (domain/analytics.md §4.3). Not on PyPI, so the published figure.
DAVIES_SECONDS = 15.7
DAVIES_ITERATIONS = 99
# §4.3 Euclidean table (Davies' default (a, b] bands = our closed="right").
DAVIES_TABLE = [[342, 97, 62], [1892, 1514, 1362], [4145, 3643, 3592], [5805, 5143, 4919]]
SPACE = [0, 0.1, 200, 400, 600]
TIME = [0, 7, 14, 21]


def davies(quick: bool) -> None:
    xy, t = load(2016)
    perms = 99 if quick else 999
    knox_test(xy[:300], t[:300], space_breaks=[0, 100], time_breaks=[0, 7], permutations=2)
    # Best of three: the figure is the tool's speed, not the machine's other load.
    seconds, result = timed(
        lambda: knox_test(
            xy,
            t,
            space_breaks=SPACE,
            time_breaks=TIME,
            metric="euclidean",
            closed="right",
            permutations=perms,
            rng=1,
        ),
        repeat=3,
    )
    same = "same table as §4.3" if result.observed.tolist() == DAVIES_TABLE else "TABLE DIFFERS"
    row(
        f"Knox 2016 ({len(t):,}) 4x3 bands, per permutation",
        seconds / perms,
        DAVIES_SECONDS / DAVIES_ITERATIONS,
        "tobydavies knox_test (published, 2-core)",
        100,
        f"{perms} permutations in {seconds:.2f} s; {same}",
    )


def pointpats(quick: bool) -> None:
    xy, t = load(2016)
    try:
        from pointpats.spacetime import Knox
    except ImportError:
        peer_missing("Knox 2016 single band 200 m / 7 days", "pointpats")
        return
    # pointpats loops over permutations in Python (~0.2 s each here): 99 keeps the bench short;
    # both tools run the same number.
    perms = 19 if quick else 99
    days = (t - t.min()).astype(float)
    knox_test(xy[:300], days[:300], space_breaks=[0, 200], time_breaks=[0, 7], permutations=2)
    np.random.seed(12345)
    peer_seconds, peer = timed(
        lambda: Knox(xy, days.reshape(-1, 1), delta=200, tau=7, permutations=perms)
    )
    ours_seconds, ours = timed(
        lambda: knox_test(
            xy,
            days,
            space_breaks=[0, 200],
            time_breaks=[0, 7],
            metric="euclidean",
            closed="right",  # pointpats counts d <= delta and t <= tau
            permutations=perms,
            rng=1,
        ),
        repeat=10,
    )
    same = (
        f"identical statistic {int(peer.statistic_)}"
        if int(ours.observed[0, 0]) == int(peer.statistic_)
        else f"MISMATCH {ours.observed[0, 0]} vs {peer.statistic_}"
    )
    row(
        "Knox 2016 single band 200 m / 7 days",
        ours_seconds,
        peer_seconds,
        f"pointpats Knox ({perms} permutations)",
        30,
        same,
    )


def all_events(quick: bool) -> None:
    xy, t = load()
    perms = 99 if quick else 999
    knox_test(xy[:300], t[:300], space_breaks=[0, 100], time_breaks=[0, 7], permutations=2)
    before = peak_mib()
    seconds, result = timed(
        lambda: knox_test(
            xy, t, space_breaks=SPACE, time_breaks=TIME, permutations=perms, rng=1
        )  # NearRepeat defaults
    )
    after = peak_mib()
    dense_gib = len(t) * (len(t) - 1) // 2 * 8 * 2 / 2**30
    print(
        f"{'Knox all ' + format(len(t), ',') + ' events, 4x3 bands, Manhattan':<46} urbis "
        f"{seconds:>9.2f} s | {perms} permutations, {result.n_pairs:,} pairs; peak memory "
        f"{after:.0f} MiB ({after - before:.0f} MiB above the loaded data; NearRepeat's two "
        f"dense distance vectors would need {dense_gib:.0f} GiB)",
        flush=True,
    )
