"""The day's close: the figures a manager checks the drawer and the books against (tests/helpers/report_history)."""

from __future__ import annotations

from datetime import date

import pytest

from posapp.db.models import Sale
from posapp.domain.staff import COMMAND_LINE
from posapp.services.reports import ReportService
from posapp.shop import Shop
from tests.helpers.report_history import FIRST, HA_GIANG, LAST, PHU_CAM, SOC_TRANG, TAN_CUONG, History, build_history


@pytest.fixture
def history(shop: Shop) -> History:
    return build_history(shop)


@pytest.fixture
def reports(shop: Shop, history: History) -> ReportService:
    return ReportService(shop.sessions, shop.clock)


def test_the_first_of_june_closes_with_hand_worked_figures(reports: ReportService) -> None:
    day = reports.daily_summary(FIRST, actor=COMMAND_LINE)
    assert (day.sales_total, day.receipts, day.refunds_total, day.refund_receipts) == (576_500, 2, -150_000, 1)
    assert (day.revenue, day.average_basket) == (426_500, 288_250)
    assert (day.line_discounts, day.sale_discounts, day.discounts) == (8_000, 40_500, 48_500)
    # honey 70.000, the refunded honey −50.000, rice 14.500, hat 12.000, tea 52.498
    assert (day.gross_margin, day.units_milli) == (98_998, 4_350)
    assert [(p.method, p.label, p.amount, p.receipts) for p in day.payments] == [
        ("card", "Card", 364_500, 1),
        ("transfer", "Bank transfer", 100_000, 1),
        ("cash", "Cash", -38_000, 1),  # 150.000 − 38.000 change − 150.000 refunded
    ]
    assert sum(p.amount for p in day.payments) == day.revenue
    assert [(c.label, c.revenue) for c in day.top_cooperatives] == [
        (TAN_CUONG, 140_000),
        (HA_GIANG, 120_000),
        (SOC_TRANG, 94_500),
        (PHU_CAM, 72_000),
    ]


def test_vat_per_rate_is_what_the_days_receipts_print(reports: ReportService, history: History) -> None:
    day = reports.daily_summary(FIRST, actor=COMMAND_LINE)
    # S3's hat and tea are one 8 % group of 212.000 on the receipt: VAT 15.704 (per line it would be 15.703).
    assert [(g.rate, g.gross, g.net, g.vat) for g in day.vat] == [
        (8, 332_000, 307_407, 24_593),  # 20.000 + 15.704 − 11.111
        (5, 94_500, 90_000, 4_500),
    ]
    printed: dict[int, int] = {}
    for key in ("S2", "S3", "R2"):
        for group in history.receipts[key].vat:
            printed[group.rate] = printed.get(group.rate, 0) + group.vat
    assert {g.rate: g.vat for g in day.vat} == printed


def test_a_refunded_sale_discount_comes_back_on_the_refund_day(reports: ReportService) -> None:
    day = reports.daily_summary(LAST, actor=COMMAND_LINE)
    assert (day.sales_total, day.refunds_total, day.revenue) == (150_000, -47_250, 102_750)
    assert (day.sale_discounts, day.line_discounts) == (-5_250, 0)
    assert [(p.method, p.amount) for p in day.payments] == [("cash", 150_000), ("card", -47_250)]
    assert [(g.rate, g.vat) for g in day.vat] == [(8, 11_111), (5, -2_250)]


def test_sales_outside_any_shift_when_the_shop_keeps_shifts(reports: ReportService) -> None:
    day = reports.daily_summary(FIRST, actor=COMMAND_LINE)
    if "shift_id" not in Sale.__table__.c:
        assert (day.outside_shift_receipts, day.outside_shift_total) == (None, None)
    else:  # the history rings everything up with no shift open
        assert (day.outside_shift_receipts, day.outside_shift_total) == (3, 426_500)


def test_a_quiet_day(reports: ReportService) -> None:
    day = reports.daily_summary(date(2026, 1, 1), actor=COMMAND_LINE)
    assert (day.revenue, day.receipts, day.average_basket, day.payments, day.vat) == (0, 0, 0, (), ())
