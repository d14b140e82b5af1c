"""The consignment screen: a cooperative's statement for a period, a payment recorded, goods given back, PDF and
CSV."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from posapp.domain.cart import Cart
from posapp.domain.ocop import SupplyKind
from posapp.domain.tender import PaymentMethod, Tender
from posapp.services.consignment import ConsignmentService
from posapp.shop import Shop
from posapp.ui.consignment_view import GIVE_BACK_COLUMN, ConsignmentView, ReturnGoodsDialog
from tests.ui.conftest import CANDY, FakeDialogs
from tests.ui.staff_helpers import MANAGER as MANAGER_NAME
from tests.ui.staff_helpers import MANAGER_PIN, add_staff, audit, context_for
from tests.ui.supply_helpers import MANAGER, SavePaths, change_product, column_texts, manager_context, type_into_cell

OPENING, RECEIVED, SOLD, RETURNED, CLOSING, PAYOUT, OWED = 1, 2, 3, 4, 6, 7, 8


def consign_candy(shop: Shop) -> None:
    """Candy on consignment at 30.000 ₫ a bag: 10 brought in, 3 sold."""
    change_product(shop, "keo dua", supply_kind=SupplyKind.CONSIGNMENT, payout=30_000)
    shop.inventory.receive(CANDY, 10_000)
    cart = Cart()
    for _bag in range(3):
        shop.checkout.scan(cart, CANDY)
    shop.checkout.complete_sale(cart, [Tender(PaymentMethod.CASH, cart.total)], "Q1", actor=MANAGER)


def open_view(qtbot: QtBot, shop: Shop, dialogs: FakeDialogs, tmp_path: Path) -> tuple[ConsignmentView, SavePaths]:
    view = ConsignmentView(manager_context(shop, dialogs))
    files = SavePaths(tmp_path)
    view.save_path = files
    qtbot.addWidget(view)
    view.show()
    return view, files


def test_the_statement_shows_stock_and_money_and_a_payment_is_recorded(
    qtbot: QtBot, qtmodeltester: ModelTester, styled: None, ui_shop: Shop, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    consign_candy(ui_shop)
    view, _files = open_view(qtbot, ui_shop, dialogs, tmp_path)
    qtmodeltester.check(view.model, force_py=True)
    qtmodeltester.check(view.payments, force_py=True)
    assert view.cooperative.count() == 1
    assert view.cooperative.currentText() == "Cơ sở Kẹo dừa Mỏ Cày · 90.000 ₫"
    assert column_texts(view.model, 0) == ["Kẹo dừa Bến Tre vị sữa gói 400g"]
    assert [view.model.text(0, c) for c in (OPENING, RECEIVED, SOLD, CLOSING, PAYOUT, OWED)] == [
        "0 gói",
        "10 gói",
        "3 gói",
        "7 gói",
        "30.000 ₫",
        "90.000 ₫",
    ]
    assert view.figures["owed"].text() == "90.000 ₫" and view.figures["balance"].text() == "90.000 ₫"

    view.amount.setText("50,5")
    view.record_payment()
    assert view.banner.text == "“50,5” is not an amount in dong."
    view.amount.setText("50.000")
    view.note.setText("CK Vietcombank")
    qtbot.mouseClick(view.pay_button, Qt.MouseButton.LeftButton)
    assert dialogs.asked[-1] == "Record 50.000 ₫ paid to Cơ sở Kẹo dừa Mỏ Cày?"
    assert view.banner.text == "Recorded 50.000 ₫ paid to Cơ sở Kẹo dừa Mỏ Cày."
    assert view.figures["paid"].text() == "50.000 ₫" and view.figures["balance"].text() == "40.000 ₫"
    assert column_texts(view.payments, 1) == ["50.000 ₫"] and column_texts(view.payments, 2) == ["CK Vietcombank"]
    assert view.cooperative.currentText() == "Cơ sở Kẹo dừa Mỏ Cày · 40.000 ₫"
    service = ConsignmentService(ui_shop.sessions, ui_shop.clock)
    assert [b.balance for b in service.balances()] == [40_000]

    view.amount.setText("0")
    view.record_payment()
    assert view.banner.text == "Type the amount paid to the cooperative."


def test_last_month_is_empty_and_the_statement_exports(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    consign_candy(ui_shop)
    view, files = open_view(qtbot, ui_shop, dialogs, tmp_path)
    view.save_csv()
    (offered,) = files.offered
    assert "Kẹo dừa" in (tmp_path / offered).read_text(encoding="utf-8-sig")
    view.save_pdf()
    qtbot.waitUntil(lambda: not view.busy, timeout=15_000)
    assert (tmp_path / files.offered[-1]).read_bytes().startswith(b"%PDF")
    view.last_month()
    assert view.figures["owed"].text() == "0 ₫"
    assert view.model.text(0, SOLD) == "0 gói"  # still listed: the cooperative's consignment product


def test_without_consignment_the_screen_says_so(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    view, _files = open_view(qtbot, ui_shop, dialogs, tmp_path)
    assert view.period.text() == "No cooperative sells on consignment here yet."
    assert not view.pay_button.isEnabled()


def give_back_dialog(qtbot: QtBot, view: ConsignmentView, dialogs: FakeDialogs) -> ReturnGoodsDialog:
    qtbot.mouseClick(view.return_button, Qt.MouseButton.LeftButton)
    dialog = dialogs.presented[-1]
    assert isinstance(dialog, ReturnGoodsDialog) and dialogs.modal[-1]
    qtbot.addWidget(dialog)
    return dialog


def test_unsold_goods_go_back_to_the_cooperative_and_the_statement_shows_them(
    qtbot: QtBot, qtmodeltester: ModelTester, styled: None, ui_shop: Shop, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    consign_candy(ui_shop)
    view, _files = open_view(qtbot, ui_shop, dialogs, tmp_path)
    assert view.model.text(0, RETURNED) == "0 gói"
    dialog = give_back_dialog(qtbot, view, dialogs)
    qtmodeltester.check(dialog.model, force_py=True)
    assert column_texts(dialog.model, 0) == ["Kẹo dừa Bến Tre vị sữa gói 400g"]
    assert column_texts(dialog.model, 1) == ["7 gói"]

    dialog.save()
    assert dialog.banner.text == "Type how much of each product goes back to the cooperative."
    assert not type_into_cell(dialog.table, 0, GIVE_BACK_COLUMN, "8")
    assert dialog.banner.text == "Only 7 gói of “Kẹo dừa Bến Tre vị sữa gói 400g” are in stock to return."
    assert type_into_cell(dialog.table, 0, GIVE_BACK_COLUMN, "5")
    dialog.save()
    assert dialog.banner.text == "Say why the goods go back to the cooperative."
    dialog.reason.setText("Hết đợt trưng bày Tết")
    dialogs.confirm_answer = False
    dialog.save()
    assert dialog.isVisible() and ui_shop.inventory.level(CANDY).on_hand_milli == 7_000

    dialogs.confirm_answer = True
    with qtbot.waitSignal(dialog.returned):
        qtbot.mouseClick(dialog.return_button, Qt.MouseButton.LeftButton)
    assert dialogs.asked[-1] == (
        "Give back to Cơ sở Kẹo dừa Mỏ Cày: 5 gói Kẹo dừa Bến Tre vị sữa gói 400g? They leave the shop's stock."
    )
    assert not dialog.isVisible()
    assert ui_shop.inventory.level(CANDY).on_hand_milli == 2_000
    assert view.banner.text == "Given back to Cơ sở Kẹo dừa Mỏ Cày: Kẹo dừa Bến Tre vị sữa gói 400g."
    assert [view.model.text(0, c) for c in (RECEIVED, SOLD, RETURNED, CLOSING, OWED)] == [
        "10 gói",
        "3 gói",
        "5 gói",
        "2 gói",
        "90.000 ₫",  # what was given back is not owed for
    ]
    (entry,) = audit(ui_shop, "stock_adjust")
    assert entry.detail["reason"] == "Hết đợt trưng bày Tết"


def test_a_cashier_gives_goods_back_with_a_managers_pin(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    consign_candy(ui_shop)
    staff = add_staff(ui_shop)
    view = ConsignmentView(context_for(ui_shop, dialogs, staff.cashier))
    qtbot.addWidget(view)
    view.show()
    dialog = give_back_dialog(qtbot, view, dialogs)
    assert type_into_cell(dialog.table, 0, GIVE_BACK_COLUMN, "7")
    dialog.reason.setText("hàng lỗi bao bì")
    dialog.save()  # nobody approves: nothing leaves the stock
    assert dialog.banner.text == "Not done: no manager approved it." and dialog.isVisible()
    assert ui_shop.inventory.level(CANDY).on_hand_milli == 7_000
    dialogs.approval_answer = (MANAGER_NAME, MANAGER_PIN)
    dialog.save()
    assert not dialog.isVisible() and ui_shop.inventory.level(CANDY).on_hand_milli == 0
    (entry,) = audit(ui_shop, "stock_adjust")
    assert (entry.actor, entry.detail["approved_by"]) == ("Minh", "Chị Lan")
    assert view.model.text(0, CLOSING) == "0 gói"
    empty = ReturnGoodsDialog(view.context, view.service, dialog.cooperative_id, "Cơ sở Kẹo dừa Mỏ Cày")
    qtbot.addWidget(empty)
    assert empty.banner.text == "Nothing of Cơ sở Kẹo dừa Mỏ Cày is in stock to give back."
    assert not empty.return_button.isEnabled()
