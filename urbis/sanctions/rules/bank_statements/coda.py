"""CODA (Febelfin "Coded statement of account", version 2.x, records of 128 characters) —
what is implemented, positions 1-based as in the standard:

- record 0 header: creation date 6-11 (DDMMYY), version code 128 (``2``);
- record 1 old balance: account structure 2 (0 Belgian number, 1 foreign, 2 Belgian IBAN,
  3 foreign IBAN), account 6-39 and currency 40-42, balance sign 43 and amount 44-58;
- record 2.1 movement: sequence 3-6, detail number 7-10, bank reference 11-31, sign 32
  (0 credit, 1 debit), amount 33-47 (15 digits, 3 decimals), value date 48-53, transaction code
  54-61, communication type 62 (1 = structured), communication 63-115 — when structured,
  type 63-65 (``101``/``102`` = Belgian structured communication) and its 12 digits 66-77 —,
  entry date 116-121;
- record 2.2: communication continued 11-63; record 2.3: counterparty account 11-44 (IBAN),
  counterparty name 48-82, communication continued 83-125;
- records 3.x (information) and 4 (free message) are accepted and not interpreted;
- record 8 new balance; record 9 trailer: number of records 1, 2.x, 3.x and 8 at 17-22, sum of
  debit movements 23-37 and of credit movements 38-52 (checked against the 2.1 records with
  detail number 0, a mismatch is a warning).

A global movement (globalisation code set) followed by detail movements under the same sequence
number yields the details, not the total, so each offender's payment can be matched.
Lines shorter than 128 characters are padded with blanks (editors strip trailing blanks).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal

from urbis.sanctions.rules import payment_reference
from urbis.sanctions.rules.bank_statements.common import (
    LineError,
    ParseResult,
    Payment,
    _clean_iban,
    _LineProblem,
    _structured_or_text,
)

RECORD_LENGTH = 128


def _coda_amount(field_text: str, sign: str) -> Decimal:
    if len(field_text) != 15 or not field_text.isdigit():
        raise _LineProblem(f"amount {field_text!r} is not 15 digits")
    if sign not in "01" or len(sign) != 1:
        raise _LineProblem(f"sign {sign!r} is neither 0 (credit) nor 1 (debit)")
    value = Decimal(field_text) / 1000
    return -value if sign == "1" else value


def _coda_date(field_text: str, *, optional: bool = False) -> date | None:
    if field_text == "000000" and optional:
        return None
    try:
        return datetime.strptime(field_text, "%d%m%y").replace(tzinfo=UTC).date()
    except ValueError as error:
        raise _LineProblem(f"date {field_text!r} is not DDMMYY") from error


@dataclass
class _Movement:
    line: int
    sequence: str
    detail: str
    global_code: str
    bank_reference: str
    amount: Decimal
    value_date: date | None
    entry_date: date
    structured: str | None
    text_parts: list[str] = field(default_factory=list)
    counterparty: str | None = None
    iban: str | None = None
    account: str | None = None
    statement: int = 0


def _coda_account(record: str) -> str | None:
    structure = record[1]
    raw = record[5:21] if structure == "2" else record[5:39]
    return _clean_iban(raw) if structure in "23" else (raw.strip() or None)


@dataclass
class _Coda:
    """What reading a CODA file has gathered so far (one file, one or more statements)."""

    errors: list[LineError] = field(default_factory=list)
    warnings: list[LineError] = field(default_factory=list)
    movements: list[_Movement] = field(default_factory=list)
    current: _Movement | None = None
    account: str | None = None
    statement: int = 0
    counted: int = 0
    debit_total: Decimal = Decimal(0)
    credit_total: Decimal = Decimal(0)
    header_seen: bool = False


def _coda_header(state: _Coda, record: str, number: int) -> None:
    """Record 0: a new statement file (CODA 2.x only); the totals start again."""
    state.header_seen = True
    _coda_date(record[5:11])
    if record[127] not in "12":
        raise _LineProblem(f"version code {record[127]!r}: only CODA 2.x is read")
    state.current, state.account, state.counted = None, None, 0
    state.debit_total = state.credit_total = Decimal(0)


def _coda_old_balance(state: _Coda, record: str, number: int) -> None:
    """Record 1: the account of the statement."""
    if record[1] not in "0123":
        raise _LineProblem(f"unknown account structure {record[1]!r}")
    state.account = _coda_account(record)
    state.statement += 1
    state.counted += 1


def _coda_movement_start(state: _Coda, record: str, number: int) -> None:
    """Record 2.1: a movement with its amount, dates and (structured) communication."""
    amount = _coda_amount(record[32:47], record[31])
    structured = None
    text_part = record[62:115]
    if record[61] == "1":
        if record[62:65] in ("101", "102"):
            structured = record[65:77]
        text_part = ""
    state.current = _Movement(
        line=number,
        sequence=record[2:6],
        detail=record[6:10],
        global_code=record[124],
        bank_reference=record[10:31].strip(),
        amount=amount,
        value_date=_coda_date(record[47:53], optional=True),
        entry_date=_coda_date(record[115:121]) or date.min,
        structured=structured,
        text_parts=[text_part],
        account=state.account,
        statement=state.statement,
    )
    state.movements.append(state.current)
    if state.current.detail == "0000":
        if amount < 0:
            state.debit_total -= amount
        else:
            state.credit_total += amount


def _coda_movement(state: _Coda, record: str, number: int) -> None:
    """Records 2.1, 2.2 (more text) and 2.3 (counterparty account and name, more text)."""
    state.counted += 1
    article = record[1]
    if article == "1":
        _coda_movement_start(state, record, number)
        return
    if article not in "23":
        raise _LineProblem(f"unknown movement record 2.{article}")
    current = state.current
    if current is None or record[2:6] != current.sequence:
        raise _LineProblem(f"record 2.{article} without its record 2.1")
    if article == "2":
        current.text_parts.append(record[10:63])
    else:
        current.iban = _clean_iban(record[10:44])
        current.counterparty = record[47:82].strip() or None
        current.text_parts.append(record[82:125])


def _coda_counted(state: _Coda, record: str, number: int) -> None:
    """Record 3 (information): counted, not read."""
    state.counted += 1


def _coda_free(state: _Coda, record: str, number: int) -> None:
    """Record 4 (free message): neither read nor counted."""


def _coda_new_balance(state: _Coda, record: str, number: int) -> None:
    """Record 8: the new balance closes the statement's movements."""
    state.counted += 1
    _coda_amount(record[42:57], record[41])
    state.current = None


