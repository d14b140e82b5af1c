"""Consignment: what the shop owes each cooperative for goods sold on its behalf, payments, goods returned.

A statement's quantities are sums of the stock ledger, so opening + received − sold − returned + adjusted
= closing holds by construction ("adjusted" folds in adjustments and stocktake counts, signed). What is
owed is each sale line's payout snapshot × its quantity, rounded half up per line (refund lines are
negative), so owed amounts add up across periods and a refund cancels its sale to the dong.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from posapp.db.engine import SessionFactory
from posapp.db.models import Cooperative, Product, SaleLine, StockMovement
from posapp.db.supply_models import ConsignmentPayment
from posapp.documents.statement import render_statement_pdf
from posapp.domain.errors import InvalidInput, NotFound
from posapp.domain.money import TYPED_MAX, format_qty, qty_to_number
from posapp.domain.ocop import SupplyKind
from posapp.domain.staff import Actor, Approval, Permission
from posapp.domain.text import nfc
from posapp.i18n import _
from posapp.services.authority import authorize
from posapp.services.catalog import find_product_by_code, primary_barcode
from posapp.services.clock import ShopClock
from posapp.services.dto import StockLevel
from posapp.services.inventory import stock_level
from posapp.services.ledger import move_stock
from posapp.services.supply_common import check_whole, cooperative_by_id, name_order, primary_barcodes
from posapp.services.supply_dto import (
    ConsignmentBalance,
    ConsignmentPaymentView,
    ConsignmentStatement,
    ReturnItem,
    StatementLine,
)
from posapp.settings import ShopProfile

CONSIGNMENT = SupplyKind.CONSIGNMENT.value
SALE_KINDS = ("sale", "refund")
RETURN_KIND = "return"
RECEIVE_KIND = "receive"

_RAW_OWED = SaleLine.payout * SaleLine.qty_milli
# Half up per line, away from zero; both databases divide integers truncating, so only positives are divided.
LINE_OWED = case(
    (_RAW_OWED >= 0, (_RAW_OWED + 500) // 1000),
    else_=-((-_RAW_OWED + 500) // 1000),
)


def _consigned_lines(cooperative_id: int) -> ColumnElement[bool]:
    return and_(SaleLine.cooperative_id == cooperative_id, SaleLine.supply_kind == CONSIGNMENT)


def _sum_if(condition: ColumnElement[bool], value: Any) -> Any:
    return func.coalesce(func.sum(case((condition, value), else_=0)), 0)


class ConsignmentService:
    def __init__(self, sessions: SessionFactory, clock: ShopClock | None = None) -> None:
        self._sessions = sessions
        self._clock = clock or ShopClock()

    def statement(self, cooperative_id: int, date_from: date, date_to: date) -> ConsignmentStatement:
        """The cooperative's consignment goods and money over the shop days `date_from`..`date_to`."""
        if date_from > date_to:
            raise InvalidInput(_("The statement's first day comes after its last day."))
        start = self._clock.day_start(date_from)
        end = self._clock.day_start(date_to + timedelta(days=1))
        with self._sessions() as session:
            coop = cooperative_by_id(session, cooperative_id)
            products = _statement_products(session, cooperative_id, end)
            stock = _stock_figures(session, list(products), start, end)
            owed = _owed_by_product(session, cooperative_id, start, end)
            codes = primary_barcodes(session, products)
            owed_before = _owed_total(session, cooperative_id, None, start)
            paid_before = _paid_total(session, cooperative_id, None, start)
            payments = _payment_views(session, coop, start, end)
        lines = []
        for product_id, product in products.items():
            opening, received, sold, returned, adjusted, closing = stock.get(product_id, (0, 0, 0, 0, 0, 0))
            line_owed, low, high = owed.get(product_id, (0, None, None))
            if not (
                product.supply_kind == CONSIGNMENT or any((opening, received, sold, returned, adjusted, line_owed))
            ):
                continue
            payout = low if low is not None and low == high else product.payout
            lines.append(
                StatementLine(
                    product_id=product_id,
                    barcode=codes.get(product_id, ""),
                    name=product.name,
                    unit=product.unit,
                    weighed=product.weighed,
                    opening_milli=opening,
                    received_milli=received,
                    sold_milli=sold,
                    returned_milli=returned,
                    adjusted_milli=adjusted,
                    closing_milli=closing,
                    payout_per_unit=payout,
                    owed=line_owed,
                )
            )
        lines.sort(key=lambda line: (*name_order(line.name), line.product_id))
        owed_total = sum(line.owed for line in lines)
        paid = sum(payment.amount for payment in payments)
        opening_balance = owed_before - paid_before
        return ConsignmentStatement(
            cooperative_id=cooperative_id,
            cooperative=coop.name,
            date_from=date_from,
            date_to=date_to,
            lines=tuple(lines),
            opening_balance=opening_balance,
            owed=owed_total,
            paid=paid,
            balance=opening_balance + owed_total - paid,
            payments=tuple(payments),
        )

    def pay(
        self,
        cooperative_id: int,
        amount: int,
        at: datetime | None = None,
        note: str = "",
        *,
        actor: Actor,
        approval: Approval | None = None,
    ) -> ConsignmentPaymentView:
        """Record money paid to the cooperative for consignment goods sold. Needs PURCHASING."""
        if not 0 < amount <= TYPED_MAX:
            raise InvalidInput(_("A payment must be more than zero dong."))
        note = nfc(note).strip()
        if len(note) > 200:
            raise InvalidInput(_("A note is at most 200 characters."))
        when = self._clock.resolve(at)
        with self._sessions.begin() as session:
            coop = cooperative_by_id(session, cooperative_id)
            payment = ConsignmentPayment(cooperative_id=coop.id, amount=amount, at=when, note=note)
            session.add(payment)
            session.flush()
            detail = {"cooperative": coop.name, "paid": amount, "payment": payment.id}
            authorize(session, actor, Permission.PURCHASING, approval, detail, self._clock)
            return _payment_view(payment, coop.name)

    def payments(self, cooperative_id: int) -> list[ConsignmentPaymentView]:
        """Every payment to the cooperative, newest first."""
        with self._sessions() as session:
            coop = cooperative_by_id(session, cooperative_id)
            return list(reversed(_payment_views(session, coop, None, None)))

    def balances(self) -> list[ConsignmentBalance]:
        """What the shop owes each cooperative it sells on consignment for, all periods together."""
        with self._sessions() as session:
            owed: dict[int, Any] = dict(
                session.execute(
                    select(SaleLine.cooperative_id, func.sum(LINE_OWED))
                    .where(SaleLine.supply_kind == CONSIGNMENT)
                    .group_by(SaleLine.cooperative_id)
                ).all()
            )
            paid = dict(
                session.execute(
                    select(ConsignmentPayment.cooperative_id, func.sum(ConsignmentPayment.amount)).group_by(
                        ConsignmentPayment.cooperative_id
                    )
                ).all()
            )
            holding = set(
                session.scalars(select(Product.cooperative_id).where(Product.supply_kind == CONSIGNMENT).distinct())
            )
            ids = set(owed) | set(paid) | holding
            names = dict(session.execute(select(Cooperative.id, Cooperative.name).where(Cooperative.id.in_(ids))).all())
        balances = [
            ConsignmentBalance(
                cooperative_id=coop_id,
                cooperative=names[coop_id],
                owed=int(owed.get(coop_id) or 0),
                paid=int(paid.get(coop_id) or 0),
                balance=int(owed.get(coop_id) or 0) - int(paid.get(coop_id) or 0),
            )
            for coop_id in ids
        ]
        return sorted(balances, key=lambda b: (-b.balance, *name_order(b.cooperative)))

    def return_to_cooperative(
        self,
        code: str,
        qty_milli: int,
        reason: str,
        at: datetime | None = None,
        *,
        actor: Actor,
        approval: Approval | None = None,
    ) -> StockLevel:
        """Goods given back to their cooperative (unsold consignment, faulty goods): a "return" movement.

        Needs STOCK_ADJUST: stock leaves the shop without a sale.
        """
        reason = _checked_reason(reason)
        _check_returned(qty_milli)
        when = self._clock.resolve(at)
        with self._sessions.begin() as session:
            product, _scanned = find_product_by_code(session, code)
            _return_stock(session, product, qty_milli, reason, when)
            detail = {"product": product.id, "name": product.name, "returned_milli": qty_milli, "reason": reason}
            authorize(session, actor, Permission.STOCK_ADJUST, approval, detail, self._clock)
            session.refresh(product)
            return stock_level(product, primary_barcode(session, product.id))

    def returnable(self, cooperative_id: int) -> list[StockLevel]:
        """The cooperative's consignment products the shop holds some of: what can go back to it."""
        with self._sessions() as session:
            cooperative_by_id(session, cooperative_id)
            products = session.scalars(
                select(Product).where(
                    Product.cooperative_id == cooperative_id,
                    Product.supply_kind == CONSIGNMENT,
                    Product.on_hand_milli > 0,
                )
            ).all()
            codes = primary_barcodes(session, [product.id for product in products])
            levels = [stock_level(product, codes.get(product.id, "")) for product in products]
        return sorted(levels, key=lambda level: (*name_order(level.name), level.product_id))

    def return_goods(
        self,
        cooperative_id: int,
        items: Sequence[ReturnItem],
        reason: str,
        at: datetime | None = None,
        *,
        actor: Actor,
        approval: Approval | None = None,
    ) -> list[StockLevel]:
        """Several of the cooperative's products taken back at once (unsold consignment at the season's end):
        one "return" movement each, all or none, one approval. Needs STOCK_ADJUST."""
        reason = _checked_reason(reason)
        wanted: dict[int, int] = {}
        for item in items:
            _check_returned(item.qty_milli)
            wanted[item.product_id] = wanted.get(item.product_id, 0) + item.qty_milli
        if not wanted:
            raise InvalidInput(_("Type how much of each product goes back to the cooperative."))
        when = self._clock.resolve(at)
        with self._sessions.begin() as session:
            coop = cooperative_by_id(session, cooperative_id)
            returned, products = [], []
            for product_id, qty_milli in wanted.items():
                product = session.get(Product, product_id)
                if product is None:
                    raise NotFound(_("That product no longer exists."))
                if product.cooperative_id != coop.id:
                    raise InvalidInput(
                        _("“{name}” is not made by {cooperative}.").format(name=product.name, cooperative=coop.name)
                    )
                _return_stock(session, product, qty_milli, reason, when)
                returned.append({"product": product.id, "name": product.name, "returned_milli": qty_milli})
                products.append(product)
            detail = {"cooperative": coop.name, "returned": returned, "reason": reason}
            authorize(session, actor, Permission.STOCK_ADJUST, approval, detail, self._clock)
            codes = primary_barcodes(session, wanted)
            for product in products:
                session.refresh(product)
            return [stock_level(product, codes.get(product.id, "")) for product in products]

    def statement_pdf(self, statement: ConsignmentStatement, shop: ShopProfile, language: str = "vi") -> bytes:
        return render_statement_pdf(statement, shop, self._clock, language)


