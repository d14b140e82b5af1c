"""Signing in at the till: the PIN pad by touch and by keyboard, wrong PINs, the lock, the first owner."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from posapp.domain.staff import Actor, Role
from posapp.settings import StaffRules
from posapp.shop import Shop
from posapp.ui.pin_pad import PinPad
from posapp.ui.sign_in import FIRST_OWNER, SIGN_IN, SignInScreen
from tests.ui.staff_helpers import CASHIER, CASHIER_PIN, MANAGER, OWNER, add_staff, audit, cheap_staff


def open_screen(qtbot: QtBot, shop: Shop) -> SignInScreen:
    screen = SignInScreen(cheap_staff(shop), shop.clock)
    qtbot.addWidget(screen)
    screen.resize(1200, 720)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    screen.refresh()
    return screen


def test_the_pad_takes_digits_from_its_keys_and_from_the_keyboard(qtbot: QtBot, styled: None) -> None:
    pad = PinPad()
    qtbot.addWidget(pad)
    pad.show()
    qtbot.mouseClick(pad.keys["1"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.keys["9"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(pad, "85")
    assert pad.pin == "1985"
    assert pad.dots.text() == "●●●●"  # never the digits themselves
    qtbot.keyClick(pad, Qt.Key.Key_Backspace)
    qtbot.keyClicks(pad, "7x")  # a letter is not part of a PIN
    assert pad.pin == "1987"
    with qtbot.waitSignal(pad.submitted) as submitted:
        qtbot.keyClick(pad, Qt.Key.Key_Return)
    assert submitted.args == ["1987"]
    assert pad.pin == ""  # gone from the screen once sent


def test_clear_empties_the_pad_and_ok_on_nothing_asks_for_the_pin(qtbot: QtBot, styled: None) -> None:
    pad = PinPad()
    qtbot.addWidget(pad)
    pad.show()
    qtbot.keyClicks(pad, "123")
    qtbot.mouseClick(pad.clear_button, Qt.MouseButton.LeftButton)
    assert pad.pin == ""
    with qtbot.assertNotEmitted(pad.submitted):
        qtbot.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)
    assert pad.message.text() == "Type the PIN first."
    qtbot.keyClicks(pad, "123456789")
    assert pad.pin == "12345678"  # a PIN is at most 8 digits


def test_a_cashier_signs_in_by_touching_their_name_and_the_keys(
    qtbot: QtBot, styled: None, ui_shop: Shop
) -> None:
    add_staff(ui_shop)
    screen = open_screen(qtbot, ui_shop)
    assert screen.currentIndex() == SIGN_IN
    assert sorted(screen.picker.buttons) == sorted([CASHIER, MANAGER, OWNER])
    assert "Cashier" in screen.picker.buttons[CASHIER].text()
    assert not screen.back_button.isVisible()  # the first sign-in cannot be skipped
    qtbot.mouseClick(screen.picker.buttons[CASHIER], Qt.MouseButton.LeftButton)
    assert screen.prompt.text() == "Minh, type your PIN."
    for digit in CASHIER_PIN:
        qtbot.mouseClick(screen.pad.keys[digit], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(screen.signed_in) as signed:
        qtbot.mouseClick(screen.pad.ok_button, Qt.MouseButton.LeftButton)
    actor = signed.args[0]
    assert isinstance(actor, Actor) and (actor.name, actor.role) == (CASHIER, Role.CASHIER)
    assert audit(ui_shop, "sign in")[0].actor == CASHIER  # newest first


def test_the_keyboard_alone_signs_in(qtbot: QtBot, styled: None, ui_shop: Shop) -> None:
    add_staff(ui_shop)
    screen = open_screen(qtbot, ui_shop)
    screen.picker.choose(MANAGER)
    qtbot.waitUntil(screen.pad.hasFocus)  # the keyboard goes to the pad: nothing to click first
    qtbot.keyClicks(screen.pad, "1357")
    with qtbot.waitSignal(screen.signed_in) as signed:
        qtbot.keyClick(screen.pad, Qt.Key.Key_Enter)
    assert signed.args[0].name == MANAGER


def test_a_wrong_pin_says_so_under_the_pad_without_a_dialog(qtbot: QtBot, styled: None, ui_shop: Shop) -> None:
    add_staff(ui_shop)
    screen = open_screen(qtbot, ui_shop)
    screen.picker.choose(CASHIER)
    with qtbot.assertNotEmitted(screen.signed_in):
        qtbot.keyClicks(screen.pad, "9999")
        qtbot.keyClick(screen.pad, Qt.Key.Key_Return)
    assert screen.pad.message.text() == "Wrong PIN: 4 tries left"
    assert QApplication.activeModalWidget() is None
    assert screen.pad.pin == "" and screen.picker.current == CASHIER  # try again at once, same person
    qtbot.keyClicks(screen.pad, "1")
    assert screen.pad.message.text() == ""  # typing again clears the message


def test_too_many_wrong_pins_lock_the_user_and_the_name_shows_it(
    qtbot: QtBot, styled: None, ui_shop: Shop
) -> None:
    add_staff(ui_shop)
    ui_shop.settings = replace(ui_shop.settings, staff=StaffRules(lockout_attempts=3, lockout_minutes=5))
    screen = open_screen(qtbot, ui_shop)
    screen.picker.choose(CASHIER)
    for _attempt in range(3):
        screen.pad.submitted.emit("0000")
    assert screen.pad.message.text().startswith("Locked until ")
    assert "Locked until" in screen.picker.buttons[CASHIER].text()
    with qtbot.assertNotEmitted(screen.signed_in):
        screen.pad.submitted.emit(CASHIER_PIN)  # even the right PIN waits for the lock to pass
    assert screen.pad.message.text().startswith("Locked until ")


def test_a_new_shop_sets_up_its_owner_first(qtbot: QtBot, styled: None, ui_shop: Shop) -> None:
    screen = open_screen(qtbot, ui_shop)
    assert screen.currentIndex() == FIRST_OWNER
    with qtbot.waitSignal(screen.skipped):  # "not now" is offered too: the shop can sell without staff
        qtbot.mouseClick(screen.later_button, Qt.MouseButton.LeftButton)
    screen.owner_name.setText("  Chủ   Hà ")  # QTest cannot type accents; a keyboard can
    qtbot.keyClicks(screen.owner_pin, "2468")
    qtbot.keyClicks(screen.owner_pin_again, "2486")
    with qtbot.assertNotEmitted(screen.signed_in):
        qtbot.mouseClick(screen.create_button, Qt.MouseButton.LeftButton)
    assert screen.owner_error.text() == "The two PINs differ. Type the same PIN twice."
    assert not cheap_staff(ui_shop).has_users()
    qtbot.keyClicks(screen.owner_pin, "24")
    qtbot.keyClicks(screen.owner_pin_again, "24")
    qtbot.mouseClick(screen.create_button, Qt.MouseButton.LeftButton)
    assert screen.owner_error.text() == "A PIN is 4 to 8 digits."
    qtbot.keyClicks(screen.owner_pin, "2468")
    qtbot.keyClicks(screen.owner_pin_again, "2468")
    with qtbot.waitSignal(screen.signed_in) as signed:
        qtbot.keyClick(screen.owner_pin_again, Qt.Key.Key_Return)
    assert (signed.args[0].name, signed.args[0].role) == (OWNER, Role.OWNER)
    screen.refresh()
    assert screen.currentIndex() == SIGN_IN and list(screen.picker.buttons) == [OWNER]
    assert screen.picker.current == OWNER  # the only person is chosen already


def test_a_user_switch_can_go_back_to_the_till(qtbot: QtBot, styled: None, ui_shop: Shop) -> None:
    add_staff(ui_shop)
    screen = open_screen(qtbot, ui_shop)
    screen.allow_cancel(True)
    assert screen.back_button.isVisible()
    with qtbot.waitSignal(screen.cancelled):
        qtbot.keyClick(screen.pad, Qt.Key.Key_Escape)
