"""GAS models: the regulation catalogue and settings, parties, cases with their history,
letters and payments, and the register (art. 44)."""

from urbis.sanctions.models.cases import (
    Appeal,
    AscertainerKind,
    Ascertainment,
    Case,
    CaseCounter,
    CommunityService,
    Defence,
    Hearing,
    LimitationEvent,
    Photo,
    StatusChange,
)
from urbis.sanctions.models.catalogue import (
    Article,
    InfringementType,
    MotivationTemplate,
    MunicipalSettings,
)
from urbis.sanctions.models.money import (
    AddresseeRole,
    InstalmentPlan,
    Letter,
    LetterKind,
    Payment,
)
from urbis.sanctions.models.parties import Guardian, Offender, OffenderKind
from urbis.sanctions.models.register import LeadTimeStat, PurgeLog, RegisterEntry

__all__ = [
    "AddresseeRole",
    "Appeal",
    "Article",
    "AscertainerKind",
    "Ascertainment",
    "Case",
    "CaseCounter",
    "CommunityService",
    "Defence",
    "Guardian",
    "Hearing",
    "InfringementType",
    "InstalmentPlan",
    "LeadTimeStat",
    "Letter",
    "LetterKind",
    "LimitationEvent",
    "MotivationTemplate",
    "MunicipalSettings",
    "Offender",
    "OffenderKind",
    "Payment",
    "Photo",
    "PurgeLog",
    "RegisterEntry",
    "StatusChange",
]