def statement_csv(statement: ConsignmentStatement) -> str:
    """The statement's lines: stable English column names, quantities in units, amounts in dong."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "barcode",
            "name",
            "unit",
            "opening",
            "received",
            "sold",
            "returned",
            "adjusted",
            "closing",
            "payout_per_unit",
            "owed",
        ]
    )
    for line in statement.lines:
        writer.writerow(
            [line.barcode, line.name, line.unit]
            + [
                qty_to_number(q)
                for q in (
                    line.opening_milli,
                    line.received_milli,
                    line.sold_milli,
                    line.returned_milli,
                    line.adjusted_milli,
                    line.closing_milli,
                )
            ]
            + ["" if line.payout_per_unit is None else line.payout_per_unit, line.owed]
        )
    return out.getvalue()


def _checked_reason(reason: str) -> str:
    reason = nfc(reason).strip()
    if not reason:
        raise InvalidInput(_("Say why the goods go back to the cooperative."))
    if len(reason) > 200:
        raise InvalidInput(_("A reason is at most 200 characters."))
    return reason


def _check_returned(qty_milli: int) -> None:
    if not 0 < qty_milli <= TYPED_MAX:
        raise InvalidInput(_("The quantity returned must be more than zero."))


def _return_stock(session: Session, product: Product, qty_milli: int, reason: str, when: datetime) -> None:
    """One "return" movement: stock leaves the shop, never more than the shop holds."""
    check_whole(product, qty_milli)
    if qty_milli > product.on_hand_milli:
        raise InvalidInput(
            _("Only {qty} {unit} of “{name}” are in stock to return.").format(
                qty=format_qty(max(0, product.on_hand_milli), product.weighed),
                unit=product.unit,
                name=product.name,
            )
        )
    move_stock(session, product.id, -qty_milli, RETURN_KIND, when, reason=reason)


def _statement_products(session: Session, cooperative_id: int, end: datetime) -> dict[int, Product]:
    """The cooperative's consignment products now, and any product sold on consignment for it before `end`."""
    sold_for = select(SaleLine.product_id).where(_consigned_lines(cooperative_id), SaleLine.at < end)
    products = session.scalars(
        select(Product).where(
            or_(
                and_(Product.cooperative_id == cooperative_id, Product.supply_kind == CONSIGNMENT),
                Product.id.in_(sold_for),
            )
        )
    )
    return {product.id: product for product in products}


