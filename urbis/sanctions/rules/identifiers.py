"""Belgian identifiers of offenders and payers: national number, BIS number, enterprise number,
IBAN and BIC — validated with python-stdnum, returned in compact normalised form.

Every ``validate_*`` returns the normalised value or raises an ``IdentifierError`` (a
``ValueError``) whose message a user can act on.
"""

from __future__ import annotations

from datetime import date

from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.be import bis as stdnum_bis
from stdnum.be import nn as stdnum_nn
from stdnum.be import vat as stdnum_vat
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidLength, ValidationError


class IdentifierError(ValueError):
    """An identifier is malformed; the message says which and why."""


class InvalidNationalNumber(IdentifierError):
    pass


class InvalidEnterpriseNumber(IdentifierError):
    pass


class InvalidIban(IdentifierError):
    pass


class InvalidBic(IdentifierError):
    pass


def _reason(error: ValidationError) -> str:
    if isinstance(error, InvalidLength):
        return "wrong number of digits"
    if isinstance(error, InvalidChecksum):
        return "the check digits do not match (typing error?)"
    if isinstance(error, InvalidComponent):
        return "a part of the number is impossible (date, country or unknown bank code)"
    return "it is not in the expected format"


def validate_national_number(value: str, *, allow_bis: bool = True) -> str:
    """The 11 digits of a national register number (rijksregisternummer / numéro national).

    The check digits are 97 - (first 9 digits mod 97), with a "2" prefixed to the 9 digits for
    people born from 2000 on; stdnum tries both centuries. With ``allow_bis`` a BIS number
    (Crossroads Bank for Social Security, month + 20 or + 40) is accepted too — foreign offenders.
    """
    try:
        return str(stdnum_nn.validate(value))
    except ValidationError as nn_error:
        if allow_bis:
            try:
                return str(stdnum_bis.validate(value))
            except ValidationError:
                pass
        raise InvalidNationalNumber(
            f"{value!r} is not a valid Belgian national number: {_reason(nn_error)}"
        ) from nn_error


def is_bis_number(value: str) -> bool:
    """True when ``value`` is a valid BIS number rather than a national register number."""
    return bool(stdnum_bis.is_valid(value)) and not stdnum_nn.is_valid(value)


def format_national_number(value: str) -> str:
    """Printed form ``YY.MM.DD-SSS.CC``."""
    number = validate_national_number(value)
    return f"{number[:2]}.{number[2:4]}.{number[4:6]}-{number[6:9]}.{number[9:]}"


def birth_date_from_national_number(value: str) -> date | None:
    """Date of birth encoded in a national (or BIS) number; ``None`` when only partly known.

    The register uses month or day 00 when the date was unknown or its counters were exhausted,
    so a ``None`` means "ask for the date of birth", not "adult".
    """
    number = validate_national_number(value)
    module = stdnum_bis if is_bis_number(number) else stdnum_nn
    try:
        birth = module.get_birth_date(number)
    except ValidationError:
        return None
    return birth if isinstance(birth, date) else None


def age_on(birth: date, on: date) -> int:
    """Age in whole years on ``on`` (birthday counted on its day; 29 February → 1 March)."""
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years


def validate_enterprise_number(value: str) -> str:
    """The 10 digits of a Belgian enterprise number (KBO/BCE), e.g. ``0403019261``.

    Accepts ``BE``, dots, spaces and the old 9-digit form. Numbers start with 0 or 1.
    """
    try:
        return str(stdnum_vat.validate(value))
    except ValidationError as error:
        raise InvalidEnterpriseNumber(
            f"{value!r} is not a valid Belgian enterprise number: {_reason(error)}"
        ) from error


def format_enterprise_number(value: str) -> str:
    """Printed form ``0403.019.261``."""
    number = validate_enterprise_number(value)
    return f"{number[:4]}.{number[4:7]}.{number[7:]}"


def validate_iban(value: str, *, belgian_only: bool = False) -> str:
    """Compact upper-case IBAN (country-specific length and mod-97 check digits)."""
    try:
        number = str(stdnum_iban.validate(value))
    except ValidationError as error:
        raise InvalidIban(f"{value!r} is not a valid IBAN: {_reason(error)}") from error
    if belgian_only and not number.startswith("BE"):
        raise InvalidIban(f"{value!r} is not a Belgian IBAN (BE...)")
    return number


def format_iban(value: str) -> str:
    """Printed form in groups of four: ``BE71 0961 2345 6769``."""
    return str(stdnum_iban.format(validate_iban(value)))


def validate_bic(value: str) -> str:
    """Compact upper-case BIC (8 or 11 characters)."""
    try:
        return str(stdnum_bic.validate(value))
    except ValidationError as error:
        raise InvalidBic(f"{value!r} is not a valid BIC: {_reason(error)}") from error
