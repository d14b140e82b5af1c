"""Sales reports on a small dated history whose every figure is worked out by hand (tests/helpers/report_history)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from posapp.db.models import Sale
from posapp.domain.errors import InvalidInput, PermissionRequired
from posapp.domain.staff import COMMAND_LINE, Actor, Permission, Role
from posapp.services.report_dto import Grouping, SalesReport
from posapp.services.reports import ReportService
from posapp.shop import Shop
from tests.helpers.report_history import (
    FIRST,
    HA_GIANG,
    HUNG,
    LAN,
    LAST,
    PHU_CAM,
    SOC_TRANG,
    TAN_CUONG,
    History,
    build_history,
)

REVENUE = 529_250  # 364.500 + 212.000 + 150.000 − 150.000 − 47.250
MARGIN = 141_748  # honey 70.000, rice 7.250, hat 12.000, tea 52.498


@pytest.fixture
def history(shop: Shop) -> History:
    return build_history(shop)


@pytest.fixture
def reports(shop: Shop, history: History) -> ReportService:
    return ReportService(shop.sessions, shop.clock)


def figures(report: SalesReport) -> list[tuple[object, ...]]:
    return [(r.label, r.revenue, r.units_milli, r.receipts, r.gross_margin, r.previous_revenue) for r in report.rows]


def test_by_cooperative_refunds_count_against_the_original_on_the_refund_day(reports: ReportService) -> None:
    report = reports.sales(Grouping.COOPERATIVE, FIRST, LAST, actor=COMMAND_LINE)
    assert figures(report) == [
        # honey: 270.000 (S2 after its share of the discount) + 150.000 (S4) − 150.000 (S1 refunded on 1 June)
        (HA_GIANG, 270_000, 2000, 2, 70_000, 150_000),
        (TAN_CUONG, 140_000, 350, 1, 52_498, 0),  # 350 g at cost 250.005/kg = 87.501,75 → 87.502
        (PHU_CAM, 72_000, 1000, 1, 12_000, 0),  # consignment: cost is the 60.000 payout
        (SOC_TRANG, 47_250, 1000, 1, 7_250, 0),  # 94.500 − 47.250 refunded on 2 June
    ]
    assert [r.detail for r in report.rows] == ["Hà Giang", "Thái Nguyên", "Thừa Thiên Huế", "Sóc Trăng"]
    total = report.total
    assert (total.revenue, total.units_milli, total.receipts, total.gross_margin) == (REVENUE, 4350, 3, MARGIN)
    assert (total.previous_revenue, total.change) == (150_000, REVENUE - 150_000)
    assert report.rows[0].share == pytest.approx(270_000 / REVENUE)
    assert sum(r.share for r in report.rows) == pytest.approx(1.0)
    assert report.rows[0].change_ratio == pytest.approx(120_000 / 150_000)
    assert report.rows[1].change_ratio is None
    assert report.rows[1].units == Decimal("0.35")
    assert (report.period.first, report.previous.first, report.previous.last) == (
        FIRST,
        date(2026, 5, 30),
        date(2026, 5, 31),
    )


def test_the_total_is_the_sum_of_the_receipts_in_range_to_the_dong(shop: Shop, reports: ReportService) -> None:
    start, end = shop.clock.day_start(FIRST), shop.clock.day_start(date(2026, 6, 3))
    with shop.sessions() as session:
        in_range = session.scalar(select(func.sum(Sale.total)).where(Sale.at >= start, Sale.at < end))
    assert in_range == REVENUE
    for by in Grouping:
        report = reports.sales(by, FIRST, LAST, actor=COMMAND_LINE)
        assert report.total.revenue == sum(r.revenue for r in report.rows) == REVENUE, by
        assert report.total.previous_revenue == 150_000, by


def test_a_sale_at_2330_belongs_to_that_day_and_one_at_0030_to_the_next(reports: ReportService) -> None:
    may_31 = reports.sales(Grouping.DAY, date(2026, 5, 31), date(2026, 5, 31), actor=COMMAND_LINE)
    assert [(r.key, r.revenue, r.receipts) for r in may_31.rows] == [("2026-05-31", 150_000, 1)]
    june = reports.sales(Grouping.DAY, FIRST, LAST, actor=COMMAND_LINE)
    # 1 June: S2 + S3 − R2; 2 June: S4 − R1. The previous period's 31 May lines up with 2 June.
    assert [(r.key, r.label, r.revenue, r.receipts, r.previous_revenue) for r in june.rows] == [
        ("2026-06-01", "01/06/2026", 426_500, 2, 0),
        ("2026-06-02", "02/06/2026", 102_750, 1, 150_000),
    ]


def test_by_hour_and_weekday_in_shop_time(reports: ReportService) -> None:
    hours = reports.sales(Grouping.HOUR, FIRST, LAST, actor=COMMAND_LINE)
    assert [(r.key, r.label, r.revenue, r.receipts) for r in hours.rows] == [
        (0, "00:00", 364_500, 1),
        (10, "10:00", 212_000, 1),
        (11, "11:00", -150_000, 0),
        (15, "15:00", 150_000, 1),
        (16, "16:00", -47_250, 0),
    ]
    assert sum(r.gross_margin or 0 for r in hours.rows) == MARGIN
    weekdays = reports.sales(Grouping.WEEKDAY, FIRST, LAST, actor=COMMAND_LINE)
    assert [(r.key, r.label, r.revenue, r.receipts) for r in weekdays.rows] == [
        (0, "Monday", 426_500, 2),
        (1, "Tuesday", 102_750, 1),
    ]


def test_by_payment_method_net_of_change_with_refunds_negative(reports: ReportService) -> None:
    report = reports.sales(Grouping.PAYMENT, FIRST, LAST, actor=COMMAND_LINE)
    assert [(r.key, r.label, r.revenue, r.receipts, r.previous_revenue) for r in report.rows] == [
        ("card", "Card", 317_250, 1, 0),  # 364.500 − 47.250 refunded
        ("cash", "Cash", 112_000, 2, 150_000),  # 150.000 − 38.000 change + 150.000 − 150.000 refunded
        ("transfer", "Bank transfer", 100_000, 1, 0),
    ]
    assert (report.total.units_milli, report.total.gross_margin, report.rows[0].gross_margin) == (None, None, None)


def test_by_cashier_group_stars_and_province(reports: ReportService) -> None:
    def keyed(by: Grouping) -> list[tuple[object, str, int]]:
        return [(r.key, r.label, r.revenue) for r in reports.sales(by, FIRST, LAST, actor=COMMAND_LINE).rows]

    assert keyed(Grouping.CASHIER) == [(LAN, LAN, 364_500), (HUNG, HUNG, 164_750)]
    assert keyed(Grouping.GROUP) == [("food", "Food", 317_250), ("beverage", "Beverage", 140_000), (
        "handicraft",
        "Handicraft",
        72_000,
    )]
    assert keyed(Grouping.STARS) == [(4, "★★★★", 270_000), (0, "Not rated", 140_000), (3, "★★★", 72_000), (
        5,
        "★★★★★",
        47_250,
    )]
    assert [key for key, _label, _revenue in keyed(Grouping.PROVINCE)] == [
        "Hà Giang",
        "Thái Nguyên",
        "Thừa Thiên Huế",
        "Sóc Trăng",
    ]


def test_drill_down_from_a_cooperative_to_its_products_and_to_receipts(
    reports: ReportService, history: History
) -> None:
    coop = reports.sales(Grouping.COOPERATIVE, FIRST, LAST, actor=COMMAND_LINE).rows[0]
    products = reports.cooperative_products(int(coop.key), FIRST, LAST, actor=COMMAND_LINE)
    assert products.cooperative_id == coop.key
    assert [(r.key, r.label, r.detail, r.revenue, r.receipts) for r in products.rows] == [
        (history.honey.id, "Mật ong bạc hà", HA_GIANG, 270_000, 2)  # the jam sold in April only
    ]
    assert (products.total.revenue, products.total.receipts, products.total.previous_revenue) == (270_000, 2, 150_000)
    assert products.rows[0].share == 1.0
    receipts = reports.product_receipts(history.honey.id, FIRST, LAST, actor=COMMAND_LINE)
    r = history.receipts
    assert [(p.receipt_no, p.kind, p.units_milli, p.revenue, p.cashier) for p in receipts] == [
        (r["S4"].receipt_no, "sale", 1000, 150_000, LAN),
        (r["R2"].receipt_no, "refund", -1000, -150_000, LAN),
        (r["S2"].receipt_no, "sale", 2000, 270_000, LAN),
    ]
    assert receipts[-1].at == datetime(2026, 5, 31, 17, 30, tzinfo=UTC)


def test_top_and_bottom_sellers(reports: ReportService, history: History) -> None:
    top = reports.top_sellers(FIRST, LAST, actor=COMMAND_LINE, limit=2)
    assert [(r.key, r.revenue) for r in top] == [(history.honey.id, 270_000), (history.tea.id, 140_000)]
    assert top[0].share == pytest.approx(270_000 / REVENUE)
    bottom = reports.bottom_sellers(FIRST, LAST, actor=COMMAND_LINE, limit=2)
    assert [(r.label, r.revenue) for r in bottom] == [("Gạo ST25", 47_250), ("Nón lá bài thơ", 72_000)]


def test_slow_movers_are_in_stock_and_unsold_for_n_days(reports: ReportService, history: History) -> None:
    slow = reports.slow_movers(30, actor=COMMAND_LINE, as_of=LAST)
    # chilli never sold; jam last sold 1 April; the lantern has no stock; everything else sold lately.
    assert [(m.name, m.last_sold, m.days_unsold, m.on_hand_milli) for m in slow] == [
        ("Tương ớt Mường Khương", None, None, 20_000),
        ("Mứt mận Bắc Hà", date(2026, 4, 1), 62, 19_000),
    ]
    assert slow[0].stock_value == 20 * 20_000
    assert slow[0].barcode == history.chilli.barcode
    # The 62 days up to 2 June start on 2 April: the jam is still slow; 63 days reach back to its sale.
    assert len(reports.slow_movers(62, actor=COMMAND_LINE, as_of=LAST)) == 2
    assert [m.name for m in reports.slow_movers(63, actor=COMMAND_LINE, as_of=LAST)] == ["Tương ớt Mường Khương"]


def test_a_refund_alone_does_not_make_a_product_sell(reports: ReportService, history: History) -> None:
    # 2 June alone: honey sold (S4); rice only came back (R1), so it has not sold that day.
    slow = {m.product_id: m for m in reports.slow_movers(1, actor=COMMAND_LINE, as_of=LAST)}
    assert history.honey.id not in slow
    assert (slow[history.rice.id].last_sold, slow[history.rice.id].days_unsold) == (FIRST, 1)


def test_previous_period_change_per_key(reports: ReportService) -> None:
    june_1 = reports.sales(Grouping.COOPERATIVE, FIRST, FIRST, actor=COMMAND_LINE)
    honey = next(r for r in june_1.rows if r.label == HA_GIANG)
    # 1 June: 270.000 − 150.000 refunded; 31 May: 150.000.
    assert (honey.revenue, honey.previous_revenue, honey.change) == (120_000, 150_000, -30_000)
    assert honey.change_ratio == pytest.approx(-0.2)


def test_an_empty_period_reports_nothing(reports: ReportService) -> None:
    report = reports.sales(Grouping.PRODUCT, date(2025, 1, 1), date(2025, 1, 31), actor=COMMAND_LINE)
    assert len(report.rows) == 0
    assert (report.total.revenue, report.total.receipts, report.total.gross_margin) == (0, 0, 0)


def test_a_cashier_may_not_see_reports_and_bad_ranges_are_refused(reports: ReportService) -> None:
    cashier = Actor(user_id=7, name="Lan", role=Role.CASHIER)
    with pytest.raises(PermissionRequired) as refused:
        reports.sales(Grouping.COOPERATIVE, FIRST, LAST, actor=cashier)
    assert refused.value.permission == Permission.REPORTS
    with pytest.raises(PermissionRequired):
        reports.daily_summary(FIRST, actor=cashier)
    manager = Actor(user_id=8, name="Mai", role=Role.MANAGER)
    assert reports.sales("cooperative", FIRST, LAST, actor=manager).total.revenue == REVENUE
    with pytest.raises(InvalidInput):
        reports.sales(Grouping.PRODUCT, LAST, FIRST, actor=COMMAND_LINE)
    with pytest.raises(InvalidInput):
        reports.sales("colour", FIRST, LAST, actor=COMMAND_LINE)
    with pytest.raises(InvalidInput):
        reports.slow_movers(0, actor=COMMAND_LINE)


def test_a_period_holding_most_lines_is_read_in_product_order_with_the_same_figures(
    shop: Shop, reports: ReportService
) -> None:
    from posapp.domain.periods import Period
    from posapp.services import report_queries as q
    from posapp.services.reports import holds_most_lines

    with shop.sessions() as session:
        first, last = session.execute(select(func.min(q.L.at), func.max(q.L.at))).one()
        whole = reports.bounds(Period(shop.clock.local_day(first), shop.clock.local_day(last)))
        one_day = reports.bounds(Period(FIRST, FIRST))
        # Asked on SQLite only: PostgreSQL picks its own plan for a long period.
        assert holds_most_lines(session, whole) is (shop.engine.dialect.name == "sqlite")
        assert not holds_most_lines(session, one_day)
        for bounds in (whole, one_day):
            by_time = session.execute(q.line_report(q.L.product_id, bounds)).all()
            by_key = session.execute(q.line_report(q.L.product_id, bounds, in_key_order=True)).all()
            assert sorted(by_key) == sorted(by_time) and by_time
    compiled = str(q.line_report(q.L.product_id, whole, in_key_order=True).compile(shop.engine))
    unary_plus = shop.engine.dialect.name == "sqlite"
    assert ("+sale_lines.at" in compiled) is unary_plus
