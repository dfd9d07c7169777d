"""The GDPR registries every app fills in ``AppConfig.ready()`` (docs/gdpr.md).

* ``register_processing_activity`` — the art. 30 record, declared next to the app's models;
* ``register_retention_rule`` — one rule per data category, counted from closure, run by the
  nightly purge (or as a dry run) with a logged proof;
* ``register_subject_provider`` — how to find one person's data in the app for a subject-access
  request (art. 15), with withheld items listed by reason, never their content;
* ``register_object_describer`` — readable names and links for the access-log search.

Core never imports a feature app (ADR 0001): the apps come to these registries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

Text = str | Promise


@dataclass(frozen=True)
class ProcessingActivity:
    """One entry of the record of processing activities (GDPR art. 30(1) (b)-(g))."""

    code: str
    app: str
    name: Text
    purposes: tuple[Text, ...]
    legal_basis: tuple[Text, ...]
    data_subjects: tuple[Text, ...]
    data_categories: tuple[Text, ...]
    recipients: tuple[Text, ...]
    retention: Text
    security: tuple[Text, ...]
    special_categories: tuple[Text, ...] = ()
    transfers: Text = "none outside the EEA"
    dpia_required: bool = False


@dataclass(frozen=True)
class RetentionRule:
    """``run(today, dry_run)`` returns how many rows are (or would be) purged or anonymised."""

    code: str
    app: str
    category: Text
    retention: Text
    action: str  # "delete" or "anonymise"
    run: Callable[[dt.date, bool], int]


@dataclass(frozen=True)
class SubjectQuery:
    national_number: str = ""
    email: str = ""

    def is_empty(self) -> bool:
        return not (self.national_number or self.email)


@dataclass
class SubjectItem:
    """One record about the person: its kind, a readable label and the data itself."""

    kind: str
    label: str
    data: dict[str, Any]
    object_type: str = ""
    object_id: str = ""
    #: Other records of the person inside this item, as (object_type, object_id), whose reads
    #: belong in the export too (e.g. the reporter rows of a report: staff reads of contact
    #: details are logged on them).
    also_read_as: tuple[tuple[str, str], ...] = ()

    def refs(self) -> set[tuple[str, str]]:
        """Every (object_type, object_id) whose access-log rows are reads of this item."""
        own = {(self.object_type, self.object_id)} if self.object_type else set()
        return own | set(self.also_read_as)


@dataclass
class Withheld:
    """An item that exists but is not disclosed, with the legal reason (art. 23 GDPR)."""

    kind: str
    reason: str
    count: int = 1
    #: The withheld objects as (object_type, object_id): never exported, but the DPO's
    #: access-log search by person finds their reads (the restriction limits the person's
    #: right of access, not the controller's supervision of access, art. 5(2) and 39 GDPR).
    refs: tuple[tuple[str, str], ...] = ()


@dataclass
class SubjectItems:
    app: str
    label: str
    items: list[SubjectItem] = field(default_factory=list)
    withheld: list[Withheld] = field(default_factory=list)


SubjectFinder = Callable[..., SubjectItems]  # find(query, *, user) -> SubjectItems


@dataclass(frozen=True)
class SubjectProvider:
    app: str
    label: Text
    find: SubjectFinder


#: describe(ids) -> {id: (readable name, url or "")}; must not reveal content (a case alias).
ObjectDescriber = Callable[[Iterable[str]], dict[str, tuple[str, str]]]

_activities: dict[str, ProcessingActivity] = {}
_retention: dict[str, RetentionRule] = {}
_providers: dict[str, SubjectProvider] = {}
_describers: dict[str, ObjectDescriber] = {}


def register_processing_activity(activity: ProcessingActivity) -> None:
    _activities[activity.code] = activity


def processing_activities() -> list[ProcessingActivity]:
    return sorted(_activities.values(), key=lambda a: (a.app, a.code))


def register_retention_rule(rule: RetentionRule) -> None:
    _retention[rule.code] = rule


def retention_rules() -> list[RetentionRule]:
    return sorted(_retention.values(), key=lambda r: (r.app, r.code))


def register_subject_provider(app: str, label: Text, find: SubjectFinder) -> None:
    """``find(query: SubjectQuery, *, user) -> SubjectItems``; the provider writes the access
    log for what it reads (purpose: subject access) and lists withheld items by reason."""
    _providers[app] = SubjectProvider(app=app, label=label, find=find)


def subject_providers() -> list[SubjectProvider]:
    return [_providers[app] for app in sorted(_providers)]


def register_object_describer(object_type: str, describe: ObjectDescriber) -> None:
    _describers[object_type] = describe


def describer(object_type: str) -> ObjectDescriber | None:
    return _describers.get(object_type)


#: recipients(person) -> names of the recipients the person's data was disclosed to (art. 19).
RecipientsOf = Callable[[Any], list[str]]
_recipients: dict[str, RecipientsOf] = {}


def register_rectification_recipients(app: str, recipients: RecipientsOf) -> None:
    """An app that shares a person's data says with whom, so a rectification can be passed on
    to each of them (GDPR art. 19)."""
    _recipients[app] = recipients


def rectification_recipients(person: Any) -> list[str]:
    names: set[str] = set()
    for find in _recipients.values():
        names.update(find(person))
    return sorted(names)


#: records(national_number) -> the app's person records of that person that a rectification
#: corrects (ADR 0004: each app keeps its own people; core holds none).
RecordsOf = Callable[[str], list[Any]]
_rectifiable: dict[str, RecordsOf] = {}


def register_rectifiable_records(app: str, records: RecordsOf) -> None:
    """An app whose person records carry the fields of ``rectification.PERSON_FIELDS`` says
    how to find them by national number, so the DPO's rectification reaches them (art. 16)."""
    _rectifiable[app] = records


def rectifiable_records(national_number: str) -> list[Any]:
    found: list[Any] = []
    for app in sorted(_rectifiable):
        found.extend(_rectifiable[app](national_number))
    return found
