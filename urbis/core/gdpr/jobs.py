"""The nightly retention run: every app's rules, each with its logged proof."""

from __future__ import annotations

from urbis.core.gdpr.services import retention_run
from urbis.core.nightly import nightly_job


@nightly_job("core.gdpr_retention")
def retention() -> str:
    results = retention_run(actor=None)
    return "retention: " + ", ".join(f"{r.rule} {r.count}" for r in results)
