"""The staff screen: the owner adds people and changes them; anyone else needs the owner's PIN for it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from posapp.domain.errors import SignInFailed
from posapp.domain.staff import Actor, Role
from posapp.shop import Shop
from posapp.ui.staff_view import StaffView
from posapp.ui.till_staff import NOBODY
from tests.ui.conftest import FakeDialogs
from tests.ui.staff_helpers import (
    CASHIER,
    CASHIER_PIN,
    MANAGER,
    MANAGER_PIN,
    OWNER,
    OWNER_PIN,
    Staff,
    add_staff,
    audit,
    cheap_staff,
    context_for,
)


@pytest.fixture
def staff(ui_shop: Shop) -> Staff:
    return add_staff(ui_shop)


def open_view(qtbot: QtBot, shop: Shop, dialogs: FakeDialogs, actor: Actor) -> StaffView:
    view = StaffView(context_for(shop, dialogs, actor), staff=cheap_staff(shop))
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    return view


def rows(view: StaffView) -> list[list[str]]:
    model = view.model
    return [[model.text(row, column) for column in range(model.columnCount())] for row in range(model.rowCount())]


def choose(view: StaffView, name: str) -> None:
    view.table.selectRow([user.name for user in view.model.rows()].index(name))


def fill_new_person(qtbot: QtBot, view: StaffView, name: str, role: str, pin: str, again: str) -> None:
    view.name.insert(name)  # as a Vietnamese input method does (QTest types Latin-1 only)
    view.add_role.setCurrentIndex(view.add_role.findText(role))
    qtbot.keyClicks(view.pin, pin)
    qtbot.keyClicks(view.pin_again, again)


def test_the_owner_sees_everyone_and_adds_a_person(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, staff: Staff, qtmodeltester: ModelTester
) -> None:
    view = open_view(qtbot, ui_shop, dialogs, staff.owner)
    qtmodeltester.check(view.model, force_py=True)
    headers = [view.model.headerData(column, Qt.Orientation.Horizontal) for column in range(4)]
    assert headers == ["Name", "Role", "Status", "Locked until"]
    assert rows(view) == [
        [MANAGER, "Manager", "Can sign in", ""],
        [OWNER, "Owner", "Can sign in", ""],
        [CASHIER, "Cashier", "Can sign in", ""],
    ]
    assert view.note.isHidden() and view.count.text() == "3 people"
    fill_new_person(qtbot, view, "Thu Trang", "Cashier", "2580", "2581")
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    assert view.add_error.text() == "The two PINs differ. Type the same PIN twice."
    assert view.model.rowCount() == 3 and view.pin.text() == "" and view.name.text() == "Thu Trang"
    qtbot.keyClicks(view.pin, "2580")
    qtbot.keyClicks(view.pin_again, "2580")
    qtbot.keyClick(view.pin_again, Qt.Key.Key_Return)
    assert view.add_error.text() == ""
    assert [user.name for user in view.model.rows()] == [MANAGER, OWNER, CASHIER, "Thu Trang"]
    assert view.chosen_label.text() == "Thu Trang (Cashier)"
    assert view.banner.text == "Thu Trang can now sign in as Cashier."
    assert cheap_staff(ui_shop).sign_in("Thu Trang", "2580").role == Role.CASHIER
    assert audit(ui_shop, "staff")[0].detail["added"] == "Thu Trang"
    fill_new_person(qtbot, view, "thu trang", "Manager", "1234", "1234")
    view.add_button.click()
    assert view.add_error.text() == "A user named “thu trang” already exists."
    assert dialogs.approvals_asked == []


def test_the_owner_changes_a_role_resets_a_pin_and_stops_a_sign_in(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, staff: Staff
) -> None:
    people = cheap_staff(ui_shop)
    for _attempt in range(5):
        with pytest.raises(SignInFailed):
            people.sign_in(CASHIER, "0000")
    view = open_view(qtbot, ui_shop, dialogs, staff.owner)
    locked = rows(view)[2][3]
    assert locked != "" and view.model.index(2, 3).data(Qt.ItemDataRole.ForegroundRole) is not None
    choose(view, CASHIER)
    view.role.setCurrentIndex(view.role.findText("Manager"))
    view.role_button.click()
    assert rows(view)[2][1] == "Manager" and view.banner.text == f"{CASHIER} is now Manager."
    view.role_button.click()
    assert view.person_error.text() == f"{CASHIER} is already Manager."
    qtbot.keyClicks(view.new_pin, "9999")
    qtbot.keyClicks(view.new_pin_again, "9999")
    view.pin_button.click()
    assert view.banner.text == f"{CASHIER} has a new PIN." and rows(view)[2][3] == ""
    assert people.sign_in(CASHIER, "9999").role == Role.MANAGER
    assert view.active_button.text() == "Stop signing in"
    view.active_button.click()
    assert rows(view)[2][2] == "Inactive" and view.banner.text == f"{CASHIER} can no longer sign in."
    with pytest.raises(SignInFailed):
        people.sign_in(CASHIER, "9999")
    assert view.active_button.text() == "Allow signing in again"
    view.active_button.click()
    assert rows(view)[2][2] == "Can sign in"
    choose(view, OWNER)  # nobody takes away their own role or sign-in
    assert not view.role_button.isEnabled() and not view.active_button.isEnabled()
    assert view.pin_button.isEnabled()


def test_a_manager_adds_a_person_with_the_owners_pin(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, staff: Staff
) -> None:
    view = open_view(qtbot, ui_shop, dialogs, staff.manager)
    assert view.note.text() == "Only the owner can manage staff: each change here needs the owner's PIN."
    fill_new_person(qtbot, view, "Thu Trang", "Cashier", "2580", "2580")
    view.add_button.click()  # the manager cannot get the owner's PIN
    [asked] = dialogs.approvals_asked
    assert asked.managers == (OWNER,) and asked.detail == "Add Thu Trang as Cashier"
    assert view.add_error.text() == "Not done: the owner did not approve it."
    assert view.model.rowCount() == 3
    dialogs.approval_answer = (MANAGER, MANAGER_PIN)  # a manager may not approve staff changes
    fill_new_person(qtbot, view, "", "Cashier", "2580", "2580")
    view.add_button.click()
    assert dialogs.approval_errors == [f"{MANAGER} may not approve this: manage staff."]
    assert view.model.rowCount() == 3
    dialogs.approval_answer = (OWNER, OWNER_PIN)
    qtbot.keyClicks(view.pin, "2580")
    qtbot.keyClicks(view.pin_again, "2580")
    view.add_button.click()
    assert view.add_error.text() == "" and view.model.rowCount() == 4
    added = audit(ui_shop, "staff")[0]
    assert added.actor == OWNER and added.detail["added"] == "Thu Trang"
    assert audit(ui_shop, "approval")[0].detail["for"] == MANAGER


def test_anyone_sets_their_own_pin_without_the_owner(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, staff: Staff
) -> None:
    view = open_view(qtbot, ui_shop, dialogs, staff.cashier)
    choose(view, CASHIER)
    assert not view.role_button.isEnabled() and view.pin_button.isEnabled()
    qtbot.keyClicks(view.new_pin, "4321")
    qtbot.keyClicks(view.new_pin_again, "4321")
    qtbot.keyClick(view.new_pin_again, Qt.Key.Key_Return)
    assert dialogs.approvals_asked == [] and view.banner.text == f"{CASHIER} has a new PIN."
    assert cheap_staff(ui_shop).sign_in(CASHIER, "4321").name == CASHIER
    with pytest.raises(SignInFailed):
        cheap_staff(ui_shop).sign_in(CASHIER, CASHIER_PIN)


def test_without_an_owner_to_ask_only_the_owner_can_manage_staff(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, staff: Staff
) -> None:
    cheap_staff(ui_shop).set_active(OWNER, False, staff.owner)
    view = open_view(qtbot, ui_shop, dialogs, staff.manager)
    assert view.note.text() == "Only the owner can manage staff"
    assert not view.add_box.isEnabled()
    choose(view, CASHIER)
    assert not view.role_button.isEnabled() and not view.pin_button.isEnabled()
    assert not view.active_button.isEnabled()


def test_a_new_shop_sets_up_its_owner_here(qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs) -> None:
    view = open_view(qtbot, ui_shop, dialogs, NOBODY)
    assert view.model.rowCount() == 0
    assert view.note.text() == "No staff yet. Set up the owner first: the owner adds everyone else."
    assert view.add_box.title() == "Set up the owner" and view.add_button.text() == "Create the owner"
    assert view.add_role.currentText() == "Owner" and not view.add_role.isEnabled()
    assert view.chosen_label.text() == "Choose a person in the list."
    fill_new_person(qtbot, view, OWNER, "Owner", OWNER_PIN, OWNER_PIN)
    view.add_button.click()
    assert rows(view) == [[OWNER, "Owner", "Can sign in", ""]]
    assert view.add_box.title() == "Add a person" and view.add_role.isEnabled()
    assert cheap_staff(ui_shop).sign_in(OWNER, OWNER_PIN).role == Role.OWNER
