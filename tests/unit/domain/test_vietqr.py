"""VietQR payloads checked against payloads published by open-source VietQR generators."""

from __future__ import annotations

import pytest

from posapp.domain import vietqr
from posapp.domain.errors import InvalidInput

# Published examples, verbatim (source repository, file, commit).
# subiz/vietqr README.md @ 8da5679a6a8e91b8e4815239d6ddfd5d8856e738:
#   Generate(120000, "970415", "0011001932418", "ủng hộ lũ lụt")
SUBIZ_README = (
    "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA"
    "530370454061200005802VN62170813ung ho lu lut6304C15C"
)
# subiz/vietqr vietqr_test.go @ 0861e8ad89bca9675c54a736a214a5c30726952e:
SUBIZ_STATIC = "00020101021138540010A00000072701240006970423011000999999990208QRIBFTTA53037045802VN6304CBB4"
SUBIZ_DYNAMIC = (
    "00020101021238570010A00000072701270006970422011300234579234420208QRIBFTTA"
    "53037045405401235802VN62200816test text string6304D9C6"
)
SUBIZ_ACCENTS = (
    "00020101021238570010A00000072701270006970422011300234579234420208QRIBFTTA"
    "53037045405401235802VN62160812chuyen khoan6304722F"
)
SUBIZ_LONG_NOTE = (
    "00020101021238630010A0000007270133000697042201190023457923442ASDFLJ0208QRIBFTTA"
    "53037045405401235802VN62290825chuyen khoan alsdkf laksj6304E5DB"
)
# giautm/emvqr-go emvqr_test.go @ 136b40e3dc74a2f59a6971dbc0eb918ed02b986e (fields in another order).
GIAUTM_REORDERED = (
    "00020101021262110807tien le38560010A0000007270126000697041501121133666688880208QRIBFTTA"
    "5303704540460005802VN63046893"
)


def test_crc_check_value() -> None:
    assert vietqr.crc16_ccitt_false(b"123456789") == 0x29B1


@pytest.mark.parametrize(
    ("bank_bin", "account", "amount", "purpose", "expected"),
    [
        ("970415", "0011001932418", 120000, "ủng hộ lũ lụt", SUBIZ_README),
        ("970423", "0099999999", None, "", SUBIZ_STATIC),
        ("970422", "0023457923442", 40123, "test text string", SUBIZ_DYNAMIC),
        ("970422", "0023457923442", 40123, "chuyển khoản", SUBIZ_ACCENTS),
        (
            "970422",
            "0023457923442ASDFLJ",
            40123,
            "chuyen khoan alsdkf laksjdflk asjdflja slkdalks djflkasjd",
            SUBIZ_LONG_NOTE,
        ),
    ],
)
def test_payload_matches_published_examples(
    bank_bin: str, account: str, amount: int | None, purpose: str, expected: str
) -> None:
    assert vietqr.payload(bank_bin, account, amount, purpose) == expected


@pytest.mark.parametrize("published", [SUBIZ_README, SUBIZ_STATIC, GIAUTM_REORDERED])
def test_published_crcs_check_out(published: str) -> None:
    assert vietqr.crc_ok(published)
    assert not vietqr.crc_ok(published.replace("QRIBFTTA", "QRIBFTTC"))


def test_parse_reads_other_generators_field_order() -> None:
    fields = vietqr.parse(GIAUTM_REORDERED)
    assert fields["54"] == "6000"
    assert vietqr.parse(fields["62"]) == {"08": "tien le"}
    beneficiary = vietqr.parse(vietqr.parse(fields["38"])["01"])
    assert beneficiary == {"00": "970415", "01": "113366668888"}


def test_round_trip_through_parse() -> None:
    text = vietqr.payload("970436", "0011000597979", 185000, "Đơn 0042 Quầy 1")
    fields = vietqr.parse(text)
    assert list(fields) == ["00", "01", "38", "53", "54", "58", "62", "63"]
    assert fields["01"] == "12"
    assert fields["53"] == "704"
    assert fields["54"] == "185000"
    assert fields["58"] == "VN"
    merchant = vietqr.parse(fields["38"])
    assert merchant["00"] == "A000000727"
    assert merchant["02"] == "QRIBFTTA"
    assert vietqr.parse(merchant["01"]) == {"00": "970436", "01": "0011000597979"}
    assert vietqr.parse(fields["62"]) == {"08": "Don 0042 Quay 1"}
    assert vietqr.crc_ok(text)


def test_static_code_has_no_amount_and_dynamic_has_one() -> None:
    static = vietqr.parse(vietqr.payload("970436", "0011000597979"))
    dynamic = vietqr.parse(vietqr.payload("970436", "0011000597979", 50000))
    assert static["01"] == "11"
    assert "54" not in static
    assert "62" not in static
    assert dynamic["01"] == "12"
    assert dynamic["54"] == "50000"


def test_purpose_loses_accents_and_keeps_at_most_25_characters() -> None:
    fields = vietqr.parse(vietqr.payload("970436", "123", 1000, "  Nước mắm   Phú Quốc – Đặc sản  "))
    purpose = vietqr.parse(fields["62"])["08"]
    assert purpose == "Nuoc mam Phu Quoc Dac san"
    assert purpose.isascii()
    assert len(vietqr.clean_purpose("x" * 60)) == 25


def test_largest_amount_fits_thirteen_digits() -> None:
    assert vietqr.parse(vietqr.payload("970436", "123", 9_999_999_999_999))["54"] == "9999999999999"


@pytest.mark.parametrize(
    ("bank_bin", "account", "amount", "message"),
    [
        ("97043", "123", None, "6-digit NAPAS BIN"),
        ("97043A", "123", None, "6-digit NAPAS BIN"),
        ("９７０４３６", "123", None, "6-digit NAPAS BIN"),
        ("970436", "", None, "1 to 19 letters or digits"),
        ("970436", "0011-0005", None, "1 to 19 letters or digits"),
        ("970436", "1" * 20, None, "1 to 19 letters or digits"),
        ("970436", "123", 0, "more than 0"),
        ("970436", "123", -5000, "more than 0"),
        ("970436", "123", 10_000_000_000_000, "at most 13 digits"),
    ],
)
def test_bad_details_are_refused(bank_bin: str, account: str, amount: int | None, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        vietqr.payload(bank_bin, account, amount)


@pytest.mark.parametrize("broken", ["0002", "00020", "000201010", "00AB01"])
def test_parse_refuses_malformed_text(broken: str) -> None:
    with pytest.raises(InvalidInput):
        vietqr.parse(broken)