def _coda_trailer(state: _Coda, record: str, number: int) -> None:
    """Record 9: the record count and the debit/credit totals, checked (warnings)."""
    expected = record[16:22]
    if expected.isdigit() and int(expected) != state.counted:
        state.warnings.append(
            LineError(number, f"trailer counts {int(expected)} records, file has {state.counted}")
        )
    for label, field_text, total in (
        ("debit", record[22:37], state.debit_total),
        ("credit", record[37:52], state.credit_total),
    ):
        if field_text.isdigit() and Decimal(field_text) / 1000 != total:
            state.warnings.append(
                LineError(
                    number,
                    f"trailer {label} total {Decimal(field_text) / 1000}"
                    f" differs from the movements' {total}",
                )
            )
    state.current = None


_CODA_RECORDS = {
    "0": _coda_header,
    "1": _coda_old_balance,
    "2": _coda_movement,
    "3": _coda_counted,
    "4": _coda_free,
    "8": _coda_new_balance,
    "9": _coda_trailer,
}


def _coda_record(state: _Coda, number: int, raw_line: str) -> None:
    """Read one line into ``state``; a line that cannot be read becomes a ``LineError``."""
    line = raw_line.rstrip("\r\n")
    if not line.strip():
        return
    if "\x00" in line:
        state.errors.append(LineError(number, "record contains NUL bytes (binary data)"))
        return
    if len(line) > RECORD_LENGTH:
        state.errors.append(LineError(number, f"record has {len(line)} characters, not 128"))
        return
    record = line.ljust(RECORD_LENGTH)
    handler = _CODA_RECORDS.get(record[0])
    try:
        if handler is None:
            raise _LineProblem(f"unknown record type {record[0]!r}")
        handler(state, record, number)
    except _LineProblem as problem:
        state.errors.append(LineError(number, str(problem)))
        if record[0] == "2" and record[1] == "1":
            state.current = None  # its 2.2/2.3 records would attach to the wrong movement


def _coda_payment(m: _Movement, warnings: list[LineError]) -> Payment:
    communication = " ".join("".join(m.text_parts).split()) or None
    if m.structured and not payment_reference.is_valid(m.structured):
        warnings.append(LineError(m.line, f"structured communication {m.structured} fails mod 97"))
        communication = communication or m.structured
    structured, source = _structured_or_text(m.structured, communication)
    return Payment(
        date=m.value_date or m.entry_date,
        amount=m.amount,
        communication=communication
        or (payment_reference.format_ogm(structured) if structured else None),
        structured=structured,
        counterparty=m.counterparty,
        iban=m.iban,
        line=m.line,
        structured_source=source,
        bank_reference=m.bank_reference or None,
        entry_date=m.entry_date,
        account=m.account,
    )


def parse_coda(text: str) -> ParseResult:
    """Credit movements of one or more CODA statements in ``text``."""
    state = _Coda()
    for number, raw_line in enumerate(text.splitlines(), start=1):
        _coda_record(state, number, raw_line)
    if not state.header_seen and (state.movements or state.errors):
        state.warnings.insert(0, LineError(1, "no CODA header record (0)"))
    # Globalised movements: keep the details when a sequence has any.
    with_details = {(m.statement, m.sequence) for m in state.movements if m.detail != "0000"}
    payments: list[Payment] = []
    skipped = 0
    for m in state.movements:
        if m.detail == "0000" and (m.statement, m.sequence) in with_details:
            continue
        if m.amount <= 0:
            skipped += 1
            continue
        payments.append(_coda_payment(m, state.warnings))
    return ParseResult(tuple(payments), tuple(state.errors), tuple(state.warnings), skipped)
