"""Barcodes: GS1 check digits, UPC-A as EAN-13, in-store codes and scale labels for weighed goods."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posapp.domain.barcodes import (
    Symbology,
    WeighedCode,
    check_digit,
    in_store_code,
    normalise,
    parse_weighed,
    symbology,
    validate_product_code,
    weighed_code,
)
from posapp.domain.errors import InvalidBarcode
from posapp.domain.money import line_amount

LENGTHS = {Symbology.EAN13: 13, Symbology.EAN8: 8, Symbology.UPCA: 12}


def bodies(length: int) -> st.SearchStrategy[str]:
    return st.text(alphabet="0123456789", min_size=length - 1, max_size=length - 1)


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("8934563138165", Symbology.EAN13),
        ("4006381333931", Symbology.EAN13),
        ("96385074", Symbology.EAN8),
        ("036000291452", Symbology.UPCA),
    ],
)
def test_real_barcodes_validate(code: str, kind: Symbology) -> None:
    assert symbology(code) is kind


@pytest.mark.parametrize("kind", list(Symbology))
@given(data=st.data())
def test_every_body_with_its_check_digit_validates(kind: Symbology, data: st.DataObject) -> None:
    body = data.draw(bodies(LENGTHS[kind]))
    assert symbology(body + str(check_digit(body))) is kind


@pytest.mark.parametrize("kind", list(Symbology))
@given(data=st.data())
def test_any_single_digit_mistyped_is_refused(kind: Symbology, data: st.DataObject) -> None:
    body = data.draw(bodies(LENGTHS[kind]))
    code = body + str(check_digit(body))
    position = data.draw(st.integers(0, len(code) - 1))
    digit = data.draw(st.sampled_from([d for d in "0123456789" if d != code[position]]))
    mistyped = code[:position] + digit + code[position + 1 :]
    with pytest.raises(InvalidBarcode, match="check digit"):
        symbology(mistyped)


@pytest.mark.parametrize("code", ["", "12345", "89345631381650", "893456313816a", "８９３４５６３１"])
def test_codes_of_the_wrong_form_are_refused(code: str) -> None:
    with pytest.raises(InvalidBarcode):
        symbology(code)


def test_upc_a_is_stored_as_its_ean_13() -> None:
    assert normalise("036000291452") == "0036000291452"
    assert symbology(normalise("036000291452")) is Symbology.EAN13
    assert normalise(" 8934563138165 ") == "8934563138165"
    assert normalise("96385074") == "96385074"


@given(bodies(12))
def test_upc_a_and_its_ean_13_are_the_same_product(body: str) -> None:
    upc = body + str(check_digit(body))
    assert normalise(upc) == normalise("0" + upc) == "0" + upc


@given(st.integers(1, 10**10 - 1))
def test_in_store_codes_start_20_and_validate(number: int) -> None:
    code = in_store_code(number)
    assert code.startswith("20")
    assert int(code[2:12]) == number
    assert symbology(code) is Symbology.EAN13
    assert validate_product_code(code) == code


@pytest.mark.parametrize("number", [0, -1, 10**10])
def test_in_store_numbers_out_of_range_are_refused(number: int) -> None:
    with pytest.raises(ValueError):
        in_store_code(number)


@given(st.integers(1, 99_999), st.integers(1, 99_999))
def test_scale_labels_round_trip(plu: int, grams: int) -> None:
    code = weighed_code(plu, grams)
    assert len(code) == 13
    assert code.startswith("21")
    assert symbology(code) is Symbology.EAN13
    assert parse_weighed(code) == WeighedCode(plu=plu, grams=grams)


def test_scale_label_layout() -> None:
    assert weighed_code(12, 350)[:12] == "210001200350"
    assert parse_weighed(weighed_code(12, 350)) == WeighedCode(plu=12, grams=350)


def test_a_scale_label_with_no_weight_is_refused() -> None:
    body = "210001200000"
    with pytest.raises(InvalidBarcode, match="no weight"):
        parse_weighed(body + str(check_digit(body)))
    with pytest.raises(ValueError):
        weighed_code(12, 0)


def test_a_mistyped_scale_label_is_refused() -> None:
    code = weighed_code(12, 350)
    wrong = code[:-1] + str((int(code[-1]) + 1) % 10)
    with pytest.raises(InvalidBarcode):
        parse_weighed(wrong)


def test_codes_that_are_not_scale_labels_parse_to_none() -> None:
    assert parse_weighed("8934563138165") is None
    assert parse_weighed(in_store_code(5)) is None
    assert parse_weighed("96385074") is None


def test_a_product_may_not_carry_a_scale_label_as_barcode() -> None:
    with pytest.raises(InvalidBarcode, match="scale labels"):
        validate_product_code(weighed_code(12, 350))
    assert validate_product_code("036000291452") == "0036000291452"


@pytest.mark.parametrize(
    ("price_per_kg", "grams", "amount"),
    [(1_250_000, 350, 437_500), (185_000, 333, 61_605), (185_000, 1, 185), (99_999, 7, 700), (1_000, 1, 1)],
)
def test_a_weighed_line_costs_price_per_kg_times_grams(price_per_kg: int, grams: int, amount: int) -> None:
    label = parse_weighed(weighed_code(7, grams))
    assert label is not None
    assert line_amount(price_per_kg, label.grams) == amount


@given(st.integers(0, 50_000_000), st.integers(1, 99_999))
def test_weighed_amount_is_exact_integer_rounding(price_per_kg: int, grams: int) -> None:
    amount = line_amount(price_per_kg, grams)
    # Integer-exact: nearest dong to price * grams / 1000, halves up, never a float's drift.
    assert abs(amount * 1000 - price_per_kg * grams) * 2 <= 1000
    if (price_per_kg * grams) % 1000 == 500:
        assert amount * 1000 > price_per_kg * grams
