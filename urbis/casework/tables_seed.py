"""The consultation tables a city starts with (configured data; edit in the admin).

Legal bases from plan-casework.md §3 (VERIFIED unless said otherwise); meeting cadence and
retention periods are BELIEVED local choices the DPO and the table's chair confirm.
"""

from __future__ import annotations

from typing import Any

from urbis.casework.models import ConsultationTable
from urbis.core.models import Organisation

TABLES: list[dict[str, Any]] = [
    {
        "code": "veilig-huis",
        "name": "Veilig Huis (FJC) case consultation",
        "kind": "veilig_huis",
        "legal_basis": (
            "Art. 458ter Criminal Code; Flemish decree of 29 March 2024 on the Veilige Huizen"
        ),
        "purpose": (
            "Protect the physical and psychological integrity of victims of intrafamily "
            "violence through a support path agreed among partners."
        ),
        "allowed_capacities": "case director, police, prosecution, CAW, Opgroeien, VK",
        "meeting_cadence_days": 14,
        "retention_months": 60,
        "orgs": ["FJC", "PZ MeWi", "Parket", "OCMW", "CGG", "Preventie"],
    },
    {
        "code": "livc-r",
        "name": "LIVC-R Mechelen",
        "kind": "livc_r",
        "legal_basis": (
            "Law of 30 July 2018 on the LIVC-R (art. 2, 3, 5); Flemish decree of 21 May 2021; "
            "art. 458ter Criminal Code"
        ),
        "purpose": (
            "Prevent terrorist offences through individualised, case-based follow-up of "
            "persons showing signs of a radicalisation process."
        ),
        "allowed_capacities": (
            "mayor or representative, chief of police (secret clearance), prevention "
            "coordinator; invited municipal services"
        ),
        "meeting_cadence_days": 90,  # BELIEVED: at least every three months
        "retention_months": 60,
        "feedback_sheets": True,
        "orgs": ["Preventie", "PZ MeWi", "OCMW", "JOC", "FJC"],
    },
    {
        "code": "prevention",
        "name": "Prevention-worker team",
        "kind": "prevention_team",
        "legal_basis": "Art. 6(1)(e) GDPR: municipal prevention task (consent per service)",
        "purpose": "Coordinate voluntary support of persons met in low-threshold work.",
        "allowed_capacities": "prevention workers, street-corner workers (voluntary)",
        "meeting_cadence_days": 30,
        "retention_months": 36,
        "orgs": ["Preventie", "JOC", "OCMW"],
    },
    {
        "code": "reintegration",
        "name": "Reintegration of ex-offenders",
        "kind": "reintegration",
        "legal_basis": "Art. 458ter Criminal Code (authorisation of the public prosecutor)",
        "purpose": (
            "Prepare housing, work and relationships after detention; refer to the "
            "transition house and restorative mediation."
        ),
        "allowed_capacities": "justice house, OCMW, prevention service",
        "meeting_cadence_days": 30,
        "retention_months": 60,
        "orgs": ["Justitiehuis", "OCMW", "Preventie"],
    },
    {
        "code": "dual-diagnosis",
        "name": "Dual diagnosis table",
        "kind": "dual_diagnosis",
        "legal_basis": "Art. 458ter Criminal Code (authorisation of the public prosecutor)",
        "purpose": (
            "Aftercare paths for care-avoiding persons with psychiatric problems and "
            "addiction who cause nuisance."
        ),
        "allowed_capacities": "mental health care, city, police, social housing",
        "meeting_cadence_days": 30,
        "retention_months": 60,
        "orgs": ["CGG", "Preventie", "PZ MeWi", "OCMW"],
    },
]


def seed_tables() -> int:
    """Create the tables that do not exist yet (idempotent); returns how many were created."""
    created = 0
    for spec in TABLES:
        spec = dict(spec)
        orgs = spec.pop("orgs")
        table, was_created = ConsultationTable.objects.get_or_create(
            code=spec["code"], defaults=spec
        )
        if was_created:
            created += 1
            table.allowed_organisations.set(Organisation.objects.filter(short_name__in=orgs))
    return created
