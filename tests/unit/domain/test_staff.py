"""Roles and permissions, PINs, and the cash count: plain rules, no database."""

from __future__ import annotations

import pytest

from posapp.domain.cash import DENOMINATIONS, counted_total
from posapp.domain.errors import InvalidInput
from posapp.domain.staff import COMMAND_LINE, Permission, Role, allowed, check_pin, parse_role, permission_label


def test_a_cashier_needs_a_manager_for_every_protected_action() -> None:
    assert [p for p in Permission if allowed(Role.CASHIER, p)] == []


def test_a_manager_may_do_all_but_manage_staff() -> None:
    assert [p for p in Permission if not allowed(Role.MANAGER, p)] == [Permission.STAFF]


def test_the_owner_and_the_command_line_may_do_everything() -> None:
    assert all(allowed(Role.OWNER, p) for p in Permission)
    assert COMMAND_LINE.role is Role.OWNER and COMMAND_LINE.user_id is None
    assert all(COMMAND_LINE.may(p) for p in Permission)


def test_every_permission_has_words_for_the_cashier() -> None:
    assert permission_label(Permission.OPEN_DRAWER) == "open the cash drawer without a sale"
    assert len({permission_label(p) for p in Permission}) == len(Permission)


@pytest.mark.parametrize("pin", ["1234", "00000000", " 5678 "])
def test_a_pin_is_4_to_8_digits(pin: str) -> None:
    assert check_pin(pin) == pin.strip()


@pytest.mark.parametrize("pin", ["123", "123456789", "12 34", "abcd", "١٢٣٤", ""])
def test_anything_else_is_not_a_pin(pin: str) -> None:
    with pytest.raises(InvalidInput, match="A PIN is 4 to 8 digits"):
        check_pin(pin)


def test_roles_are_read_from_words() -> None:
    assert parse_role(" Manager ") is Role.MANAGER
    with pytest.raises(InvalidInput, match="use cashier, manager or owner"):
        parse_role("boss")


def test_the_cash_count_adds_up_the_notes() -> None:
    assert DENOMINATIONS[0] == 500 and DENOMINATIONS[-1] == 500_000
    assert counted_total({500_000: 2, 200_000: 1, 10_000: 3, 500: 4}) == 1_232_000
    assert counted_total({}) == 0


@pytest.mark.parametrize(
    ("counts", "message"),
    [({300_000: 1}, "There is no 300.000 ₫ note"), ({1_000: -1}, "between 0 and 100000"), ({100: 1}, "no 100 ₫")],
)
def test_a_count_with_a_made_up_note_or_a_negative_count_is_refused(counts: dict[int, int], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        counted_total(counts)