def _stock_figures(
    session: Session, product_ids: list[int], start: datetime, end: datetime
) -> dict[int, tuple[int, int, int, int, int, int]]:
    """(opening, received, sold, returned, adjusted, closing) per product from the stock ledger."""
    if not product_ids:
        return {}
    m = StockMovement
    within = and_(m.at >= start, m.at < end)
    rows = session.execute(
        select(
            m.product_id,
            _sum_if(m.at < start, m.qty_milli),
            _sum_if(and_(within, m.kind == RECEIVE_KIND), m.qty_milli),
            _sum_if(and_(within, m.kind.in_(SALE_KINDS)), -m.qty_milli),
            _sum_if(and_(within, m.kind == RETURN_KIND), -m.qty_milli),
            _sum_if(and_(within, m.kind.not_in((RECEIVE_KIND, RETURN_KIND, *SALE_KINDS))), m.qty_milli),
            func.sum(m.qty_milli),
        )
        .where(m.product_id.in_(product_ids), m.at < end)
        .group_by(m.product_id)
    )
    return {row[0]: (int(row[1]), int(row[2]), int(row[3]), int(row[4]), int(row[5]), int(row[6])) for row in rows}


def _owed_by_product(
    session: Session, cooperative_id: int, start: datetime, end: datetime
) -> dict[int, tuple[int, int | None, int | None]]:
    """(owed, lowest payout, highest payout) per product over the period's consignment sale lines."""
    rows = session.execute(
        select(SaleLine.product_id, func.sum(LINE_OWED), func.min(SaleLine.payout), func.max(SaleLine.payout))
        .where(_consigned_lines(cooperative_id), SaleLine.at >= start, SaleLine.at < end)
        .group_by(SaleLine.product_id)
    )
    return {row[0]: (int(row[1] or 0), row[2], row[3]) for row in rows}


