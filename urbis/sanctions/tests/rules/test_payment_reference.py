"""Structured communication (OGM/VCS) and EPC QR payloads."""

from decimal import Decimal

import pytest

from urbis.sanctions.rules import payment_reference as ref


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        pytest.param(1, "000000000101", id="ogm-mod97"),
        pytest.param(0, "000000000097", id="ogm-remainder-0-gives-97"),
        pytest.param(1234567890, "123456789002", id="ogm-ten-digits"),
    ],
)
def test_generate(reference: int, expected: str) -> None:
    assert ref.generate(reference) == expected


def test_from_case_number() -> None:
    assert ref.from_case_number("GAS-2025-000123") == "202500012390"
    assert ref.format_ogm("202500012390") == "+++202/5000/12390+++"
    with pytest.raises(ref.InvalidStructuredCommunication, match="11 digits"):
        ref.from_case_number("GAS-20250-000123")
    with pytest.raises(ref.InvalidStructuredCommunication):
        ref.generate(10**10)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("+++010/8068/17183+++", id="plus-delimited"),
        pytest.param("***010/8068/17183***", id="star-delimited"),
        pytest.param("010/8068/17183", id="slashes"),
        pytest.param(" 010806817183 ", id="digits"),
    ],
)
def test_validate(value: str) -> None:
    assert ref.validate(value) == "010806817183"


def test_validate_rejects_bad_check_digits() -> None:
    with pytest.raises(ref.InvalidStructuredCommunication):
        ref.validate("+++010/8068/17180+++")
    assert not ref.is_valid("010806817180")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("GAS boete +++010/8068/17183+++ dank", "010806817183", id="formatted"),
        pytest.param("ref 010.8068.17183", "010806817183", id="dots"),
        pytest.param("010 8068 17183", "010806817183", id="spaces"),
        pytest.param("010806817180 then 202500012390", "202500012390", id="first-valid-one"),
        pytest.param("BE71 0961 2345 6769", None, id="iban-is-not-an-ogm"),
        pytest.param("1010806817183", None, id="13-digits-not-cut"),
        pytest.param(None, None, id="no-text"),
    ],
)
def test_find_in_text(text: str | None, expected: str | None) -> None:
    assert ref.find_in_text(text) == expected


def test_epc_payload_exact() -> None:
    payload = ref.epc_payload(
        name="Stad  Mechelen",
        iban="BE71 0961 2345 6769",
        amount=Decimal("58"),
        ogm="+++010/8068/17183+++",
        bic="GKCCBEBB",
    )
    assert payload == (
        "BCD\n002\n1\nSCT\nGKCCBEBB\nStad Mechelen\nBE71096123456769\nEUR58.00\n\n010806817183"
    )


def test_epc_payload_free_text_and_optional_bic() -> None:
    payload = ref.epc_payload(
        name="Gemeente X", iban="BE71096123456769", text="GAS 2025/123", information="dank"
    )
    assert payload.split("\n") == [
        "BCD",
        "002",
        "1",
        "SCT",
        "",
        "Gemeente X",
        "BE71096123456769",
        "",
        "",
        "",
        "GAS 2025/123",
        "dank",
    ]


def test_epc_payload_formatted_ogm_option() -> None:
    payload = ref.epc_payload(
        name="X", iban="BE71096123456769", ogm="010806817183", ogm_style="formatted"
    )
    assert payload.endswith("\n+++010/8068/17183+++")


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"ogm": "010806817183", "text": "x"}, id="both-remittances"),
        pytest.param({"name": "x" * 71}, id="name-too-long"),
        pytest.param({"amount": Decimal("1.005")}, id="three-decimals"),
        pytest.param({"amount": Decimal("0")}, id="zero-amount"),
        pytest.param({"purpose": "gov"}, id="bad-purpose"),
        pytest.param({"text": "x" * 141}, id="text-too-long"),
    ],
)
def test_epc_payload_refuses(kwargs: dict[str, object]) -> None:
    arguments: dict[str, object] = {"name": "Gemeente X", "iban": "BE71096123456769"}
    arguments.update(kwargs)
    with pytest.raises(ref.InvalidEpcPayment):
        ref.epc_payload(**arguments)  # type: ignore[arg-type]


def test_epc_payload_refuses_bad_iban() -> None:
    with pytest.raises(ValueError, match="IBAN"):
        ref.epc_payload(name="X", iban="BE71096123456768")


def test_epc_qr_images() -> None:
    payload = ref.epc_payload(name="X", iban="BE71096123456769", amount=Decimal("116"))
    assert ref.epc_svg(payload).startswith("<svg")
    assert ref.epc_png(payload).startswith(b"\x89PNG")
    assert ref.epc_qr(payload).error == "M"
