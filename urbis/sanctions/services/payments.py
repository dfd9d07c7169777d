"""Payments: bank statements matched on the structured communication; partial payments add
up; unmatched payments wait in a queue (never lost); unpaid cases get reminders."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from urbis.core.audit import record_event
from urbis.core.tabular import TabularError, read_table
from urbis.core.types import Actor
from urbis.sanctions.models import Case, InstalmentPlan, Payment
from urbis.sanctions.models.money import PaymentSource
from urbis.sanctions.rules import bank_statements
from urbis.sanctions.rules.workflow import Status
from urbis.sanctions.services.cases import case_transition

#: The CSV export layout (header names); a city adapts it to its bank's export.
CSV_LAYOUT = bank_statements.CsvLayout(
    date="date",
    amount="amount",
    communication="communication",
    counterparty="counterparty",
    iban="iban",
)

PAYABLE = {Status.OPENED, Status.SECOND_INVITATION, Status.DECIDED, Status.REMINDER}


@dataclass
class ImportReport:
    matched: int = 0
    unmatched: int = 0
    duplicates: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


def _import_key(source: str, row: bank_statements.Payment, occurrence: int) -> str:
    """The same credit imported twice is recognised and skipped, also from an export that
    overlaps an earlier one: CODA carries the bank's own reference; a CSV line is known by its
    fields and by how many identical lines came before it in the same file (two equal
    payments on one day are two payments)."""

    parts = [
        source,
        row.account or "",
        row.bank_reference or f"#{occurrence}",
        str(row.date),
        str(row.amount),
        row.communication or "",
        row.counterparty or "",
        row.iban or "",
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:64]


def paid_total(case: Case) -> Decimal:
    return case.payments.aggregate(total=Sum("amount"))["total"] or Decimal(0)


def _settle(actor: Actor, case: Case, on: dt.date) -> None:
    """The case is paid when its payments cover the amount (partial payments add up)."""
    if case.amount and case.status in PAYABLE and paid_total(case) >= case.amount:
        case_transition(actor=actor, case=case, action="payment_received", on=on, via_service=True)


#: Largest amount a payment row can hold (``Payment.amount``: 10 digits, 2 decimals).
MAX_AMOUNT = Decimal("99999999.99")


def _text(value: str | None, field_name: str) -> str:
    """``value`` cut to the length of its ``Payment`` column: a payment is never dropped for a
    long communication or name (the structured communication was read from it first)."""
    limit = getattr(Payment._meta.get_field(field_name), "max_length", None) or 0
    return (value or "")[:limit]


def _parse(source: str, content: bytes | IO[bytes], filename: str) -> bank_statements.ParseResult:
    """The statement's rows; ``ValidationError`` on ``file`` when the file itself is refused."""
    if source == "csv":
        try:
            table = read_table(
                content,
                filename=filename,
                required=[
                    c for c in bank_statements.layout_columns(CSV_LAYOUT) if isinstance(c, str)
                ],
            )
        except TabularError as error:
            raise ValidationError({"file": [str(error)]}) from None
        parsed = bank_statements.parse_rows(((r.line, r.values) for r in table.rows), CSV_LAYOUT)
        refused = tuple(bank_statements.LineError(r.line, r.reason) for r in table.rejected)
        return bank_statements.ParseResult(
            parsed.payments, parsed.errors + refused, parsed.warnings, parsed.skipped
        )
    limit = settings.URBIS_IMPORT_MAX_BYTES
    data = content if isinstance(content, bytes) else content.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            {"file": [_("The file is larger than the limit of %(n)s bytes.") % {"n": limit}]}
        )
    return bank_statements.parse_coda(bank_statements.decode(data))


