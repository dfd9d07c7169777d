"""The numpydoc examples in the public API run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["knox", "kde", "hotspots", "prospective", "etas", "evaluation", "grid", "projection"]


@pytest.mark.parametrize("name", MODULES)
def test_examples(name: str) -> None:
    module = importlib.import_module(f"urbis.analytics.{name}")
    failures, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert tried > 0, f"{name} has no examples"
    assert failures == 0
