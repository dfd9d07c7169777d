"""Dated values: a value that changes on known dates (a legal amount, a BELIEVED setting).

A ``Timeline`` is a list of steps ``(valid_from, value)``; the value of a step applies from its
date (included) until the next step's date (excluded). Rules pick the value in force on the
relevant legal date (usually the date of the facts), so a change of law or of a BELIEVED
interpretation never silently rewrites closed cases.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

T = TypeVar("T")


class NotInForce(LookupError):
    """No value is in force on the requested date (before the first step, or a repealed rule)."""


@dataclass(frozen=True)
class Timeline(Generic[T]):
    """Values by date of entry into force. Build with ``Timeline.of((date, value), ...)``."""

    steps: tuple[tuple[date, T], ...]
    name: str = ""

    @classmethod
    def of(cls, *steps: tuple[date, T], name: str = "") -> Timeline[T]:
        return cls(tuple(sorted(steps, key=lambda step: step[0])), name)

    def __post_init__(self) -> None:
        dates = [valid_from for valid_from, _ in self.steps]
        if not dates:
            raise ValueError(f"timeline {self.name!r} has no step")
        if dates != sorted(dates) or len(set(dates)) != len(dates):
            raise ValueError(f"timeline {self.name!r}: step dates must be strictly increasing")

    def at(self, on: date) -> T:
        """The value in force on ``on``; ``NotInForce`` before the first step."""
        index = bisect_right([valid_from for valid_from, _ in self.steps], on)
        if index == 0:
            raise NotInForce(f"{self.name or 'value'}: nothing in force on {on.isoformat()}")
        return self.steps[index - 1][1]

    def with_step(self, valid_from: date, value: T) -> Timeline[T]:
        """A copy with one more (or a replaced) step — how a municipality overrides a default."""
        kept: Iterable[tuple[date, T]] = (s for s in self.steps if s[0] != valid_from)
        return Timeline.of(*kept, (valid_from, value), name=self.name)
