"""Belgian identifiers: national/BIS number, enterprise number, IBAN, BIC."""

from datetime import date

import pytest

from urbis.sanctions.rules import identifiers as ids

D = date.fromisoformat


@pytest.mark.parametrize(
    ("value", "normalised", "birth"),
    [
        pytest.param("85.07.30-033 28", "85073003328", "1985-07-30", id="nn-born-1985"),
        pytest.param("01020300170", "01020300170", "2001-02-03", id="nn-born-after-2000-prefix-2"),
        pytest.param("01020300141", "01020300141", "1901-02-03", id="nn-same-digits-born-1901"),
        pytest.param("85273003371", "85273003371", "1985-07-30", id="bis-number-month-plus-20"),
        pytest.param("85003003376", "85003003376", None, id="nn-unknown-month-no-birth-date"),
    ],
)
def test_national_number(value: str, normalised: str, birth: str | None) -> None:
    assert ids.validate_national_number(value) == normalised
    expected = D(birth) if birth else None
    assert ids.birth_date_from_national_number(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param("85073003329", "check digits", id="nn-bad-checksum"),
        pytest.param("8507300332", "number of digits", id="nn-too-short"),
    ],
)
def test_national_number_errors(value: str, message: str) -> None:
    with pytest.raises(ids.InvalidNationalNumber, match=message):
        ids.validate_national_number(value)


def test_bis_number_can_be_refused() -> None:
    assert ids.is_bis_number("85273003371") and not ids.is_bis_number("85073003328")
    with pytest.raises(ids.InvalidNationalNumber):
        ids.validate_national_number("85273003371", allow_bis=False)


def test_errors_are_value_errors() -> None:
    assert issubclass(ids.IdentifierError, ValueError)
    assert ids.format_national_number("85073003328") == "85.07.30-033.28"


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        pytest.param("2008-02-29", "2026-02-28", 17, id="R04-leap-birthday-not-yet-18"),
        pytest.param("2008-02-29", "2026-03-01", 18, id="R04-leap-birthday-18"),
        pytest.param("2010-06-15", "2024-06-15", 14, id="R04-14-on-birthday"),
        pytest.param("2010-06-15", "2024-06-14", 13, id="R04-13-day-before"),
    ],
)
def test_age_on(birth: str, on: str, age: int) -> None:
    assert ids.age_on(D(birth), D(on)) == age


@pytest.mark.parametrize(
    ("value", "normalised"),
    [
        pytest.param("BE 428759497", "0428759497", id="kbo-old-9-digits"),
        pytest.param("0403.019.261", "0403019261", id="kbo-dotted"),
    ],
)
def test_enterprise_number(value: str, normalised: str) -> None:
    assert ids.validate_enterprise_number(value) == normalised


def test_enterprise_number_errors_and_format() -> None:
    with pytest.raises(ids.InvalidEnterpriseNumber, match="check digits"):
        ids.validate_enterprise_number("BE431150351")
    assert ids.format_enterprise_number("403019261") == "0403.019.261"


def test_iban() -> None:
    assert ids.validate_iban("be71 0961 2345 6769") == "BE71096123456769"
    assert ids.format_iban("BE71096123456769") == "BE71 0961 2345 6769"
    assert ids.validate_iban("NL91ABNA0417164300") == "NL91ABNA0417164300"
    with pytest.raises(ids.InvalidIban, match="check digits"):
        ids.validate_iban("BE71096123456768")
    with pytest.raises(ids.InvalidIban, match="Belgian"):
        ids.validate_iban("NL91ABNA0417164300", belgian_only=True)


def test_bic() -> None:
    assert ids.validate_bic("gkcc be bb") == "GKCCBEBB"
    with pytest.raises(ids.InvalidBic):
        ids.validate_bic("GKCC")
