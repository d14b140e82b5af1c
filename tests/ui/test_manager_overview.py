"""The manager's overview: figures that lead to their screens, certificates to renew, outbox, balances."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from posapp.services.purchasing import PurchasingService
from posapp.services.supply_dto import OrderLineInput
from posapp.shop import Shop
from posapp.ui.manager_overview import ORDERS, PRODUCTS, ManagerOverview
from posapp.ui.supply_models_qt import Tone
from tests.ui.conftest import FakeDialogs
from tests.ui.supply_helpers import MANAGER, change_product, column_texts, manager_context


def test_the_figures_and_lists_say_what_needs_doing(
    qtbot: QtBot, qtmodeltester: ModelTester, styled: None, ui_shop: Shop, dialogs: FakeDialogs
) -> None:
    today = ui_shop.clock.local_day(ui_shop.clock.now())
    change_product(ui_shop, "mat ong", ocop_expires=today - timedelta(days=3), ocop_certificate="88/QĐ-UBND")
    change_product(ui_shop, "tra tim sen", ocop_expires=today + timedelta(days=45))
    tea = ui_shop.catalog.search("tra tim sen")[0]
    purchasing = PurchasingService(ui_shop.sessions, ui_shop.clock)
    purchasing.create_order(tea.cooperative_id, [OrderLineInput(tea.id, 5_000)], actor=MANAGER)
    view = ManagerOverview(manager_context(ui_shop, dialogs))
    qtbot.addWidget(view)
    view.show()
    for model in (view.alerts, view.outbox, view.balances):
        qtmodeltester.check(model, force_py=True)

    assert view.tiles["low"].figure.text() == "5"  # nothing in stock yet
    assert view.tiles["low"].property("tone") == Tone.WARNING.value
    assert view.tiles["expired"].figure.text() == "1" and view.tiles["expired"].property("tone") == "danger"
    assert view.tiles["expiring"].figure.text() == "1"
    assert view.tiles["drafts"].figure.text() == "1"
    assert view.tiles["outbox"].figure.text() == "0" and view.tiles["outbox"].property("tone") == ""
    assert view.tiles["owed"].figure.text() == "0 ₫"
    assert column_texts(view.alerts, 0) == ["Mật ong hoa cà phê Đắk Lắk chai 500ml", "Trà tim sen Tháp Mười hộp 100g"]
    assert column_texts(view.alerts, 3) == ["expired 3 days ago", "45 days left"]
    tip = view.alerts.data(view.alerts.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert isinstance(tip, str) and tip.endswith("88/QĐ-UBND")

    opened: list[str] = []
    view.open_screen.connect(opened.append)
    qtbot.mouseClick(view.tiles["expired"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.tiles["drafts"], Qt.MouseButton.LeftButton)
    assert opened == [PRODUCTS, ORDERS]
