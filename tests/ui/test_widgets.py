"""The till's smaller pieces on their own: question dialogs, the QR view, the banner, buttons, totals."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from pytestqt.qtbot import QtBot

from posapp.domain import vietqr
from posapp.domain.cart import Cart
from posapp.settings import BankAccount
from posapp.ui.dialogs import DiscountDialog, DiscountRequest, ParkedChoice, ParkedDialog, ParkedOption
from posapp.ui.qr_view import QUIET_ZONE, QrView, qr_image, qr_matrix
from posapp.ui.totals_panel import TotalsPanel, item_count
from posapp.ui.transfer_panel import bank_label, transfer_purpose
from posapp.ui.widgets import ActionButton, Banner
from tests.ui.test_models import item


def test_the_discount_dialog_reads_back_what_was_chosen(qtbot: QtBot, styled: None) -> None:
    dialog = DiscountDialog("Trà sen")
    qtbot.addWidget(dialog)
    assert dialog.request() == DiscountRequest(whole_sale=False, percent=True, value="")
    dialog.sale_choice.setChecked(True)
    dialog.amount_choice.setChecked(True)
    dialog.value.setText("20.000")
    assert dialog.request() == DiscountRequest(whole_sale=True, percent=False, value="20.000")


def test_without_a_line_only_the_whole_sale_can_be_discounted(qtbot: QtBot) -> None:
    dialog = DiscountDialog(None)
    qtbot.addWidget(dialog)
    assert not dialog.line_choice.isEnabled() and dialog.request().whole_sale


def test_the_parked_dialog_resumes_or_discards_the_chosen_sale(qtbot: QtBot) -> None:
    options = [ParkedOption(4, "No. 4 · 09:10"), ParkedOption(9, "No. 9 · 09:30")]
    dialog = ParkedDialog(options)
    qtbot.addWidget(dialog)
    assert dialog.choice() == ParkedChoice(4)
    dialog.list.setCurrentRow(1)
    assert dialog.choice() == ParkedChoice(9)
    qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
    assert dialog.choice() == ParkedChoice(9, discard=True)
    assert dialog.result() == ParkedDialog.DialogCode.Accepted


def test_the_qr_image_draws_every_module_of_the_payload() -> None:
    payload = vietqr.payload("970436", "0011004237596", 185_000, "Shop 0926")
    matrix = qr_matrix(payload)
    image = qr_image(payload, 300)
    module = image.width() // (len(matrix) + 2 * QUIET_ZONE)
    assert module >= 4 and image.width() == image.height() <= 300
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            pixel = image.pixelColor(
                (x + QUIET_ZONE) * module + module // 2, (y + QUIET_ZONE) * module + module // 2
            )
            assert pixel == (QColor("black") if dark else QColor("white"))
    assert image.pixelColor(1, 1) == QColor("white")  # the quiet zone


def test_the_qr_view_shows_and_clears(qtbot: QtBot) -> None:
    view = QrView(240)
    qtbot.addWidget(view)
    view.show_payload(vietqr.payload("970436", "0011004237596", 5_000))
    assert not view.pixmap().isNull() and view.pixmap().width() <= 240
    view.show_payload("")
    assert view.pixmap().isNull()


def test_transfer_details() -> None:
    assert bank_label(BankAccount(bin="970436")) == "Vietcombank (BIN 970436)"
    assert bank_label(BankAccount(bin="970999")) == "Bank BIN 970999"
    when = datetime(2025, 11, 23, 9, 26, tzinfo=UTC)
    assert transfer_purpose("Cửa hàng OCOP Hội An", when) == "Cua hang OCOP Hoi An 0926"
    long = transfer_purpose("Cửa hàng đặc sản OCOP tỉnh Quảng Nam", when)
    assert len(long) <= vietqr.PURPOSE_MAX and long.endswith(" 0926")


def test_the_banner_runs_its_action_once_and_hides(qtbot: QtBot) -> None:
    banner = Banner()
    qtbot.addWidget(banner)
    runs: list[int] = []
    banner.show_message(
        "No product has barcode 8936999999991.", action="Search", callback=lambda: runs.append(1)
    )
    assert banner.text.startswith("No product") and not banner.action_button.isHidden()
    qtbot.mouseClick(banner.action_button, Qt.MouseButton.LeftButton)
    assert runs == [1] and banner.text == ""
    banner.show_message("Saved.", tone="info")
    assert banner.action_button.isHidden() and banner.property("tone") == "info"
    qtbot.mouseClick(banner.close_button, Qt.MouseButton.LeftButton)
    assert banner.text == ""


def test_an_action_button_shows_its_key_and_follows_its_action(qtbot: QtBot) -> None:
    action = QAction("Search")
    action.setShortcut(QKeySequence("F2"))
    triggered: list[bool] = []
    action.triggered.connect(lambda: triggered.append(True))
    button = ActionButton(action)
    qtbot.addWidget(button)
    assert button._hint.text() == "F2" and button.focusPolicy() == Qt.FocusPolicy.NoFocus
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert triggered == [True]
    action.setEnabled(False)
    assert not button.isEnabled()


def test_the_totals_panel_reads_like_a_receipt(qtbot: QtBot, styled: None) -> None:
    panel = TotalsPanel()
    qtbot.addWidget(panel)
    panel.resize(380, 500)
    cart = Cart()
    cart.add(item(1, 95_000), 3_000)
    cart.add(item(2, 1_250_000, weighed=True), 350)
    cart.set_line_discount(0, 15_000)
    cart.set_discount(1_000)
    panel.show_cart(cart, date(2025, 11, 23))
    assert item_count(cart) == 4 and panel.items.text() == "4"
    assert panel.subtotal.text() == "722.500 ₫"
    assert panel.discount.text() == "−85.750 ₫"  # 15.000 on the line + 10% of 707.500
    assert panel.total.text() == "636.750 ₫"
    assert panel.vat.text() == "VAT 8% included: 47.167 ₫ (on 636.750 ₫)"


def test_a_huge_total_is_made_smaller_rather_than_cut_off(qtbot: QtBot, styled: None) -> None:
    panel = TotalsPanel()
    qtbot.addWidget(panel)
    panel.resize(380, 500)
    panel.show()
    cart = Cart()
    cart.add(item(1, 99_999_999), 99_000)
    panel.show_cart(cart, date(2025, 11, 23))
    metrics = panel.total.fontMetrics()
    assert metrics.horizontalAdvance(panel.total.text()) <= panel.total.width()
