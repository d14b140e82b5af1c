"""The products screen and the product editor: search, certificate flags, create, edit, deactivate, labels."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from posapp.domain import barcodes as bc
from posapp.domain.ocop import OcopGroup, SupplyKind
from posapp.domain.vat import TaxCategory
from posapp.services.purchasing import PurchasingService
from posapp.shop import Shop
from posapp.ui import style
from posapp.ui.label_dialog import LabelDialog
from posapp.ui.product_editor import ProductEditor
from posapp.ui.products_view import Column, ProductsView, certificate_text
from tests.ui.conftest import HONEY, TEA, FakeDialogs
from tests.ui.supply_helpers import change_product, column_texts, find_row, manager_context

NEW_CODE = bc.with_check_digit("893655500001")
SECOND_CODE = bc.with_check_digit("893655500002")


def open_view(qtbot: QtBot, shop: Shop, dialogs: FakeDialogs) -> ProductsView:
    view = ProductsView(manager_context(shop, dialogs))
    qtbot.addWidget(view)
    view.show()
    return view


def today(shop: Shop) -> date:
    return shop.clock.local_day(shop.clock.now())


def editor_of(dialogs: FakeDialogs) -> ProductEditor:
    editor = dialogs.presented[-1]
    assert isinstance(editor, ProductEditor) and dialogs.modal[-1]
    return editor


def test_the_list_searches_without_accents_by_barcode_and_by_cooperative(
    qtbot: QtBot, qtmodeltester: ModelTester, styled: None, ui_shop: Shop, dialogs: FakeDialogs
) -> None:
    view = open_view(qtbot, ui_shop, dialogs)
    qtmodeltester.check(view.model, force_py=True)
    assert view.model.rowCount() == 5 and view.summary.text() == "5 products"
    for typed, expected in (
        ("tom kho", ["Tôm khô Cà Mau loại 1 (cân ký)"]),
        (HONEY[:9], ["Mật ong hoa cà phê Đắk Lắk chai 500ml"]),
        ("ham ninh", ["Nước mắm Phú Quốc 40 độ đạm chai 500ml"]),
    ):
        view.search.setText(typed)
        view.refresh()
        assert column_texts(view.model, Column.NAME) == expected, typed
    view.search.clear()
    view.refresh()
    row = find_row(view.model, Column.NAME, "Tôm khô")
    assert view.model.text(row, Column.PRICE) == "1.250.000 ₫"
    assert view.model.text(row, Column.ON_HAND) == "0,000 kg"
    assert view.model.text(row, Column.STARS) == "★★★★☆"


def test_certificates_are_flagged_red_when_expired_and_amber_within_60_days(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs
) -> None:
    day = today(ui_shop)
    change_product(ui_shop, "mat ong", ocop_expires=day - timedelta(days=1), ocop_certificate="12/QĐ-UBND")
    change_product(ui_shop, "tra tim sen", ocop_expires=day + timedelta(days=30))
    change_product(ui_shop, "keo dua", ocop_expires=day + timedelta(days=200))
    view = open_view(qtbot, ui_shop, dialogs)

    def cell(words: str, role: Qt.ItemDataRole) -> object:
        return view.model.data(view.model.index(find_row(view.model, Column.NAME, words), Column.CERTIFICATE), role)

    assert cell("Mật ong", Qt.ItemDataRole.DisplayRole) == f"⚠ Expired {day - timedelta(days=1):%d/%m/%Y}"
    assert cell("Mật ong", Qt.ItemDataRole.ForegroundRole) == QColor(style.DANGER)
    assert cell("Mật ong", Qt.ItemDataRole.BackgroundRole) == QColor(style.DANGER_SOFT)
    assert cell("Mật ong", Qt.ItemDataRole.ToolTipRole) == "12/QĐ-UBND"
    assert cell("Trà tim sen", Qt.ItemDataRole.DisplayRole) == f"⚠ {day + timedelta(days=30):%d/%m/%Y} · 30 days left"
    assert cell("Trà tim sen", Qt.ItemDataRole.ForegroundRole) == QColor(style.WARNING)
    assert cell("Kẹo dừa", Qt.ItemDataRole.DisplayRole) == f"{day + timedelta(days=200):%d/%m/%Y}"
    assert cell("Kẹo dừa", Qt.ItemDataRole.ForegroundRole) is None
    assert cell("Nước mắm", Qt.ItemDataRole.DisplayRole) == ""
    assert view.summary.text() == "5 products · 1 certificate expired · 1 expires within 60 days"
    assert certificate_text(day + timedelta(days=60), day).startswith("⚠")
    assert not certificate_text(day + timedelta(days=61), day).startswith("⚠")


def test_a_new_product_is_made_through_the_editor(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs
) -> None:
    view = open_view(qtbot, ui_shop, dialogs)
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    editor = editor_of(dialogs)
    editor.name.setText("Chè Shan tuyết Suối Giàng hộp 100g")
    editor.name_en.setText("Suoi Giang Shan tuyet tea box 100g")
    editor.cooperative.setCurrentIndex(editor.cooperative.findText("HTX Sen Tháp Mười"))
    editor.unit.setText("hộp")
    for code in (NEW_CODE, SECOND_CODE):
        qtbot.keyClicks(editor.new_barcode, code)
        qtbot.keyClick(editor.new_barcode, Qt.Key.Key_Return)
    editor.group.setCurrentIndex(editor.group.findData(OcopGroup.BEVERAGE))
    editor.stars.setCurrentIndex(editor.stars.findData(5))
    editor.certificate.setText("2051/QĐ-UBND")
    editor.expires.set_value(date(2027, 3, 31))
    editor.province.setText("Yên Bái")
    editor.story.setPlainText("Chè cổ thụ trên 300 năm tuổi.")
    qtbot.keyClicks(editor.price, "320.000")
    qtbot.keyClicks(editor.cost, "210000")
    editor.tax.setCurrentIndex(editor.tax.findData(TaxCategory.ESSENTIAL))
    editor.supply.setCurrentIndex(editor.supply.findData(SupplyKind.CONSIGNMENT))
    assert editor.payout.isEnabled()
    qtbot.keyClicks(editor.payout, "250.000")
    editor.reorder_point.setText("6")
    editor.pack_size.setText("12")
    editor.lead_time.setValue(9)
    with qtbot.waitSignal(editor.saved):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    made = ui_shop.catalog.product_by_barcode(NEW_CODE)
    assert (made.name, made.name_en, made.cooperative, made.unit) == (
        "Chè Shan tuyết Suối Giàng hộp 100g",
        "Suoi Giang Shan tuyet tea box 100g",
        "HTX Sen Tháp Mười",
        "hộp",
    )
    assert made.barcodes == (NEW_CODE, SECOND_CODE)
    assert (made.ocop_group, made.ocop_stars, made.ocop_certificate, made.ocop_expires) == (
        "beverage",
        5,
        "2051/QĐ-UBND",
        date(2027, 3, 31),
    )
    assert (made.origin_province, made.story, made.price, made.cost) == (
        "Yên Bái",
        "Chè cổ thụ trên 300 năm tuổi.",
        320_000,
        210_000,
    )
    assert (made.tax_category, made.supply_kind, made.payout) == ("essential", "consignment", 250_000)
    assert (made.reorder_point_milli, made.pack_size_milli, made.lead_time_days) == (6_000, 12_000, 9)
    assert view.banner.text == "Saved “Chè Shan tuyết Suối Giàng hộp 100g”."
    assert view.selected()[0].id == made.id


def test_editing_keeps_what_was_not_touched_and_refuses_bad_input_in_place(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs
) -> None:
    view = open_view(qtbot, ui_shop, dialogs)
    view.table.selectRow(find_row(view.model, Column.NAME, "Tôm khô"))
    view.edit_selected()
    editor = editor_of(dialogs)
    assert editor.weighed.isChecked() and editor.plu.value() == 101 and editor.price.text() == "1.250.000"
    editor.price.setText("12,5")
    editor.save()
    assert editor.banner.text == "“12,5” is not an amount in dong." and editor.isVisible()
    editor.price.setText("1.300.000")
    editor.weighed.setChecked(False)  # a PLU only belongs to weighed goods: it is cleared
    editor.weighed.setChecked(True)
    editor.save()
    assert editor.banner.text == "A product sold by weight needs a PLU for the scale." and editor.isVisible()
    editor.plu.setValue(101)
    editor.reorder_point.setText("2,5")
    editor.save()
    assert not editor.isVisible()
    shrimp = ui_shop.catalog.search("tom kho")[0]
    assert (shrimp.price, shrimp.plu, shrimp.weighed, shrimp.reorder_point_milli) == (1_300_000, 101, True, 2_500)
    assert shrimp.ocop_stars == 4 and shrimp.cooperative == "HTX Tôm khô Rạch Gốc"


def test_a_saved_barcode_stays_and_a_scale_label_is_no_barcode(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs
) -> None:
    view = open_view(qtbot, ui_shop, dialogs)
    view.table.selectRow(find_row(view.model, Column.NAME, "Mật ong"))
    view.edit_selected()
    editor = editor_of(dialogs)
    editor.barcode_list.setCurrentRow(0)
    editor.remove_barcode()
    assert editor.barcodes() == (HONEY,) and "saved barcode stays" in editor.banner.text
    editor.new_barcode.setText(bc.weighed_code(101, 350))
    editor.add_barcode()
    assert "scale labels" in editor.banner.text and editor.barcodes() == (HONEY,)


def test_deactivating_asks_and_hides_the_product_until_shown(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs
) -> None:
    view = open_view(qtbot, ui_shop, dialogs)
    view.table.selectRow(find_row(view.model, Column.NAME, "Kẹo dừa"))
    qtbot.mouseClick(view.active_button, Qt.MouseButton.LeftButton)
    assert "Stop selling “Kẹo dừa" in dialogs.asked[-1]
    assert view.banner.text == "“Kẹo dừa Bến Tre vị sữa gói 400g” is no longer sold."
    assert "Kẹo dừa Bến Tre vị sữa gói 400g" not in column_texts(view.model, Column.NAME)
    view.inactive.setChecked(True)
    row = find_row(view.model, Column.NAME, "Kẹo dừa")
    assert view.model.text(row, Column.STATUS) == "Not sold"
    view.table.selectRow(row)
    assert view.active_button.text() == "Sell again"
    view.toggle_active()
    assert ui_shop.catalog.search("keo dua")[0].active


def test_print_labels_opens_the_label_dialog_with_the_chosen_products(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs
) -> None:
    view = open_view(qtbot, ui_shop, dialogs)
    assert not view.labels_button.isEnabled()
    view.table.selectRow(find_row(view.model, Column.NAME, "Mật ong"))
    view.table.selectionModel().select(
        view.model.index(find_row(view.model, Column.NAME, "Trà tim sen"), 0),
        view.table.selectionModel().SelectionFlag.Select | view.table.selectionModel().SelectionFlag.Rows,
    )
    assert not view.edit_button.isEnabled() and view.labels_button.isEnabled()
    qtbot.mouseClick(view.labels_button, Qt.MouseButton.LeftButton)
    dialog = dialogs.presented[-1]
    assert isinstance(dialog, LabelDialog)
    chosen = {view.model.row(r).id for r in range(view.model.rowCount())
              if view.model.row(r).name.startswith(("Mật ong", "Trà tim sen"))}
    assert {product_id for product_id, _count in dialog.queue_model.items()} == chosen


def test_safety_stock_and_the_story_link_are_set_in_the_editor(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs
) -> None:
    view = open_view(qtbot, ui_shop, dialogs)
    view.table.selectRow(find_row(view.model, Column.NAME, "Tôm khô"))
    view.edit_selected()
    editor = editor_of(dialogs)
    assert editor.safety_stock.text() == "0,000"  # weighed: kg with three decimals, like the reorder point
    assert "safety stock" in editor.unit_hint.text()
    editor.safety_stock.setText("1,5")
    editor.story_url.setText("ocop.vn/tom-kho-rach-goc")
    editor.save()
    assert editor.banner.text == "A story link is a web address starting with https://." and editor.isVisible()
    editor.story_url.setText("https://ocop.vn/tom-kho-rach-goc")
    editor.save()
    assert not editor.isVisible()
    shrimp = ui_shop.catalog.search("tom kho")[0]
    assert (shrimp.safety_stock_milli, shrimp.story_url) == (1_500, "https://ocop.vn/tom-kho-rach-goc")

    view.edit_selected()
    again = editor_of(dialogs)
    assert again is not editor
    assert (again.safety_stock.text(), again.story_url.text()) == ("1,500", "https://ocop.vn/tom-kho-rach-goc")
    again.reject()

    # Pieces are whole; the safety stock then counts in the reorder suggestion.
    view.table.selectRow(find_row(view.model, Column.NAME, "Trà tim sen"))
    view.edit_selected()
    tea_editor = editor_of(dialogs)
    tea_editor.safety_stock.setText("2,5")
    tea_editor.save()
    assert tea_editor.banner.text == "This item is sold by the piece: the quantity must be a whole number."
    tea_editor.safety_stock.setText("5")
    tea_editor.save()
    assert not tea_editor.isVisible()
    suggested = PurchasingService(ui_shop.sessions, ui_shop.clock).reorder_suggestions()
    (tea,) = [line for group in suggested for line in group.lines if line.barcode == TEA]
    assert (tea.safety_stock_milli, tea.suggested_milli) == (5_000, 5_000)
