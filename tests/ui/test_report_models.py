"""Report tables as Qt models: columns a manager reads, sorting that keeps the totals row last."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from posapp.domain.vat import VatGroup
from posapp.services.report_dto import (
    Grouping,
    PaymentTotal,
    Period,
    ProductReceipt,
    ReportRow,
    ReportTotal,
    SalesReport,
    SlowMover,
)
from posapp.ui.report_models import (
    DOWN_COLOUR,
    UP_COLOUR,
    SalesModel,
    change_text,
    cooperatives_model,
    payments_model,
    receipts_model,
    sellers_model,
    slow_movers_model,
    vat_model,
)
from posapp.ui.rows_model import SORT_ROLE


def row(key: int | str, label: str, revenue: int, previous: int, detail: str = "") -> ReportRow:
    return ReportRow(
        key=key,
        label=label,
        detail=detail,
        revenue=revenue,
        units_milli=revenue // 10,
        receipts=revenue // 100_000,
        gross_margin=revenue // 4,
        share=revenue / 1_000_000,
        previous_revenue=previous,
    )


ROWS = (
    row(1, "HTX Cà phê Ea Tu", 500_000, 400_000, "Đắk Lắk"),
    row(2, "HTX Sen Tháp Mười", 300_000, 0, "Đồng Tháp"),
    row(3, "Cơ sở Kẹo dừa Mỏ Cày", 200_000, 250_000, "Bến Tre"),
)
TOTAL = ReportTotal(1_000_000, 100_000, 10, 250_000, 650_000, 350_000, 350_000 / 650_000)


def report(by: Grouping = Grouping.COOPERATIVE) -> SalesReport:
    period = Period(date(2025, 11, 1), date(2025, 11, 30))
    return SalesReport(by, period, period.previous(), ROWS, TOTAL)


def texts(model: Any, column: int) -> list[str]:
    return [model.text(r, column) for r in range(model.rowCount())]


def test_the_sales_table_reads_like_the_report(qtmodeltester: ModelTester) -> None:
    model = SalesModel()
    model.set_report(report())
    qtmodeltester.check(model, force_py=True)
    assert model.column_headers() == [
        "Cooperative", "Province", "Revenue", "Units", "Receipts", "Gross margin", "Share", "vs previous",
    ]
    assert texts(model, 0) == ["HTX Cà phê Ea Tu", "HTX Sen Tháp Mười", "Cơ sở Kẹo dừa Mỏ Cày", "Total"]
    assert texts(model, 2) == ["500.000 ₫", "300.000 ₫", "200.000 ₫", "1.000.000 ₫"]
    assert texts(model, 6)[0] == "50,0 %" and texts(model, 6)[-1] == "100,0 %"
    assert texts(model, 7) == ["▲ 25,0 %", "new", "▼ 20,0 %", "▲ 53,8 %"]
    assert model.data(model.index(0, 7), Qt.ItemDataRole.ForegroundRole) == UP_COLOUR
    assert model.data(model.index(2, 7), Qt.ItemDataRole.ForegroundRole) == DOWN_COLOUR
    assert model.data(model.index(3, 0), Qt.ItemDataRole.FontRole).bold()
    assert model.is_totals(3) and model.item(3) is None and model.item(0) == ROWS[0]
    assert "400.000 ₫" in model.data(model.index(0, 7), Qt.ItemDataRole.ToolTipRole)


def test_sorting_keeps_the_totals_row_at_the_bottom(qtmodeltester: ModelTester) -> None:
    model = SalesModel()
    model.set_report(report())
    qtmodeltester.check(model, force_py=True)
    model.sort(2, Qt.SortOrder.AscendingOrder)
    assert texts(model, 0) == ["Cơ sở Kẹo dừa Mỏ Cày", "HTX Sen Tháp Mười", "HTX Cà phê Ea Tu", "Total"]
    model.sort(7, Qt.SortOrder.DescendingOrder)  # a first sale ranks above any rise
    assert texts(model, 0)[:3] == ["HTX Sen Tháp Mười", "HTX Cà phê Ea Tu", "Cơ sở Kẹo dừa Mỏ Cày"]
    model.sort(0, Qt.SortOrder.AscendingOrder)  # by name without diacritics: “Cơ” before “HTX”
    assert texts(model, 0) == ["Cơ sở Kẹo dừa Mỏ Cày", "HTX Cà phê Ea Tu", "HTX Sen Tháp Mười", "Total"]
    assert model.data(model.index(0, 2), SORT_ROLE) == 200_000


def test_other_groupings_have_no_detail_column_and_payments_no_units(qtmodeltester: ModelTester) -> None:
    model = SalesModel()
    model.set_report(report(Grouping.HOUR))
    qtmodeltester.check(model, force_py=True)
    assert model.column_headers()[:2] == ["Hour of day", "Revenue"]
    payment = ReportRow("cash", "Cash", "", 700_000, None, 7, None, 1.0, 0)
    period = Period(date(2025, 11, 1), date(2025, 11, 1))
    total = ReportTotal(700_000, None, 7, None, 0, 700_000, None)
    model.set_report(SalesReport(Grouping.PAYMENT, period, period.previous(), (payment,), total))
    qtmodeltester.check(model, force_py=True)
    assert texts(model, 2) == ["—", "—"] and texts(model, 4) == ["—", "—"]


def test_no_change_and_nothing_either_time() -> None:
    assert change_text(row(1, "x", 100_000, 100_000)) == "= 0,0 %"
    assert change_text(row(1, "x", 0, 0)) == "—"


def test_sellers_slow_movers_and_receipts(qtmodeltester: ModelTester) -> None:
    sellers = sellers_model()
    sellers.set_rows(ROWS)
    qtmodeltester.check(sellers)
    assert sellers.column_headers() == ["Product", "Cooperative", "Revenue", "Units"]

    slow = slow_movers_model()
    slow.set_rows(
        [
            SlowMover(7, "8936210401214", "Mật ong chai 500ml", "HTX Cà phê Ea Tu", "chai", False, 12_000, 1_440_000,
                      date(2025, 10, 1), 50),
            SlowMover(8, "", "Tôm khô Cà Mau", "HTX Tôm khô Rạch Gốc", "kg", True, 2_500, 2_500_000, None, None),
        ]
    )
    qtmodeltester.check(slow)
    assert texts(slow, 2) == ["12 chai", "2,500 kg"]
    assert texts(slow, 3) == ["1.440.000 ₫", "2.500.000 ₫"]
    assert texts(slow, 4) == ["01/10/2025", "never"]
    slow.sort(5, Qt.SortOrder.DescendingOrder)
    assert texts(slow, 0) == ["Tôm khô Cà Mau", "Mật ong chai 500ml"]  # never sold is the slowest

    receipts = receipts_model(lambda at: at.astimezone(UTC) + timedelta(hours=7))
    receipts.set_rows(
        [
            ProductReceipt("Q1-000012", "refund", datetime(2025, 11, 20, 3, 5, tzinfo=UTC), "Lan", -1_000, -180_000),
            ProductReceipt("Q1-000009", "sale", datetime(2025, 11, 19, 17, 30, tzinfo=UTC), "Minh", 2_000, 360_000),
        ]
    )
    qtmodeltester.check(receipts)
    assert texts(receipts, 1) == ["20/11/2025 10:05", "20/11/2025 00:30"]
    assert texts(receipts, 2) == ["Refund", "Sale"]
    assert texts(receipts, 5) == ["-180.000 ₫", "360.000 ₫"]


def test_daily_summary_tables(qtmodeltester: ModelTester) -> None:
    payments = payments_model()
    payments.set_rows([PaymentTotal("cash", "Cash", 1_250_000, 9), PaymentTotal("card", "Card", 400_000, 2)])
    qtmodeltester.check(payments)
    assert texts(payments, 2) == ["1.250.000 ₫", "400.000 ₫"]
    vat = vat_model()
    vat.set_rows([VatGroup(rate=8, gross=1_080_000, net=1_000_000, vat=80_000)])
    qtmodeltester.check(vat)
    assert [vat.text(0, column) for column in range(4)] == ["8 %", "1.080.000 ₫", "1.000.000 ₫", "80.000 ₫"]
    cooperatives = cooperatives_model()
    cooperatives.set_rows(ROWS[:2])
    qtmodeltester.check(cooperatives)
    assert texts(cooperatives, 2) == ["50,0 %", "30,0 %"]
