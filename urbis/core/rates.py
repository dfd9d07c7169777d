"""Rates per population, as used by indicators and maps."""

from __future__ import annotations


def per_1000(count: float, population: int | None) -> float | None:
    """Events per 1,000 inhabitants; None when the population is unknown or zero."""
    if not population:
        return None
    return count * 1000.0 / population
