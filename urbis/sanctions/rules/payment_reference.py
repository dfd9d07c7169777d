"""Belgian structured communication (OGM/VCS) and the EPC QR code of payment letters.

Structured communication (Febelfin standard; python-stdnum ``be.ogm_vcs``): 12 digits printed
``+++123/4567/89002+++``; the last two are the first ten modulo 97 (97 when the rest is 0).

EPC QR (EPC069-12 "Quick Response Code: guidelines to enable data capture for the initiation of
a SEPA credit transfer", version 002): elements separated by line feeds —
``BCD`` / ``002`` / ``1`` (UTF-8) / ``SCT`` / BIC (optional in 002) / name (≤70) / IBAN /
``EUR<amount>`` / purpose (4, optional) / structured remittance (≤35) / unstructured remittance
(≤140) / information (≤70); structured and unstructured remittance are mutually exclusive,
the payload is at most 331 bytes and the QR uses error correction level M.

Choice for Belgium (documented in docs/sanctions-rules.md): the OGM goes in the *structured*
remittance element as its 12 digits — the form Belgian banks carry it in SEPA (structured
creditor reference, issuer "BBA") and which Belgian banking apps recognise as a structured
communication. ``ogm_style="formatted"`` writes ``+++123/4567/89002+++`` instead, for a bank
that proves to need it. An ISO 11649 ``RF`` reference is *not* used: CODA files report it as a
different communication type, so reconciliation by OGM would fail.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

import segno
from stdnum.be import ogm_vcs
from stdnum.exceptions import ValidationError

from urbis.sanctions.rules.identifiers import validate_bic, validate_iban


class InvalidStructuredCommunication(ValueError):
    pass


class InvalidEpcPayment(ValueError):
    pass


def check_digits(base: str) -> str:
    """The two mod-97 check digits of a 10-digit base (``97`` when the remainder is 0)."""
    if not (len(base) == 10 and base.isdigit()):
        raise InvalidStructuredCommunication(f"{base!r}: the base must be exactly 10 digits")
    return str(ogm_vcs.calc_check_digits(base))


def generate(reference: int) -> str:
    """The 12 digits of the structured communication for a number 0 ≤ ``reference`` < 10¹⁰."""
    if not 0 <= reference < 10**10:
        raise InvalidStructuredCommunication(f"{reference} does not fit in 10 digits")
    base = f"{reference:010d}"
    return base + check_digits(base)


def from_case_number(case_number: str) -> str:
    """Structured communication from a case number: its digits, right-aligned on 10.

    ``"GAS-2025-000123"`` → digits ``2025000123`` → ``202500012390``. A case number with more
    than 10 digits raises (the caller must then choose a shorter numbering, not truncate: two
    cases would share a reference).
    """
    digits = "".join(ch for ch in case_number if ch.isdigit())
    if not digits:
        raise InvalidStructuredCommunication(f"{case_number!r} has no digits")
    if len(digits) > 10:
        raise InvalidStructuredCommunication(
            f"{case_number!r} has {len(digits)} digits; a structured communication holds 10"
        )
    return generate(int(digits))


def validate(value: str) -> str:
    """The 12 digits of a structured communication typed as ``+++123/4567/89002+++``,
    ``***…***``, ``123/4567/89002`` or ``123456789002``."""
    try:
        return str(ogm_vcs.validate(value.strip().strip("+*").strip()))
    except ValidationError as error:
        raise InvalidStructuredCommunication(
            f"{value!r} is not a valid structured communication (12 digits, mod 97)"
        ) from error


def is_valid(value: str) -> bool:
    try:
        validate(value)
    except InvalidStructuredCommunication:
        return False
    return True


def format_ogm(value: str) -> str:
    """Printed form ``+++123/4567/89002+++``."""
    return f"+++{ogm_vcs.format(validate(value))}+++"


# 12 digits, optionally grouped 3/4/5 with "/", ".", "-" or spaces, optionally between +++ or ***.
_CANDIDATE = re.compile(
    r"(?<!\d)(\d{3})[\s/.\-]{0,3}(\d{4})[\s/.\-]{0,3}(\d{5})(?!\d)",
)


def find_in_text(text: str | None) -> str | None:
    """The first valid structured communication in free text (a payer's message), or ``None``.

    Payers retype the reference in the free field in many shapes; only a candidate whose check
    digits match is returned, so an account number or a date is not mistaken for one.
    """
    if not text:
        return None
    for match in _CANDIDATE.finditer(text):
        digits = "".join(match.groups())
        if ogm_vcs.is_valid(digits):
            return digits
    return None


def _amount_text(amount: Decimal) -> str:
    cents = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if cents != amount:
        raise InvalidEpcPayment(f"EUR {amount} has more than 2 decimals")
    if not Decimal("0.01") <= cents <= Decimal("999999999.99"):
        raise InvalidEpcPayment("the amount must be between EUR 0.01 and EUR 999999999.99")
    return f"EUR{cents:.2f}"


def epc_payload(
    *,
    name: str,
    iban: str,
    amount: Decimal | None = None,
    ogm: str | None = None,
    text: str | None = None,
    bic: str | None = None,
    purpose: str | None = None,
    information: str | None = None,
    ogm_style: Literal["digits", "formatted"] = "digits",
) -> str:
    """The EPC QR payload (EPC069-12 version 002) of a transfer to the municipality.

    Give ``ogm`` (structured remittance) or ``text`` (unstructured), not both.
    """
    name = " ".join(name.split())
    if not 1 <= len(name) <= 70:
        raise InvalidEpcPayment("the beneficiary name must have 1 to 70 characters")
    if ogm and text:
        raise InvalidEpcPayment("give a structured communication or a free text, not both")
    remittance_structured = ""
    if ogm:
        digits = validate(ogm)
        remittance_structured = format_ogm(digits) if ogm_style == "formatted" else digits
    if text and len(text) > 140:
        raise InvalidEpcPayment("the free text may have at most 140 characters")
    if information and len(information) > 70:
        raise InvalidEpcPayment("the information for the payer may have at most 70 characters")
    if purpose and not (len(purpose) == 4 and purpose.isalnum() and purpose.isupper()):
        raise InvalidEpcPayment("the purpose is a 4-letter ISO 20022 code, e.g. GOVT")
    elements = [
        "BCD",
        "002",
        "1",
        "SCT",
        validate_bic(bic) if bic else "",
        name,
        validate_iban(iban),
        _amount_text(amount) if amount is not None else "",
        purpose or "",
        remittance_structured,
        text or "",
        information or "",
    ]
    # EPC069-12: the last populated element is not followed by a separator.
    while elements and not elements[-1]:
        elements.pop()
    payload = "\n".join(elements)
    if len(payload.encode("utf-8")) > 331:
        raise InvalidEpcPayment("the EPC QR payload exceeds 331 bytes")
    return payload


def epc_qr(payload: str, *, mask: int | None = None) -> segno.QRCode:
    """The segno QR code of an EPC payload (error correction M, as EPC069-12 requires).

    ``mask`` fixes the data mask (0-7) instead of scoring all eight: any mask decodes the same
    (ISO/IEC 18004 §7.8); the scoring only picks the pattern easiest to scan, and costs most
    of the encoding time when letters are printed in batches."""
    # EPC069-12: error correction level M, no boost to a higher level (predictable size).
    return segno.make(
        payload, error="m", boost_error=False, micro=False, encoding="utf-8", mask=mask
    )


def epc_svg(payload: str, *, scale: int = 4, title: str = "EPC QR") -> str:
    """The QR code of ``payload`` as an SVG document (for HTML pages and PDF letters)."""
    return str(epc_qr(payload).svg_inline(scale=scale, title=title))


def epc_png(payload: str, *, scale: int = 4) -> bytes:
    """The QR code of ``payload`` as PNG bytes."""
    import io

    buffer = io.BytesIO()
    epc_qr(payload).save(buffer, kind="png", scale=scale)
    return buffer.getvalue()
