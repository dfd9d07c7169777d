"""Shared data for the analytics tests: ../shared/data/crime (skipped with a reason if absent)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[3]
SHARED = Path(os.environ.get("URBIS_SHARED_DIR", REPO.parent / "shared"))
CRIME = SHARED / "data" / "crime"


def crime_file(name: str) -> Path:
    path = CRIME / name
    if not path.is_file():
        pytest.skip(f"shared crime data not found at {path} (set URBIS_SHARED_DIR)")
    return path


def load_nrc_file(name: str) -> tuple[np.ndarray, np.ndarray]:
    rows = np.loadtxt(crime_file(name), delimiter=",", dtype=str)
    return rows[:, :2].astype(float), rows[:, 2].astype("datetime64[D]")


def load_chicago(year: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    raw = np.loadtxt(
        crime_file("chicago_burglary_2014_2017.csv"), delimiter=",", dtype=str, skiprows=1
    )
    days = np.array([f"{s[6:10]}-{s[3:5]}-{s[0:2]}" for s in raw[:, 2]], dtype="datetime64[D]")
    xy = raw[:, :2].astype(float)
    if year is None:
        return xy, days
    keep = (days >= np.datetime64(f"{year}-01-01")) & (days < np.datetime64(f"{year + 1}-01-01"))
    return xy[keep], days[keep]


@pytest.fixture(scope="session")
def be_month1() -> tuple[np.ndarray, np.ndarray]:
    return load_nrc_file("chicago_be_month1.csv")


@pytest.fixture(scope="session")
def arson() -> tuple[np.ndarray, np.ndarray]:
    return load_nrc_file("chicago_arson.csv")


@pytest.fixture(scope="session")
def chicago_2016() -> tuple[np.ndarray, np.ndarray]:
    return load_chicago(2016)
