"""Stocktake: snapshot what the books expect, count, see the variances, commit them to the stock ledger.

Variance = counted − expected at the start of the count, so sales rung up while staff count are kept:
committing moves on-hand by the variance, not to the counted figure. Products left uncounted are untouched.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, insert, literal, null, or_, select, update
from sqlalchemy.orm import Session

from posapp.db.engine import SessionFactory
from posapp.db.models import Cooperative, Product, StockMovement
from posapp.db.supply_models import Stocktake, StocktakeLine
from posapp.documents.count_sheet import render_count_sheet_pdf
from posapp.domain.errors import InvalidInput, NotFound
from posapp.domain.money import TYPED_MAX, parse_qty, qty_to_number
from posapp.domain.staff import Actor, Approval, Permission
from posapp.domain.text import nfc
from posapp.i18n import _
from posapp.services.authority import authorize
from posapp.services.catalog import find_product_by_code
from posapp.services.clock import ShopClock
from posapp.services.ledger import table
from posapp.services.supply_common import PRIMARY_BARCODE, check_whole, cooperative_by_id, name_order
from posapp.services.supply_dto import CountLine, CountSheet, StocktakeSummary, VarianceReport
from posapp.settings import ShopProfile

COUNT_KIND, COUNT_REASON = "count", "stocktake"
CSV_COLUMNS = ("barcode", "name", "unit", "expected", "counted")

_LINES, _PRODUCTS = table(StocktakeLine), table(Product)


def _differs(stocktake_id: int) -> ColumnElement[bool]:
    return and_(
        _LINES.c.stocktake_id == stocktake_id,
        _LINES.c.counted_milli.is_not(None),
        _LINES.c.counted_milli != _LINES.c.expected_milli,
    )


class StocktakeService:
    def __init__(self, sessions: SessionFactory, clock: ShopClock | None = None) -> None:
        self._sessions = sessions
        self._clock = clock or ShopClock()

    def start(self, cooperative_id: int | None = None, note: str = "", at: datetime | None = None) -> CountSheet:
        """Open a count of every product (or one cooperative's), expecting each product's on-hand now."""
        when = self._clock.resolve(at)
        with self._sessions.begin() as session:
            if cooperative_id is not None:
                cooperative_by_id(session, cooperative_id)
            clash = select(Stocktake.id).where(Stocktake.status == "open")
            if cooperative_id is not None:
                clash = clash.where(or_(Stocktake.cooperative_id.is_(None), Stocktake.cooperative_id == cooperative_id))
            if session.scalar(clash.limit(1)) is not None:
                raise InvalidInput(
                    _("A count of these products is already open: finish or cancel it before starting another.")
                )
            stocktake = Stocktake(started_at=when, cooperative_id=cooperative_id, status="open", note=nfc(note).strip())
            session.add(stocktake)
            session.flush()
            # The snapshot in one statement: active products, and retired ones the books still hold.
            chosen = select(literal(stocktake.id), _PRODUCTS.c.id, _PRODUCTS.c.on_hand_milli).where(
                or_(_PRODUCTS.c.active.is_(True), _PRODUCTS.c.on_hand_milli != 0)
            )
            if cooperative_id is not None:
                chosen = chosen.where(_PRODUCTS.c.cooperative_id == cooperative_id)
            session.execute(insert(_LINES).from_select(["stocktake_id", "product_id", "expected_milli"], chosen))
            return _sheet(session, stocktake)

    def sheet(self, stocktake_id: int) -> CountSheet:
        with self._sessions() as session:
            return _sheet(session, _stocktake(session, stocktake_id))

    def open_counts(self) -> list[StocktakeSummary]:
        """Counts started and not yet committed or cancelled, newest first."""
        with self._sessions() as session:
            rows = session.execute(
                select(
                    Stocktake,
                    Cooperative.name,
                    func.count(StocktakeLine.id),
                    func.count(StocktakeLine.counted_milli),
                )
                .outerjoin(Cooperative, Cooperative.id == Stocktake.cooperative_id)
                .outerjoin(StocktakeLine, StocktakeLine.stocktake_id == Stocktake.id)
                .where(Stocktake.status == "open")
                .group_by(Stocktake.id, Cooperative.name)
                .order_by(Stocktake.id.desc())
            ).all()
            return [
                StocktakeSummary(
                    stocktake_id=stocktake.id,
                    status=stocktake.status,
                    started_at=stocktake.started_at,
                    cooperative=name or "",
                    lines=lines,
                    counted=counted,
                )
                for stocktake, name, lines, counted in rows
            ]

    def enter_counts(self, stocktake_id: int, counts: Mapping[str, int]) -> CountSheet:
        """Set what was counted (barcode -> quantity in thousandths); a product counted again is replaced."""
        with self._sessions.begin() as session:
            stocktake = _open(session, stocktake_id)
            for code, qty in counts.items():
                product, _scanned = find_product_by_code(session, code)
                if not 0 <= qty <= TYPED_MAX:
                    raise InvalidInput(_("A count cannot be negative."))
                check_whole(product, qty)
                changed = session.execute(
                    update(_LINES)
                    .where(_LINES.c.stocktake_id == stocktake.id, _LINES.c.product_id == product.id)
                    .values(counted_milli=qty)
                    .returning(_LINES.c.id)
                ).first()
                if changed is None:
                    raise InvalidInput(_("“{name}” is not part of this count.").format(name=product.name))
            return _sheet(session, stocktake)

    def read_counts_csv(self, stocktake_id: int, text: str) -> CountSheet:
        """Counts from the sheet's CSV with its `counted` column filled in (empty cells are left uncounted)."""
        reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
        if not reader.fieldnames or not {"barcode", "counted"} <= set(reader.fieldnames):
            raise InvalidInput(_("The count file needs the columns barcode and counted."))
        counts: dict[str, int] = {}
        for row in reader:
            cell = (row.get("counted") or "").strip()
            if cell:
                counts[(row.get("barcode") or "").strip()] = parse_qty(cell, weighed=True)
        return self.enter_counts(stocktake_id, counts)

    def variance(self, stocktake_id: int) -> VarianceReport:
        with self._sessions() as session:
            return _variance(_sheet(session, _stocktake(session, stocktake_id)))

    def commit(
        self, stocktake_id: int, at: datetime | None = None, *, actor: Actor, approval: Approval | None = None
    ) -> VarianceReport:
        """Write each variance as a "count" movement; on-hand moves with it in the same transaction.

        Needs STOCK_ADJUST, as any correction of on-hand does.
        """
        when = self._clock.resolve(at)
        with self._sessions.begin() as session:
            stocktake = _open(session, stocktake_id)
            stocktakes = table(Stocktake)
            closed = session.execute(
                update(stocktakes)
                .where(stocktakes.c.id == stocktake.id, stocktakes.c.status == "open")
                .values(status="committed", committed_at=when)
                .returning(stocktakes.c.id)
            ).first()
            if closed is None:  # committed meanwhile at another till
                raise InvalidInput(_("This count is no longer open."))
            variance = _LINES.c.counted_milli - _LINES.c.expected_milli
            session.execute(
                insert(table(StockMovement)).from_select(
                    ["product_id", "at", "kind", "qty_milli", "unit_cost", "reason", "sale_line_id"],
                    select(
                        _LINES.c.product_id,
                        literal(when, StockMovement.at.type),
                        literal(COUNT_KIND),
                        variance,
                        null(),
                        literal(COUNT_REASON),
                        null(),
                    ).where(_differs(stocktake.id)),
                )
            )
            moved = (
                select(variance).where(_differs(stocktake.id), _LINES.c.product_id == _PRODUCTS.c.id).scalar_subquery()
            )
            session.execute(
                update(_PRODUCTS)
                .where(_PRODUCTS.c.id.in_(select(_LINES.c.product_id).where(_differs(stocktake.id))))
                .values(on_hand_milli=_PRODUCTS.c.on_hand_milli + moved)
            )
            session.refresh(stocktake)
            report = _variance(_sheet(session, stocktake))
            detail = {
                "stocktake": stocktake.id,
                "lines_changed": len(report.lines),
                "short_milli": report.units_short_milli,
                "over_milli": report.units_over_milli,
                "value": report.value,
            }
            authorize(session, actor, Permission.STOCK_ADJUST, approval, detail, self._clock)
            return report

    def cancel(self, stocktake_id: int) -> None:
        with self._sessions.begin() as session:
            _open(session, stocktake_id).status = "cancelled"

    def sheet_pdf(self, stocktake_id: int, shop: ShopProfile, show_expected: bool = False) -> bytes:
        """The printed count sheet (blind unless `show_expected`), in the screen's language."""
        return render_count_sheet_pdf(self.sheet(stocktake_id), shop, self._clock, show_expected)

    def sheet_csv(self, stocktake_id: int) -> str:
        return count_sheet_csv(self.sheet(stocktake_id))


def count_sheet_csv(sheet: CountSheet) -> str:
    """barcode, name, unit, expected, counted (empty until counted): fill the last column and read it back."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for line in sheet.lines:
        counted = "" if line.counted_milli is None else qty_to_number(line.counted_milli)
        writer.writerow([line.barcode, line.name, line.unit, qty_to_number(line.expected_milli), counted])
    return out.getvalue()


def _stocktake(session: Session, stocktake_id: int) -> Stocktake:
    stocktake = session.get(Stocktake, stocktake_id)
    if stocktake is None:
        raise NotFound(_("There is no stock count number {number}.").format(number=stocktake_id))
    return stocktake


def _open(session: Session, stocktake_id: int) -> Stocktake:
    stocktake = _stocktake(session, stocktake_id)
    if stocktake.status != "open":
        raise InvalidInput(_("This count is no longer open."))
    return stocktake


def _sheet(session: Session, stocktake: Stocktake) -> CountSheet:
    rows = session.execute(
        select(
            StocktakeLine.product_id,
            PRIMARY_BARCODE.label("barcode"),
            Product.name,
            Product.unit,
            Product.weighed,
            StocktakeLine.expected_milli,
            StocktakeLine.counted_milli,
            Product.cost,
        )
        .join(Product, Product.id == StocktakeLine.product_id)
        .where(StocktakeLine.stocktake_id == stocktake.id)
    ).all()
    rows = sorted(rows, key=lambda row: (*name_order(row.name), row.product_id))
    coop = session.get(Cooperative, stocktake.cooperative_id) if stocktake.cooperative_id is not None else None
    return CountSheet(
        stocktake_id=stocktake.id,
        status=stocktake.status,
        started_at=stocktake.started_at,
        cooperative_id=stocktake.cooperative_id,
        cooperative=coop.name if coop is not None else "",
        note=stocktake.note,
        lines=tuple(
            CountLine(
                product_id=row.product_id,
                barcode=row.barcode or "",
                name=row.name,
                unit=row.unit,
                weighed=row.weighed,
                expected_milli=row.expected_milli,
                counted_milli=row.counted_milli,
                unit_cost=row.cost,
            )
            for row in rows
        ),
    )


def _variance(sheet: CountSheet) -> VarianceReport:
    lines = tuple(line for line in sheet.lines if line.variance_milli)
    return VarianceReport(
        stocktake_id=sheet.stocktake_id,
        status=sheet.status,
        lines=lines,
        uncounted=sheet.uncounted,
        units_short_milli=-sum(min(0, line.variance_milli or 0) for line in lines),
        units_over_milli=sum(max(0, line.variance_milli or 0) for line in lines),
        value=sum(line.variance_value or 0 for line in lines),
    )
