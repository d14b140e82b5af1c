"""Printing labels from the product list: find products, set counts, pick the sheet, save a PDF that scans."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from posapp.documents.labels import SHEETS
from posapp.domain.staff import COMMAND_LINE
from posapp.services.labels import SavedLabels
from posapp.shop import Shop
from posapp.ui.context import ViewContext
from posapp.ui.label_dialog import LabelDialog
from posapp.ui.label_model import LabelQueueModel
from tests.helpers.label_raster import cell_image, decode, rasterise
from tests.ui.conftest import CANDY, HONEY, TEA, FakeDialogs


class SavePaths:
    """Stands in for the save dialog: answers with a path (or cancels) and remembers the suggestion."""

    def __init__(self, answer: Path | None) -> None:
        self.answer = answer
        self.suggested: list[Path] = []

    def __call__(self, suggested: Path) -> Path | None:
        self.suggested.append(suggested)
        return self.answer


def product_id(shop: Shop, code: str) -> int:
    return shop.catalog.product_by_barcode(code).id


def open_dialog(
    qtbot: QtBot, shop: Shop, dialogs: FakeDialogs, paths: SavePaths, product_ids: tuple[int, ...] = ()
) -> LabelDialog:
    dialog = LabelDialog(ViewContext(shop, dialogs, lambda: COMMAND_LINE), product_ids, choose_path=paths)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def queued(model: LabelQueueModel) -> list[tuple[str, str]]:
    return [
        (model.index(row, LabelQueueModel.PRODUCT).data(), model.index(row, LabelQueueModel.COUNT).data())
        for row in range(model.rowCount())
    ]


def test_products_from_the_list_are_queued_and_more_are_found_by_name(
    qtbot: QtBot, qtmodeltester: ModelTester, styled: None, ui_shop: Shop, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, ui_shop, dialogs, SavePaths(None), (product_id(ui_shop, TEA),))
    qtmodeltester.check(dialog.queue_model, force_py=True)
    assert queued(dialog.queue_model) == [("Trà tim sen Tháp Mười hộp 100g", "1")]
    qtbot.keyClicks(dialog.search_field, "keo dua")  # no accents needed; Enter adds the top result
    qtbot.keyClick(dialog.search_field, Qt.Key.Key_Return)
    dialog.search_field.clear()
    qtbot.keyClicks(dialog.search_field, TEA[-6:])  # barcode digits; the same product again: one more label
    qtbot.keyClick(dialog.search_field, Qt.Key.Key_Return)
    assert queued(dialog.queue_model) == [
        ("Trà tim sen Tháp Mười hộp 100g", "2"),
        ("Kẹo dừa Bến Tre vị sữa gói 400g", "1"),
    ]
    qtmodeltester.check(dialog.queue_model, force_py=True)
    assert dialog.status.text() == "Labels: 3 · pages: 1"


def test_counts_are_edited_in_the_list_within_reason(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs
) -> None:
    dialog = open_dialog(qtbot, ui_shop, dialogs, SavePaths(None), (product_id(ui_shop, HONEY),))
    cell = dialog.queue_model.index(0, LabelQueueModel.COUNT)
    assert dialog.queue_model.setData(cell, "30")
    assert not dialog.queue_model.setData(cell, "0")
    assert not dialog.queue_model.setData(cell, "ba")
    assert not dialog.queue_model.setData(dialog.queue_model.index(0, LabelQueueModel.PRODUCT), "5")
    assert queued(dialog.queue_model) == [("Mật ong hoa cà phê Đắk Lắk chai 500ml", "30")]
    dialog.sheet_choice.setCurrentIndex(list(SHEETS).index("a4-4x10"))
    dialog.skip_field.setValue(20)
    assert dialog.status.text() == "Labels: 30 · pages: 2"
    dialog.sheet_choice.setCurrentIndex(list(SHEETS).index("roll-50x30"))
    assert not dialog.skip_field.isEnabled()
    assert dialog.status.text() == "Labels: 30 · pages: 30"
    dialog.queue.selectRow(0)
    dialog.remove_button.click()
    assert dialog.queue_model.rowCount() == 0
    assert not dialog.save_button.isEnabled()


def test_saving_writes_a_sheet_that_scans_and_says_where(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    target = tmp_path / "nhãn kệ.pdf"
    paths = SavePaths(target)
    ids = (product_id(ui_shop, HONEY), product_id(ui_shop, CANDY))
    dialog = open_dialog(qtbot, ui_shop, dialogs, paths, ids)
    dialog.queue_model.setData(dialog.queue_model.index(1, LabelQueueModel.COUNT), 2)
    dialog.sheet_choice.setCurrentIndex(list(SHEETS).index("a4-3x8"))
    dialog.skip_field.setValue(1)
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        dialog.save_button.click()
    result = saved.args[0]
    assert isinstance(result, SavedLabels)
    assert (result.path, result.labels, result.pages) == (target, 3, 1)
    assert paths.suggested[0].name.startswith("labels-a4-3x8-")
    assert dialog.banner.text == f"Labels saved (3) to {target}"
    page = rasterise(target.read_bytes(), 300)[0]
    found = [decode(cell_image(page, SHEETS["a4-3x8"], slot, 300)) for slot in range(5)]
    assert found == [[], [("EAN13", HONEY)], [("EAN13", CANDY)], [("EAN13", CANDY)], []]
    assert dialog.save_button.isEnabled()


def test_cancelling_the_save_dialog_writes_nothing(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    paths = SavePaths(None)
    dialog = open_dialog(qtbot, ui_shop, dialogs, paths, (product_id(ui_shop, TEA),))
    dialog.save_button.click()
    assert len(paths.suggested) == 1
    assert dialog.banner.text == ""
    assert not list(tmp_path.glob("**/*.pdf"))


def test_a_product_no_longer_sold_is_reported_not_printed(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    tea = product_id(ui_shop, TEA)
    dialog = open_dialog(qtbot, ui_shop, dialogs, SavePaths(tmp_path / "x.pdf"), (tea,))
    ui_shop.catalog.set_product_active(tea, False, actor=COMMAND_LINE)  # meanwhile, at another screen
    saved: list[object] = []
    dialog.saved.connect(saved.append)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: bool(dialog.banner.text), timeout=10_000)
    assert saved == []
    assert dialog.banner.text == "“Trà tim sen Tháp Mười hộp 100g” is no longer sold: no labels are printed for it."
    assert not (tmp_path / "x.pdf").exists()
