"""Dated values used for every BELIEVED setting and amount table."""

from datetime import date

import pytest

from urbis.sanctions.rules.timeline import NotInForce, Timeline

D = date.fromisoformat


def test_value_in_force_on_a_date() -> None:
    line = Timeline.of((D("2024-01-01"), "new"), (D("2014-01-01"), "old"), name="x")
    assert line.at(D("2014-01-01")) == "old"
    assert line.at(D("2023-12-31")) == "old"
    assert line.at(D("2024-01-01")) == "new"
    with pytest.raises(NotInForce, match="x"):
        line.at(D("2013-12-31"))


def test_override_replaces_a_step() -> None:
    line = Timeline.of((D("2014-01-01"), 1), (D("2024-01-01"), 2))
    moved = line.with_step(D("2024-01-08"), 2).with_step(D("2014-01-01"), 3)
    assert [v for _, v in moved.steps] == [3, 2, 2]
    assert moved.at(D("2024-01-05")) == 2  # the old 2024-01-01 step is still there
    assert line.at(D("2014-06-01")) == 1  # the original is unchanged


def test_invalid_timelines() -> None:
    with pytest.raises(ValueError):
        Timeline(())
    with pytest.raises(ValueError):
        Timeline(((D("2024-01-01"), 1), (D("2014-01-01"), 2)))
    with pytest.raises(ValueError):
        Timeline.of((D("2024-01-01"), 1), (D("2024-01-01"), 2))
