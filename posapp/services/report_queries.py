"""The reports' SQL: one aggregate statement per report, SQLAlchemy Core, on SQLite and PostgreSQL alike.

Every statement filters `at` by a UTC range (the shop's local days converted once), so it reads the covering
index `ix_sale_lines_report` (or `ix_sales_report`) in order and touches no table row. The previous period is
part of the same statement (a LEFT JOIN per key, or a UNION ALL branch for time buckets and payments), so a
report and its comparison come back together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    CompoundSelect,
    FromClause,
    Integer,
    Select,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    literal_column,
    null,
    select,
    union_all,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from posapp.db.models import Base
from posapp.domain.money import QTY_SCALE

LINES = Base.metadata.tables["sale_lines"]
SALES = Base.metadata.tables["sales"]
PAYMENTS = Base.metadata.tables["payments"]
PRODUCTS = Base.metadata.tables["products"]
COOPERATIVES = Base.metadata.tables["cooperatives"]
BARCODES = Base.metadata.tables["barcodes"]
L, S = LINES.c, SALES.c
ZERO: ColumnElement[int] = literal_column("0", Integer)
ONE: ColumnElement[int] = literal_column("1", Integer)


@dataclass(frozen=True)
class Bounds:
    """UTC instants: the previous period is [before, start), the reported one [start, end)."""

    before: datetime
    start: datetime
    end: datetime


def in_range(column: Any, low: datetime, high: datetime) -> ColumnElement[bool]:
    return and_(column >= low, column < high)


class unindexed(FunctionElement[Any]):  # lower case: it reads as a SQL function in a query
    """`column`, compared without steering SQLite to an index on it (SQLite's unary plus; plain elsewhere).

    A period that holds most of the shop's lines is best read in the order of the grouping key from an
    index that starts with the key (no sort of a million lines); a time range on the column would
    otherwise make SQLite take the time-ordered index and sort.
    """

    name = "unindexed"
    inherit_cache = True

    def __init__(self, column: ColumnElement[Any]) -> None:
        super().__init__(column)
        self.type = column.type


@compiles(unindexed)
def _plain(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(unindexed, "sqlite")
def _unary_plus(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return "+" + compiler.process(element.clauses, **kw)


def line_cost() -> ColumnElement[Any]:
    """What a line cost the shop in dong: its unit cost, or for goods on consignment the payout owed to the
    cooperative, times the quantity, rounded half away from zero per line like every amount on a receipt
    (so costs add up the same whatever the grouping; refund lines come out negative)."""
    unit = case((L.supply_kind == "consignment", func.coalesce(L.payout, 0)), else_=L.unit_cost)
    half = case((L.qty_milli < 0, -QTY_SCALE), else_=QTY_SCALE)
    # (2n ± 1000) / 2000 with the division truncating toward zero (both databases) = round half away from 0.
    return (L.qty_milli * unit * 2 + half) // (2 * QTY_SCALE)


def total(value: ColumnElement[Any]) -> ColumnElement[int]:
    """SUM as a bigint: PostgreSQL sums bigints as numeric, which Python would get as Decimal."""
    return cast(func.sum(value), BigInteger)


def is_sale_line() -> ColumnElement[bool]:
    return L.refund_of_line_id.is_(None)


def hour_bucket(dialect: str, minutes: bool) -> ColumnElement[Any]:
    """The UTC hour (or minute, for zones a fraction of an hour off UTC) a line was rung up in.

    Grouping by this and turning each bucket into the shop's local hour, weekday or day in Python is exact
    in any time zone (summer time included) and costs a few thousand conversions for a year.
    SQLite stores `at` as text `YYYY-MM-DD HH:MM:SS.ffffff`, so the bucket is a prefix of it.
    """
    if dialect == "sqlite":
        return func.substr(L.at, 1, 16 if minutes else 13, type_=String)
    return func.date_trunc("minute" if minutes else "hour", L.at)


def line_report(
    key: ColumnElement[Any],
    bounds: Bounds,
    source: FromClause = LINES,
    where: tuple[ColumnElement[bool], ...] = (),
    in_key_order: bool = False,
) -> Select[Any]:
    """Revenue, units, receipts and cost per `key` in the period, beside the key's revenue in the period
    before (LEFT JOIN: keys that sold only before are left out). Columns: k, revenue, units, receipts,
    margin (revenue less cost), previous. `in_key_order`: the period holds most of the lines, so read
    them in key order (see `unindexed`)."""
    current = _line_figures(key, bounds.start, bounds.end, source, where, in_key_order).subquery("current_period")
    before = (
        select(key.label("k"), total(L.total).label("revenue"))
        .select_from(source)
        .where(in_range(L.at, bounds.before, bounds.start), *where)
        .group_by(key)
        .subquery("previous_period")
    )
    c = current.c
    return select(
        c.k,
        c.revenue,
        c.units,
        c.receipts,
        (c.revenue - c.cost).label("margin"),
        func.coalesce(before.c.revenue, 0).label("previous"),
    ).select_from(current.outerjoin(before, before.c.k == c.k))


def bucket_report(
    bucket: ColumnElement[Any], bounds: Bounds, where: tuple[ColumnElement[bool], ...] = ()
) -> CompoundSelect[Any]:
    """Per time bucket, the period's figures and (in buckets of their own) the previous period's revenue:
    columns k, revenue, units, receipts, cost, previous."""
    current = _line_figures(bucket, bounds.start, bounds.end, LINES, where).add_columns(ZERO.label("previous"))
    before = (
        select(bucket.label("k"), ZERO, ZERO, ZERO, ZERO, total(L.total))
        .where(in_range(L.at, bounds.before, bounds.start), *where)
        .group_by(bucket)
    )
    return union_all(current, before)


def _line_figures(
    key: ColumnElement[Any],
    low: datetime,
    high: datetime,
    source: FromClause,
    where: tuple[ColumnElement[bool], ...],
    in_key_order: bool = False,
) -> Select[Any]:
    at = unindexed(L.at) if in_key_order else L.at
    return (
        select(
            key.label("k"),
            total(L.total).label("revenue"),
            total(L.qty_milli).label("units"),
            func.count(func.distinct(case((is_sale_line(), L.sale_id)))).label("receipts"),
            total(line_cost()).label("cost"),
        )
        .select_from(source)
        .where(in_range(at, low, high), *where)
        .group_by(key)
    )


def best_first(report: Select[Any], limit: int = 0) -> Select[Any]:
    """Rows by revenue, highest first, ties by key; `limit` > 0 keeps that many."""
    rows = report.subquery("ranked")
    ordered = select(rows).order_by(rows.c.revenue.desc(), rows.c.k)
    return ordered.limit(limit) if limit else ordered


def both_ends(report: Select[Any], limit: int) -> CompoundSelect[Any]:
    """The `limit` best rows and the `limit` worst of one report, from one run of it (a CTE, computed once):
    a first column `best` (1 or 0), then the report's columns. Each end comes back in no set order."""
    rows = report.cte("ranked")
    best = select(rows).order_by(rows.c.revenue.desc(), rows.c.k).limit(limit).subquery("best")
    worst = select(rows).order_by(rows.c.revenue.asc(), rows.c.k).limit(limit).subquery("worst")
    return union_all(
        select(literal(1).label("best"), *best.c),
        select(literal(0).label("best"), *worst.c),
    )


def cashier_source() -> FromClause:
    return LINES.join(SALES, S.id == L.sale_id)


def payment_report(bounds: Bounds) -> Select[Any]:
    """Money in per payment method, change given back deducted (only cash gives change), refunds negative.

    Columns: k, revenue, receipts, previous. Receipts are the sales (not refunds) paid at least partly so.
    """
    paid = PAYMENTS.join(SALES, S.id == PAYMENTS.c.sale_id)
    receipt = case((S.kind == "sale", PAYMENTS.c.sale_id))
    cash = literal("cash", String)
    parts = []
    for low, high, is_current in ((bounds.start, bounds.end, True), (bounds.before, bounds.start, False)):
        when = in_range(S.at, low, high)
        money, change = PAYMENTS.c.amount, -S.change
        parts.append(
            select(
                PAYMENTS.c.method.label("k"),
                (money if is_current else ZERO).label("revenue"),
                (receipt if is_current else null()).label("receipt"),
                (ZERO if is_current else money).label("previous"),
                (ONE if is_current else ZERO).label("lines"),
            )
            .select_from(paid)
            .where(when)
        )
        parts.append(
            select(
                cash,
                change if is_current else ZERO,
                null(),
                ZERO if is_current else change,
                ZERO,
            ).where(when, S.change != 0)
        )
    both = union_all(*parts).subquery("payments_both")
    return (
        select(
            both.c.k,
            total(both.c.revenue).label("revenue"),
            func.count(func.distinct(both.c.receipt)).label("receipts"),
            total(both.c.previous).label("previous"),
        )
        .group_by(both.c.k)
        .having(func.sum(both.c.lines) > 0)
    )


def with_names(report: Select[Any], by_product: bool) -> Select[Any]:
    """The report's rows named from the catalogue — product and its cooperative, or cooperative and its
    province — as k, label, detail, revenue, units, receipts, margin, previous."""
    rows = report.subquery("report")
    figures = (rows.c.revenue, rows.c.units, rows.c.receipts, rows.c.margin, rows.c.previous)
    if by_product:
        named = rows.outerjoin(PRODUCTS, PRODUCTS.c.id == rows.c.k).outerjoin(
            COOPERATIVES, COOPERATIVES.c.id == PRODUCTS.c.cooperative_id
        )
        label, detail = PRODUCTS.c.name, COOPERATIVES.c.name
    else:
        named = rows.outerjoin(COOPERATIVES, COOPERATIVES.c.id == rows.c.k)
        label, detail = COOPERATIVES.c.name, COOPERATIVES.c.province
    return select(
        rows.c.k, func.coalesce(label, "").label("label"), func.coalesce(detail, "").label("detail"), *figures
    ).select_from(named)


def totals(bounds: Bounds, cooperative_id: int | None = None) -> Select[Any]:
    """Sale receipts in the period, and revenue in the period and the one before, from the receipts
    (or from one cooperative's lines)."""
    if cooperative_id is None:
        receipts: Select[Any] = select(func.count()).where(
            S.kind == "sale", in_range(S.at, bounds.start, bounds.end)
        )
        revenue = select(func.coalesce(func.sum(S.total), 0)).where(in_range(S.at, bounds.start, bounds.end))
        previous = select(func.coalesce(func.sum(S.total), 0)).where(in_range(S.at, bounds.before, bounds.start))
    else:
        mine = L.cooperative_id == cooperative_id
        receipts = select(func.count(func.distinct(L.sale_id))).where(
            mine, is_sale_line(), in_range(L.at, bounds.start, bounds.end)
        )
        revenue = select(func.coalesce(func.sum(L.total), 0)).where(mine, in_range(L.at, bounds.start, bounds.end))
        previous = select(func.coalesce(func.sum(L.total), 0)).where(
            mine, in_range(L.at, bounds.before, bounds.start)
        )
    return select(
        receipts.scalar_subquery().label("receipts"),
        revenue.scalar_subquery().label("revenue"),
        previous.scalar_subquery().label("previous"),
    )


def product_receipts(product_id: int, start: datetime, end: datetime) -> Select[Any]:
    return (
        select(
            S.receipt_no,
            S.kind,
            S.at,
            S.cashier,
            func.sum(L.qty_milli).label("units"),
            func.sum(L.total).label("revenue"),
        )
        .select_from(LINES.join(SALES, S.id == L.sale_id))
        .where(L.product_id == product_id, in_range(L.at, start, end))
        .group_by(S.id, S.receipt_no, S.kind, S.at, S.cashier)
        .order_by(S.at.desc(), S.id.desc())
    )


def slow_movers(since: datetime, limit: int) -> Select[Any]:
    """Active products with stock on hand and no sale (refunds aside) since `since`; never sold first."""
    P = PRODUCTS.c
    mine = and_(L.product_id == P.id, is_sale_line())
    sold_lately = select(ONE).where(mine, L.at >= since).exists()
    last_sold = select(L.at).where(mine).order_by(L.at.desc()).limit(1).scalar_subquery()
    barcode = (
        select(BARCODES.c.code)
        .where(BARCODES.c.product_id == P.id)
        .order_by(BARCODES.c.is_primary.desc(), BARCODES.c.code)
        .limit(1)
        .scalar_subquery()
    )
    unit_cost = case((P.supply_kind == "consignment", func.coalesce(P.payout, 0)), else_=P.cost)
    last = last_sold.label("last_sold")
    return (
        select(
            P.id,
            barcode.label("barcode"),
            P.name,
            COOPERATIVES.c.name.label("cooperative"),
            P.unit,
            P.weighed,
            P.on_hand_milli,
            (P.on_hand_milli * unit_cost).label("value_milli"),
            last,
        )
        .select_from(PRODUCTS.join(COOPERATIVES, COOPERATIVES.c.id == P.cooperative_id))
        .where(P.active.is_(True), P.on_hand_milli > 0, ~sold_lately)
        .order_by(last.is_not(None), last, (P.on_hand_milli * unit_cost).desc(), P.id)
        .limit(limit)
    )


def day_lines(start: datetime, end: datetime) -> Select[Any]:
    """A day's line figures: discounts, units and cost (refund lines count against them)."""
    return select(
        func.coalesce(func.sum(L.line_discount), 0),
        func.coalesce(func.sum(L.discount_share), 0),
        func.coalesce(func.sum(L.qty_milli), 0),
        func.coalesce(func.sum(L.total), 0),
        func.coalesce(func.sum(line_cost()), 0),
    ).where(in_range(L.at, start, end))


def day_receipts(start: datetime, end: datetime) -> Select[Any]:
    return (
        select(S.kind, func.count(), func.sum(S.total))
        .where(in_range(S.at, start, end))
        .group_by(S.kind)
    )


def day_vat(start: datetime, end: datetime) -> Select[Any]:
    """Each receipt's amount per VAT rate: VAT is worked out per receipt and rate, as the receipt prints it."""
    return (
        select(L.sale_id, L.vat_rate, func.sum(L.total))
        .where(in_range(L.at, start, end))
        .group_by(L.sale_id, L.vat_rate)
    )


def outside_shift(start: datetime, end: datetime) -> Select[Any] | None:
    """Receipts rung up with no shift open, when the database keeps shifts at all."""
    shift = SALES.c.get("shift_id")
    if shift is None:
        return None
    return select(func.count(), func.coalesce(func.sum(S.total), 0)).where(
        in_range(S.at, start, end), shift.is_(None)
    )
