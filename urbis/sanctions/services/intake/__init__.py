"""Intake: an ascertainment becomes a case, after the competence and eligibility rules.

Every refusal names the rule (``domain/gas.md`` §9) and nothing is written."""

from urbis.sanctions.services.intake.bulk import BULK_CHUNK, BulkReport, ascertainments_import
from urbis.sanctions.services.intake.checks import Catalogue, validate
from urbis.sanctions.services.intake.create import ascertainment_create, request_hash
from urbis.sanctions.services.intake.data import (
    AscertainmentData,
    IdempotencyConflict,
    IntakeResult,
    OffenderData,
)

__all__ = [
    "BULK_CHUNK",
    "AscertainmentData",
    "BulkReport",
    "Catalogue",
    "IdempotencyConflict",
    "IntakeResult",
    "OffenderData",
    "ascertainment_create",
    "ascertainments_import",
    "request_hash",
    "validate",
]