def _owed_total(session: Session, cooperative_id: int, start: datetime | None, end: datetime) -> int:
    query = select(func.coalesce(func.sum(LINE_OWED), 0)).where(_consigned_lines(cooperative_id), SaleLine.at < end)
    if start is not None:
        query = query.where(SaleLine.at >= start)
    return int(session.scalar(query) or 0)


def _paid_total(session: Session, cooperative_id: int, start: datetime | None, end: datetime) -> int:
    p = ConsignmentPayment
    query = select(func.coalesce(func.sum(p.amount), 0)).where(p.cooperative_id == cooperative_id, p.at < end)
    if start is not None:
        query = query.where(p.at >= start)
    return int(session.scalar(query) or 0)


def _payment_views(
    session: Session, coop: Cooperative, start: datetime | None, end: datetime | None
) -> list[ConsignmentPaymentView]:
    p = ConsignmentPayment
    query = select(p).where(p.cooperative_id == coop.id).order_by(p.at, p.id)
    if start is not None:
        query = query.where(p.at >= start)
    if end is not None:
        query = query.where(p.at < end)
    return [_payment_view(payment, coop.name) for payment in session.scalars(query)]


def _payment_view(payment: ConsignmentPayment, cooperative: str) -> ConsignmentPaymentView:
    return ConsignmentPaymentView(
        payment_id=payment.id,
        cooperative_id=payment.cooperative_id,
        cooperative=cooperative,
        amount=payment.amount,
        at=payment.at,
        note=payment.note,
    )
