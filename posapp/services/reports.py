"""Sales reports: what sold, whose it was, what to push or drop — each one aggregate SQL statement."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from operator import itemgetter
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from posapp.db.engine import SessionFactory
from posapp.domain.errors import InvalidInput, PermissionRequired
from posapp.domain.money import QTY_SCALE, div_round_half_up
from posapp.domain.staff import Actor, Permission, permission_label
from posapp.i18n import _
from posapp.services import report_queries as q
from posapp.services.clock import ShopClock
from posapp.services.report_daily import day_close
from posapp.services.report_dto import (
    DailySummary,
    Grouping,
    Period,
    ProductReceipt,
    RawRow,
    ReportRow,
    ReportRows,
    ReportTotal,
    SalesReport,
    SlowMover,
    parse_grouping,
    ratio,
)
from posapp.services.report_labels import labeler

__all__ = ["Grouping", "Period", "ReportService"]

TOP_COOPERATIVES = 5
TIME_BUCKETS = (Grouping.HOUR, Grouping.WEEKDAY, Grouping.DAY)
LINE_KEYS: dict[Grouping, ColumnElement[Any]] = {
    Grouping.COOPERATIVE: q.L.cooperative_id,
    Grouping.PRODUCT: q.L.product_id,
    Grouping.GROUP: q.L.ocop_group,
    Grouping.PROVINCE: q.L.province,
    Grouping.STARS: q.L.ocop_stars,
    Grouping.CASHIER: q.S.cashier,
}


def require_reports(actor: Actor) -> None:
    if not actor.may(Permission.REPORTS):
        raise PermissionRequired(
            _("{name} may not {action}: a manager must approve.").format(
                name=actor.name, action=permission_label(Permission.REPORTS)
            ),
            Permission.REPORTS,
        )


def as_int(value: Any) -> int:
    """PostgreSQL sums bigints as numeric; SQLite gives int or None."""
    return int(value) if value is not None else 0


REVENUE = 3  # a named row: k, label, detail, revenue, units, receipts, margin, previous
KEY_ORDER_SHARE = 0.5  # of the time the shop has sold in: a period this long is read in product order


def holds_most_lines(session: Session, bounds: q.Bounds) -> bool:
    """Does the period cover at least half of the time the shop has sales in (so most of its lines)?

    Then a report by product reads every line in product order rather than a time range it must sort
    (on SQLite; PostgreSQL plans that itself, so it is not asked). Two index lookups decide it.
    """
    if session.get_bind().dialect.name != "sqlite":
        return False
    # Two one-aggregate subqueries: SQLite answers each from the end of the time index, where one
    # SELECT of both MIN and MAX would read the whole table.
    first, last = session.execute(
        select(select(func.min(q.L.at)).scalar_subquery(), select(func.max(q.L.at)).scalar_subquery())
    ).one()
    if first is None or last is None:
        return False
    span = (last - first).total_seconds()
    covered = (min(bounds.end, last) - max(bounds.start, first)).total_seconds()
    return bool(span <= 0 or covered >= KEY_ORDER_SHARE * span)


class ReportService:
    def __init__(self, sessions: SessionFactory, clock: ShopClock | None = None) -> None:
        self._sessions = sessions
        self._clock = clock or ShopClock()

    # --- periods ------------------------------------------------------------------------
    def bounds(self, period: Period) -> q.Bounds:
        """The period and the one before as UTC instants, worked out once so `at` is filtered by range."""
        day_start = self._clock.day_start
        return q.Bounds(
            day_start(period.previous().first), day_start(period.first), day_start(period.last + timedelta(days=1))
        )

    def _minute_buckets(self, bounds: q.Bounds) -> bool:
        """Whether the shop's zone is a fraction of an hour off UTC, so hour buckets would straddle its hours."""
        zone = self._clock.timezone
        offsets = (at.astimezone(zone).utcoffset() for at in (bounds.before, bounds.start, bounds.end))
        return any(offset is not None and offset.total_seconds() % 3600 for offset in offsets)

    # --- grouped reports ---------------------------------------------------------------
    def sales(
        self,
        by: Grouping | str,
        first: date,
        last: date,
        *,
        actor: Actor,
        cooperative_id: int | None = None,
    ) -> SalesReport:
        """Revenue, units, receipts, margin, share and change on the previous period, per `by`.

        `cooperative_id` narrows the report to that cooperative's lines (not for payment methods).
        """
        require_reports(actor)
        by = by if isinstance(by, Grouping) else parse_grouping(by)
        period = Period(first, last)
        bounds = self.bounds(period)
        if by is Grouping.PAYMENT and cooperative_id is not None:
            raise InvalidInput(_("Payments cannot be narrowed to one cooperative: a receipt pays for all of it."))
        with self._sessions() as session:
            raw = self._raw_rows(session, by, bounds, cooperative_id)
            receipts, _revenue, previous = session.execute(q.totals(bounds, cooperative_id)).one()
        return self._report(by, period, raw, as_int(receipts), as_int(previous), cooperative_id)

    def cooperative_products(self, cooperative_id: int, first: date, last: date, *, actor: Actor) -> SalesReport:
        """Drill-down: one cooperative's products."""
        return self.sales(Grouping.PRODUCT, first, last, actor=actor, cooperative_id=cooperative_id)

    def top_sellers(self, first: date, last: date, *, actor: Actor, limit: int = 10) -> tuple[ReportRow, ...]:
        """The products that brought in most in the period."""
        return self.sellers(first, last, actor=actor, limit=limit)[0]

    def bottom_sellers(self, first: date, last: date, *, actor: Actor, limit: int = 10) -> tuple[ReportRow, ...]:
        """The products that sold in the period but brought in least (net of refunds)."""
        return self.sellers(first, last, actor=actor, limit=limit)[1]

    def sellers(
        self, first: date, last: date, *, actor: Actor, limit: int = 10
    ) -> tuple[tuple[ReportRow, ...], tuple[ReportRow, ...]]:
        """The top and the bottom sellers together, from one pass over the period's lines by product."""
        require_reports(actor)
        bounds = self.bounds(Period(first, last))
        with self._sessions() as session:
            report = q.line_report(q.L.product_id, bounds, in_key_order=holds_most_lines(session, bounds))
            ends = session.execute(q.both_ends(q.with_names(report, by_product=True), max(limit, 0))).all()
            _receipts, revenue, _previous = session.execute(q.totals(bounds)).one()
        best = sorted((row[1:] for row in ends if row[0]), key=lambda row: (-row[REVENUE], row[0]))
        worst = sorted((row[1:] for row in ends if not row[0]), key=lambda row: (row[REVENUE], row[0]))
        total = as_int(revenue)
        return tuple(ReportRows(best, total)), tuple(ReportRows(worst, total))

    def product_receipts(
        self, product_id: int, first: date, last: date, *, actor: Actor
    ) -> tuple[ProductReceipt, ...]:
        """Drill-down: the receipts with this product on them, newest first."""
        require_reports(actor)
        bounds = self.bounds(Period(first, last))
        with self._sessions() as session:
            rows = session.execute(q.product_receipts(product_id, bounds.start, bounds.end)).all()
        return tuple(
            ProductReceipt(
                receipt_no=no,
                kind=kind,
                at=at,
                cashier=cashier,
                units_milli=as_int(units),
                revenue=as_int(revenue),
            )
            for no, kind, at, cashier, units, revenue in rows
        )

    def slow_movers(
        self, days: int = 30, *, actor: Actor, as_of: date | None = None, limit: int = 100
    ) -> tuple[SlowMover, ...]:
        """Products in stock with no sale in the `days` days up to `as_of` (today): never sold first,
        then the longest unsold, then the most money tied up on the shelf."""
        require_reports(actor)
        if days < 1:
            raise InvalidInput(_("Slow movers need a number of days of at least 1."))
        today = as_of or self._clock.local_day(self._clock.now())
        since = self._clock.day_start(today - timedelta(days=days - 1))
        with self._sessions() as session:
            rows = session.execute(q.slow_movers(since, max(limit, 0))).all()
        movers = []
        for pid, barcode, name, cooperative, unit, weighed, on_hand, value_milli, last_at in rows:
            last_day = self._clock.local_day(last_at) if last_at is not None else None
            movers.append(
                SlowMover(
                    product_id=pid,
                    barcode=barcode or "",
                    name=name,
                    cooperative=cooperative,
                    unit=unit,
                    weighed=bool(weighed),
                    on_hand_milli=as_int(on_hand),
                    stock_value=div_round_half_up(as_int(value_milli), QTY_SCALE),
                    last_sold=last_day,
                    days_unsold=(today - last_day).days if last_day else None,
                )
            )
        return tuple(movers)

    def daily_summary(self, day: date, *, actor: Actor) -> DailySummary:
        """The figures for closing a day: totals, payments, refunds, discounts, VAT, best cooperatives."""
        require_reports(actor)
        period = Period(day, day)
        bounds = self.bounds(period)
        with self._sessions() as session:
            top = self._raw_rows(session, Grouping.COOPERATIVE, bounds, limit=TOP_COOPERATIVES)
            paid = self._raw_rows(session, Grouping.PAYMENT, bounds)
            _receipts, revenue, _previous = session.execute(q.totals(bounds)).one()
            return day_close(
                session,
                day,
                bounds,
                tuple(ReportRows(top, as_int(revenue))),
                tuple(ReportRows(paid, as_int(revenue))),
            )

    # --- the statements and their rows -------------------------------------------------
    def _raw_rows(
        self, session: Session, by: Grouping, bounds: q.Bounds, cooperative_id: int | None = None, limit: int = 0
    ) -> Sequence[RawRow]:
        """The report's rows, best first (time buckets in time order); `limit` keeps the best few."""
        where = () if cooperative_id is None else (q.L.cooperative_id == cooperative_id,)
        if by in (Grouping.COOPERATIVE, Grouping.PRODUCT):
            in_key_order = by is Grouping.PRODUCT and not where and holds_most_lines(session, bounds)
            report = q.line_report(LINE_KEYS[by], bounds, where=where, in_key_order=in_key_order)
            named = q.with_names(report, by is Grouping.PRODUCT)
            return driver_rows(session, q.best_first(named, limit))
        label_of = labeler(by)
        if by in TIME_BUCKETS:
            bucket = q.hour_bucket(session.get_bind().dialect.name, self._minute_buckets(bounds))
            buckets = session.execute(q.bucket_report(bucket, bounds, where)).all()
            return [(*label_of(k), *figures) for k, *figures in self._fold_buckets(by, buckets, bounds)]
        if by is Grouping.PAYMENT:
            paid = session.execute(q.best_first(q.payment_report(bounds), limit))
            return [(*label_of(k), revenue, None, receipts, None, previous) for k, revenue, receipts, previous in paid]
        source = q.cashier_source() if by is Grouping.CASHIER else q.LINES
        keyed = session.execute(q.best_first(q.line_report(LINE_KEYS[by], bounds, source, where), limit))
        return [(*label_of(k), *figures) for k, *figures in keyed]

    def _fold_buckets(self, by: Grouping, buckets: Iterable[Any], bounds: q.Bounds) -> Sequence[Sequence[Any]]:
        """UTC hour buckets into the shop's local hours, weekdays or days (a receipt lies in one bucket, so
        receipt counts add up). A previous-period day counts against the day one period later."""
        zone, shift = self._clock.timezone, bounds.start - bounds.before
        folded: dict[Any, list[int]] = {}
        for bucket, revenue, units, receipts, cost, previous in buckets:
            at = _bucket_instant(bucket)
            is_previous = at < bounds.start
            local = (at + shift if is_previous and by is Grouping.DAY else at).astimezone(zone)
            key: Any = {Grouping.HOUR: local.hour, Grouping.WEEKDAY: local.weekday()}.get(by, local.date())
            sums = folded.setdefault(key, [0, 0, 0, 0, 0, 0])
            for index, value in enumerate((revenue, units, receipts, cost, previous, 0 if is_previous else 1)):
                sums[index] += as_int(value)
        return [
            (key.isoformat() if isinstance(key, date) else key, *sums[:3], sums[0] - sums[3], sums[4])
            for key, sums in sorted(folded.items())
            if sums[5]
        ]

    @staticmethod
    def _report(
        by: Grouping,
        period: Period,
        raw: Sequence[RawRow],
        receipts: int,
        previous: int,
        cooperative_id: int | None,
    ) -> SalesReport:
        revenue = sum(map(itemgetter(3), raw))
        no_lines = by is Grouping.PAYMENT
        total = ReportTotal(
            revenue=revenue,
            units_milli=None if no_lines else sum(map(itemgetter(4), raw)),
            receipts=receipts,
            gross_margin=None if no_lines else sum(map(itemgetter(6), raw)),
            previous_revenue=previous,
            change=revenue - previous,
            change_ratio=ratio(revenue - previous, previous),
        )
        return SalesReport(by, period, period.previous(), ReportRows(raw, revenue), total, cooperative_id)


def driver_rows(session: Session, statement: Select[Any]) -> Sequence[Any]:
    """The rows as the database driver's own tuples. A year by product is ~100,000 rows, and wrapping each
    in SQLAlchemy's Row costs a tenth of the SQL; these columns (integers cast in SQL, text) need no
    result processing, so the driver's values are already what Python gets."""
    result = session.connection().execute(statement)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


def _bucket_instant(bucket: Any) -> datetime:
    if isinstance(bucket, datetime):
        return bucket.replace(tzinfo=UTC)
    text = str(bucket)
    return datetime.strptime(text, "%Y-%m-%d %H:%M" if len(text) > 13 else "%Y-%m-%d %H").replace(tzinfo=UTC)
