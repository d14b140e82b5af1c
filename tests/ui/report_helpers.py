"""A small month of sales for the report screens, the screens themselves, and a report service that can be held."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from posapp.domain.cart import Cart
from posapp.domain.staff import COMMAND_LINE, Actor
from posapp.domain.tender import PaymentMethod, Tender
from posapp.services.dto import Receipt
from posapp.services.report_dto import SalesReport
from posapp.services.reports import ReportService
from posapp.shop import Shop
from posapp.ui.context import ViewContext
from posapp.ui.reports_view import ReportsView
from tests.ui.conftest import CANDY, HONEY, SAUCE, TEA, FakeDialogs

NOVEMBER = (date(2025, 11, 1), date(2025, 11, 30))
OCTOBER = (date(2025, 10, 1), date(2025, 10, 31))
EA_TU, SEN, KEO_DUA = "HTX Cà phê Ea Tu", "HTX Sen Tháp Mười", "Cơ sở Kẹo dừa Mỏ Cày"


def sell(
    shop: Shop,
    at: datetime | None,
    *items: tuple[str, int],
    method: PaymentMethod = PaymentMethod.CASH,
    cashier: str = "Lan",
) -> Receipt:
    """One sale of (barcode, pieces); `at` in the shop's time, None for now."""
    cart = Cart()
    for code, pieces in items:
        cart.add(shop.catalog.lookup(code).item, pieces * 1000)
    return shop.checkout.complete_sale(
        cart, [Tender(method, cart.total)], "Q1", at=at, cashier=cashier, actor=COMMAND_LINE
    )


def local(shop: Shop, day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=shop.clock.timezone)


def sell_november(shop: Shop) -> list[Receipt]:
    """November 2025: Ea Tu 540.000 ₫ (October 180.000), Sen 95.000 (new), Kẹo dừa 135.000 (October 180.000).

    The previous period of November is 2 to 31 October. The fish sauce is in stock and never sold.
    """
    shop.inventory.receive(SAUCE, 10_000)
    sell(shop, local(shop, date(2025, 10, 15), 10), (HONEY, 1))
    sell(shop, local(shop, date(2025, 10, 16), 11), (CANDY, 4))
    return [
        sell(shop, local(shop, date(2025, 11, 3), 10), (HONEY, 2), (TEA, 1)),
        sell(shop, local(shop, date(2025, 11, 5), 15), (CANDY, 3), method=PaymentMethod.CARD),
        sell(shop, local(shop, date(2025, 11, 5), 16), (HONEY, 1), cashier="Minh"),
    ]


class HeldReports(ReportService):
    """The real service, except that reports whose period `holds` stop until `release` is set."""

    def __init__(self, shop: Shop, holds: Callable[[date, date], bool] = lambda first, last: True) -> None:
        super().__init__(shop.sessions, shop.clock)
        self.release = threading.Event()
        self.holding = threading.Event()  # set once a report is being held
        self._holds = holds

    def sales(self, by: Any, first: date, last: date, **kwargs: Any) -> SalesReport:
        if self._holds(first, last):
            self.holding.set()
            if not self.release.wait(20):
                raise TimeoutError("the test never released the report")
        return super().sales(by, first, last, **kwargs)


def open_reports(
    qtbot: QtBot,
    shop: Shop,
    *,
    actor: Actor = COMMAND_LINE,
    reports: ReportService | None = None,
    save_path: Callable[[str, str], Path | None] | None = None,
) -> ReportsView:
    view = ReportsView(ViewContext(shop, FakeDialogs(), lambda: actor), reports=reports, save_path=save_path)
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.show()
    return view


def show_period(qtbot: QtBot, view: ReportsView, first: date, last: date) -> None:
    view.filters.set_custom(first, last)
    view.refresh()
    qtbot.waitUntil(lambda: not view.is_busy)


def column_texts(model: Any, column: int) -> list[str]:
    return [model.text(row, column) for row in range(model.rowCount())]
