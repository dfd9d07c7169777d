"""Bulk intake (camera and parking batches): every row checked first, then all written in one
transaction (in batches of queries)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.core.tabular import TabularError
from urbis.core.types import Actor
from urbis.sanctions import selectors
from urbis.sanctions.models import (
    Article,
    Ascertainment,
    Case,
    CaseCounter,
    Guardian,
    Offender,
    StatusChange,
)
from urbis.sanctions.services.intake import identity
from urbis.sanctions.services.intake.checks import Catalogue, validate
from urbis.sanctions.services.intake.create import (
    _first_step,
    _new_ascertainment,
    _new_case,
    _new_offender,
)
from urbis.sanctions.services.intake.data import AscertainmentData
from urbis.sanctions.services.intake.tabular import RowError, field_label, parse_row, read_bulk


@dataclass
class BulkReport:
    created: list[str] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)
    imported: bool = False


def ascertainments_import(
    *, actor: Actor, content: bytes | IO[bytes], import_valid: bool = False, filename: str = ""
) -> BulkReport:
    """Bulk intake (camera and parking batches): every row is checked first (the intake rules,
    and every limit of the database: lengths, ranges, NUL bytes); rejected rows are reported
    with their line and reason. Nothing is written when a row is rejected, unless the user
    confirmed to import the valid rows; what is written is written in one transaction (all
    the valid rows or nothing, never a chunk). A file that cannot be read raises
    ``ValidationError`` on ``file``."""
    report = BulkReport()
    valid: list[tuple[AscertainmentData, Article]] = []
    try:
        table = read_bulk(content, filename=filename)
    except TabularError as error:
        raise ValidationError({"file": [str(error)]}) from None
    problems: list[tuple[int, str]] = [(r.line, r.reason) for r in table.rejected]
    catalogue = Catalogue()
    catalogue.load_offenders(
        {"".join(c for c in row.get("national_number") if c.isdigit()) for row in table.rows}
    )
    shown: list[str] = []
    seen: set[tuple[str, str]] = set()
    references = {(row.get("kind"), row.get("reference")) for row in table.rows}
    on_file = {
        (kind, reference): number
        for kind, reference, number in Case.objects.filter(
            ascertainment__reference__in=[r for _k, r in references]
        ).values_list("ascertainment__kind", "ascertainment__reference", "number")
    }
    for row in table.rows:
        try:
            data = parse_row(row)
            key = (data.kind, data.reference)
            if key in on_file:
                raise RowError(_("already registered as case %(n)s") % {"n": on_file[key]})
            if key in seen:
                raise RowError(_("the same PV or report appears twice in the file"))
            seen.add(key)
            valid.append((data, validate(data, catalogue=catalogue)))
        except RowError as error:
            problems.append((row.line, str(error)))
        except ValidationError as error:
            if identity.is_identity_match(error):
                shown.append(data.offender.national_number)
            reasons = "; ".join(
                f"{label}: {' '.join(messages)}"
                if (label := field_label(field))
                else " ".join(messages)
                for field, messages in error.message_dict.items()
            )
            problems.append((row.line, reasons))
    report.rejected = sorted(problems)
    selectors.identity_shown(user=actor, national_numbers=shown)
    if report.rejected and not import_valid:
        return report
    try:
        with transaction.atomic():
            for start in range(0, len(valid), BULK_CHUNK):
                report.created += _bulk_create(actor, valid[start : start + BULK_CHUNK], catalogue)
    except IntegrityError:
        # Another import registered one of these reports meanwhile: the whole import is undone.
        raise ValidationError(
            {
                "file": [
                    _(
                        "Some of these reports were registered by another import at the same "
                        "time; nothing was imported. Upload the file again."
                    )
                ]
            }
        ) from None
    report.imported = True
    return report


#: Rows written per batch of queries in a bulk import (a camera batch of 100,000 takes 50),
#: all in one transaction.
BULK_CHUNK = 2000


def _reserve_numbers(year: int, count: int) -> list[str]:
    """Take ``count`` consecutive case numbers of ``year`` under the counter's row lock."""
    CaseCounter.objects.get_or_create(year=year)
    counter = CaseCounter.objects.select_for_update().get(year=year)
    first = counter.last + 1
    counter.last += count
    counter.save(update_fields=["last"])
    return [f"GAS-{year}-{n:06d}" for n in range(first, counter.last + 1)]


def _new_guardians(
    rows: list[tuple[AscertainmentData, Article]],
    offenders: list[Offender],
    new_offenders: list[Offender],
) -> list[Guardian]:
    """The parents or guardians named in the file, once per offender created by this import."""
    pending = {id(offender) for offender in new_offenders}
    guardians = []
    for (data, _article), offender in zip(rows, offenders, strict=True):
        if id(offender) in pending:
            pending.discard(id(offender))
            guardians += [Guardian(offender=offender, **g) for g in data.offender.guardians]
    return guardians


def _bulk_create(
    actor: Actor, rows: list[tuple[AscertainmentData, Article]], catalogue: Catalogue
) -> list[str]:
    """The batched form of :func:`_create` for bulk intake: a few queries per chunk."""

    identities = {d.offender.national_number for d, _a in rows if d.offender.national_number}
    enterprises = {d.offender.enterprise_number for d, _a in rows if d.offender.enterprise_number}
    known: dict[str, Offender] = {}
    for existing in Offender.objects.filter(national_number__in=identities):
        known.setdefault(existing.national_number, existing)
    for existing in Offender.objects.filter(enterprise_number__in=enterprises):
        known.setdefault(existing.enterprise_number, existing)
    new_offenders: list[Offender] = []
    offenders: list[Offender] = []
    for data, _article in rows:
        o = data.offender
        key = o.national_number or o.enterprise_number
        found = known.get(key) if key else None
        if found is None:
            offender = _new_offender(o)
            new_offenders.append(offender)
            if key:
                known[key] = offender
        else:
            offender = found
        offenders.append(offender)
    Offender.objects.bulk_create(new_offenders)
    # GAS-R10 (art. 14-19): a minor's parents or guardians receive the letters too.
    Guardian.objects.bulk_create(_new_guardians(rows, offenders, new_offenders))
    ascertainments = [
        _new_ascertainment(actor, data, article, offender)
        for (data, article), offender in zip(rows, offenders, strict=True)
    ]
    Ascertainment.objects.bulk_create(ascertainments)
    numbers: dict[int, list[str]] = {}
    for year in sorted({data.received_on.year for data, _article in rows}):
        count = sum(1 for data, _article in rows if data.received_on.year == year)
        numbers[year] = _reserve_numbers(year, count)
    cases = [
        _new_case(
            numbers[data.received_on.year].pop(0),
            data,
            article,
            ascertainment,
            offender,
            municipal=catalogue.settings_on(data.ascertained_on),
        )
        for (data, article), ascertainment, offender in zip(
            rows, ascertainments, offenders, strict=True
        )
    ]
    Case.objects.bulk_create(cases)
    now = timezone.now()
    StatusChange.objects.bulk_create(_first_step(case, actor, now) for case in cases)
    record_event(
        actor=actor,
        action="gas.cases_imported",
        target=("sanctions.case", f"{cases[0].number}..{cases[-1].number}" if cases else "-"),
        data={"count": len(cases), "numbers": [c.number for c in cases]},
    )
    return [case.number for case in cases]
