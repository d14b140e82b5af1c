"""The cooperatives screen: find without accents, add, edit and deactivate a cooperative."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from posapp.shop import Shop
from posapp.ui.cooperatives_view import CooperativesView
from tests.ui.conftest import FakeDialogs
from tests.ui.supply_helpers import column_texts, find_row, manager_context


def open_view(qtbot: QtBot, shop: Shop, dialogs: FakeDialogs) -> CooperativesView:
    view = CooperativesView(manager_context(shop, dialogs))
    qtbot.addWidget(view)
    view.show()
    return view


def test_the_list_passes_the_model_tester_and_finds_without_accents(
    qtbot: QtBot, qtmodeltester: ModelTester, styled: None, ui_shop: Shop, dialogs: FakeDialogs
) -> None:
    view = open_view(qtbot, ui_shop, dialogs)
    qtmodeltester.check(view.model, force_py=True)
    assert view.model.rowCount() == 5
    qtbot.keyClicks(view.search, "thap muoi")
    assert column_texts(view.model, 0) == ["HTX Sen Tháp Mười"]
    assert view.count.text() == "1 of 5 cooperatives"
    view.search.clear()
    assert view.model.rowCount() == 5


def test_a_new_cooperative_is_saved_with_every_field(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs
) -> None:
    view = open_view(qtbot, ui_shop, dialogs)
    view.new()
    entries = {
        "name": "HTX Chè Shan tuyết Suối Giàng",
        "province": "Yên Bái",
        "commune": "Suối Giàng",
        "contact": "Giàng A Páo",
        "phone": "0912345678",
        "email": "htx.suoigiang@example.vn",
        "tax_code": "5200123456",
    }
    for name, text in entries.items():
        if text.isascii():
            qtbot.keyClicks(view.fields[name], text)
        else:  # QTest types ASCII keys only; Vietnamese arrives through the input method as text
            view.fields[name].setText(text)
    view.lead_time.setValue(10)
    view.terms.setPlainText("Mua đứt, thanh toán 30 ngày")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert view.banner.text == "Saved “HTX Chè Shan tuyết Suối Giàng”."
    saved = next(c for c in ui_shop.catalog.cooperatives() if c.name.startswith("HTX Chè"))
    assert (saved.province, saved.commune, saved.contact, saved.phone) == (
        "Yên Bái",
        "Suối Giàng",
        "Giàng A Páo",
        "0912345678",
    )
    assert (saved.email, saved.tax_code, saved.lead_time_days, saved.supply_terms, saved.active) == (
        "htx.suoigiang@example.vn",
        "5200123456",
        10,
        "Mua đứt, thanh toán 30 ngày",
        True,
    )
    row = find_row(view.model, 0, "Shan tuyết")
    assert view.model.text(row, 3) == "10 days"
    assert view.table.currentIndex().row() == row  # the saved one stays selected for more edits


def test_editing_keeps_the_cooperative_and_a_clash_of_names_is_refused(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs
) -> None:
    view = open_view(qtbot, ui_shop, dialogs)
    view.table.selectRow(find_row(view.model, 0, "Sen Tháp Mười"))
    assert view.fields["name"].text() == "HTX Sen Tháp Mười"
    view.fields["phone"].setText("0277 3 123 456")
    view.lead_time.setValue(4)
    view.save()
    sen = next(c for c in ui_shop.catalog.cooperatives() if c.name == "HTX Sen Tháp Mười")
    assert (sen.phone, sen.lead_time_days) == ("0277 3 123 456", 4)
    view.fields["name"].setText("htx tôm khô rạch gốc")
    view.save()
    assert view.banner.text == "A cooperative named “htx tôm khô rạch gốc” already exists."
    assert [c.name for c in ui_shop.catalog.cooperatives()].count("HTX Sen Tháp Mười") == 1
    view.new()
    view.save()
    assert view.banner.text == "A cooperative needs a name."


def test_deactivating_asks_first_and_can_be_undone(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs
) -> None:
    view = open_view(qtbot, ui_shop, dialogs)
    view.table.selectRow(find_row(view.model, 0, "Kẹo dừa"))
    dialogs.confirm_answer = False
    view.toggle_active()
    assert all(c.active for c in ui_shop.catalog.cooperatives())
    dialogs.confirm_answer = True
    qtbot.mouseClick(view.active_button, Qt.MouseButton.LeftButton)
    assert "Deactivate “Cơ sở Kẹo dừa Mỏ Cày”?" in dialogs.asked[-1]
    candy = next(c for c in ui_shop.catalog.cooperatives() if "Kẹo dừa" in c.name)
    assert not candy.active
    row = find_row(view.model, 0, "Kẹo dừa")
    assert view.model.text(row, 4) == "Inactive" and view.active_button.text() == "Reactivate"
    view.toggle_active()
    assert all(c.active for c in ui_shop.catalog.cooperatives())