def payments_import(
    *, actor: Actor, source: str, content: bytes | IO[bytes], filename: str = ""
) -> ImportReport:
    """Import a CODA or CSV statement (CSV read by ``urbis.core.tabular``). Rejected lines are
    reported with their reason; the valid ones are imported, in one transaction; a line already
    imported is skipped (same import key). A file that cannot be read raises
    ``ValidationError`` on ``file``."""
    parsed = _parse(source, content, filename)
    rejected = [(e.line, e.reason) for e in parsed.errors]
    payments = []
    for row in parsed.payments:
        if row.amount > MAX_AMOUNT:
            rejected.append((row.line, _("The amount %(a)s is too large.") % {"a": row.amount}))
        else:
            payments.append(row)
    report = ImportReport(rejected=sorted(rejected))
    occurrences: dict[tuple[object, ...], int] = {}
    with transaction.atomic():
        for row in payments:
            same = (row.date, row.amount, row.communication, row.counterparty, row.iban)
            occurrences[same] = occurrences.get(same, 0) + 1
            key = _import_key(source, row, occurrences[same])
            if Payment.objects.filter(import_key=key).exists():
                report.duplicates += 1
                continue
            structured = row.structured or ""
            # The case row is locked, so two imports paying one case add up (never both miss).
            case = (
                Case.objects.select_for_update().filter(payment_reference=structured).first()
                if structured
                else None
            )
            payment = Payment.objects.create(
                received_on=row.date,
                amount=row.amount,
                communication=_text(row.communication, "communication"),
                structured=structured,
                counterparty=_text(row.counterparty, "counterparty"),
                iban=_text(row.iban, "iban"),
                source=source,
                import_key=key,
                case=case,
                matched_at=timezone.now() if case else None,
            )
            if case is None:
                report.unmatched += 1
            else:
                report.matched += 1
                _settle(actor, case, payment.received_on)
        record_event(
            actor=actor,
            action="gas.payments_imported",
            target=("sanctions.payment", filename or source),
            data={
                "matched": report.matched,
                "unmatched": report.unmatched,
                "duplicates": report.duplicates,
                "rejected": len(report.rejected),
            },
        )
    return report


def payment_assign(*, actor: Actor, payment: Payment, case: Case) -> Payment:
    """Assign an unmatched payment from the queue to its case by hand."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        case = Case.objects.select_for_update().get(pk=case.pk)
        if payment.case_id is not None:
            raise ValidationError({"payment": [_("This payment is already assigned.")]})
        payment.case = case
        payment.matched_at = timezone.now()
        payment.save(update_fields=["case", "matched_at"])
        record_event(
            actor=actor,
            action="gas.payment_assigned",
            target=case,
            data={"payment": payment.pk, "amount": str(payment.amount)},
        )
        _settle(actor, case, payment.received_on)
    return payment


def instalments_grant(
    *, actor: Actor, case: Case, instalments: int, first_due: dt.date
) -> InstalmentPlan:
    """An instalment plan for a decided fine (practice: offered before enforcement)."""
    if not 2 <= instalments <= 12:
        raise ValidationError({"instalments": [_("Between 2 and 12 instalments.")]})
    if case.status not in (Status.DECIDED, Status.REMINDER):
        raise ValidationError(
            {"case": [_("Only a decided, unpaid fine can be paid in instalments.")]}
        )
    with transaction.atomic():
        plan = InstalmentPlan.objects.create(
            case=case, instalments=instalments, first_due=first_due
        )
        record_event(
            actor=actor,
            action="gas.instalments_granted",
            target=case,
            data={"instalments": instalments, "first_due": first_due.isoformat()},
        )
    return plan


def payment_record(
    *,
    actor: Actor,
    case: Case,
    received_on: dt.date,
    amount: Decimal,
    counterparty: str = "",
    communication: str = "",
    key: str = "",
) -> Payment:
    """A payment entered by hand (a counter payment, a bailiff's transfer): it counts like a
    statement line and settles the case when the amount is covered (GAS-R25). The same
    ``key`` from the same user records it once (a retried request)."""
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": [_("This date is in the future.")]})
    if amount <= 0 or amount > MAX_AMOUNT:
        raise ValidationError({"amount": [_("A positive amount.")]})
    import_key = f"manual:{getattr(actor, 'pk', '')}:{key}" if key else f"manual:{uuid4().hex}"
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        existing = Payment.objects.filter(import_key=import_key[:120], case=case).first()
        if existing is not None:
            return existing  # a retried request: recorded once
        if case.status not in PAYABLE:
            raise ValidationError({"case": [_("This case has nothing to pay.")]})
        payment = Payment.objects.create(
            received_on=received_on,
            amount=amount,
            communication=communication,
            counterparty=counterparty,
            source=PaymentSource.MANUAL,
            import_key=import_key[:120],
            case=case,
            matched_at=timezone.now(),
        )
        record_event(
            actor=actor,
            action="gas.payment_recorded",
            target=case,
            data={"payment": payment.pk, "amount": str(amount)},
        )
        _settle(actor, case, received_on)
    return payment
