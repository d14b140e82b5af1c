"""Checkout: ring up a cart, take payment, write the sale whole or not at all; refunds."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from posapp.db.engine import SessionFactory
from posapp.db.models import Product, Sale, SaleLine
from posapp.db.prepared import driver_transaction
from posapp.domain import barcodes as bc
from posapp.domain.cart import Cart, PricedLine
from posapp.domain.errors import InvalidInput, NotFound
from posapp.domain.money import QTY_SCALE, div_round_half_up, format_qty
from posapp.domain.staff import Actor, Approval, Permission, over_discount_limit
from posapp.domain.tender import PaymentMethod, Settlement, Tender, settle
from posapp.domain.vat import vat_breakdown
from posapp.i18n import _
from posapp.services.authority import authorize
from posapp.services.catalog import CatalogService, find_product_by_code
from posapp.services.clock import ShopClock
from posapp.services.dto import PaymentView, Receipt, ReceiptLine
from posapp.services.ledger import LedgerWriter, next_receipt, row_of, write_receipt
from posapp.services.shifts import check_cart_discount, open_shift_id
from posapp.settings import StaffRules


@dataclass(frozen=True)
class RefundRequest:
    """Return `qty_milli` of the product with this barcode (or scale label); None qty: all that is left."""

    code: str
    qty_milli: int | None = None


Row = dict[str, Any]


def build_receipt(
    sale: Row,
    lines: Sequence[Row],
    payments: Sequence[Row],
    original_no: str | None,
    story_urls: Mapping[int, str] | None = None,
) -> Receipt:
    """The receipt DTO from a sale's rows (as written, or as read back); `story_urls` are the products' story
    pages by product id, printed as QR codes (a sale line keeps no link: it is the product's page now)."""
    stories = story_urls or {}
    return Receipt(
        receipt_no=sale["receipt_no"],
        kind=sale["kind"],
        at=sale["at"],
        till=sale["till_code"],
        cashier=sale["cashier"],
        lines=tuple(
            ReceiptLine(
                barcode=line["barcode"],
                name=line["name"],
                name_en=line["name_en"],
                unit=line["unit"],
                weighed=line["weighed"],
                qty_milli=line["qty_milli"],
                unit_price=line["unit_price"],
                gross=line["gross"],
                discount=line["line_discount"],
                discount_share=line["discount_share"],
                total=line["gross"] - line["line_discount"],
                vat_rate=line["vat_rate"],
                cooperative=line["cooperative_name"],
                province=line["province"],
                ocop_stars=line["ocop_stars"],
                story_url=stories.get(line["product_id"], ""),
            )
            for line in lines
        ),
        subtotal=sale["subtotal"],
        discount=sale["discount"],
        total=sale["total"],
        vat=tuple(vat_breakdown((line["vat_rate"], line["total"]) for line in lines)),
        payments=tuple(
            PaymentView(method=p["method"], amount=p["amount"], reference=p["reference"]) for p in payments
        ),
        change=sale["change"],
        original_receipt_no=original_no,
    )


def story_urls(session: Session, product_ids: Iterable[int]) -> dict[int, str]:
    """The story pages of a receipt's products that have one: one query for the whole receipt."""
    ids = sorted(set(product_ids))
    if not ids:
        return {}
    rows = session.execute(select(Product.id, Product.story_url).where(Product.id.in_(ids), Product.story_url != ""))
    return {product_id: url for product_id, url in rows}


def receipt_view(session: Session, sale: Sale, original_receipt_no: str | None = None) -> Receipt:
    """A stored receipt read back (a reprint), with its products' story pages."""
    return build_receipt(
        row_of(sale),
        [row_of(line) for line in sale.lines],
        [row_of(p) for p in sale.payments],
        original_receipt_no,
        story_urls(session, (line.product_id for line in sale.lines)),
    )


def _load_sale(session: Session, receipt_no: str) -> Sale:
    sale = session.scalar(
        select(Sale)
        .where(Sale.receipt_no == receipt_no.strip().upper())
        .options(selectinload(Sale.lines), selectinload(Sale.payments))
    )
    if sale is None:
        raise NotFound(_("There is no receipt {receipt_no}.").format(receipt_no=receipt_no.strip()))
    return sale


class CheckoutService:
    def __init__(
        self, sessions: SessionFactory, clock: ShopClock | None = None, rules: StaffRules | None = None
    ) -> None:
        self._sessions = sessions
        self._clock = clock or ShopClock()
        self._rules = rules or StaffRules()
        self._catalog = CatalogService(sessions)

    def scan(self, cart: Cart, code: str) -> int:
        """Add what a barcode names to the cart; returns the index of the line it landed on."""
        result = self._catalog.lookup(code)
        return cart.add(result.item, result.qty_milli)

    def complete_sale(
        self,
        cart: Cart,
        tenders: Sequence[Tender],
        till: str,
        at: datetime | None = None,
        cashier: str = "",
        *,
        actor: Actor,
        approval: Approval | None = None,
    ) -> Receipt:
        """Write sale, lines, payments and stock movements in one transaction, or nothing at all.

        The sale joins the till's open shift, if one is open. A discount above the shop's limit needs
        `actor` to be allowed it, or a manager's `approval`; it is then written to the audit log with the sale.
        """
        if cart.is_empty:
            raise InvalidInput(_("The cart is empty: scan an item first."))
        when = self._clock.resolve(at)
        priced = cart.priced_lines(self._clock.local_day(when))
        settlement = settle(cart.total, tenders)
        gross = sum(line.gross for line in cart.lines)
        if over_discount_limit(gross - cart.total, gross, self._rules.discount_limit_bp):
            # Rare: the audit log and the approval join the sale's transaction, through the ORM session.
            with self._sessions.begin() as session:
                check_cart_discount(session, actor, approval, cart, self._rules, self._clock)
                writer = LedgerWriter.within(session)
                return self._write_sale(writer, cart, priced, settlement, till, when, cashier, actor)
        engine = self._sessions.kw["bind"]
        with driver_transaction(engine) as cursor:
            ledger = LedgerWriter(cursor, engine.dialect)
            return self._write_sale(ledger, cart, priced, settlement, till, when, cashier, actor)

    def _write_sale(
        self,
        ledger: LedgerWriter,
        cart: Cart,
        priced: Sequence[PricedLine],
        settlement: Settlement,
        till: str,
        when: datetime,
        cashier: str,
        actor: Actor,
    ) -> Receipt:
        seq, receipt_no = ledger.next_receipt(till)
        sale: Row = {
            "receipt_no": receipt_no,
            "till_code": receipt_no.rsplit("-", 1)[0],
            "seq": seq,
            "kind": "sale",
            "at": when,
            "subtotal": cart.subtotal,
            "discount_bp": cart.discount_bp,
            "discount": cart.discount,
            "total": cart.total,
            "change": settlement.change,
            "cashier": cashier or actor.name,
            "cashier_id": actor.user_id,
            "shift_id": ledger.open_shift(till),
            "original_sale_id": None,
        }
        lines = [
            {
                "position": position,
                "at": when,
                "product_id": p.line.item.product_id,
                "barcode": p.line.item.barcode,
                "name": p.line.item.name,
                "name_en": p.line.item.name_en,
                "unit": p.line.item.unit,
                "weighed": p.line.item.weighed,
                "qty_milli": p.line.qty_milli,
                "unit_price": p.line.item.unit_price,
                "gross": p.line.gross,
                "line_discount": p.line.discount,
                "discount_share": p.discount_share,
                "total": p.total,
                "vat_rate": p.vat_rate,
                "tax_category": p.line.item.tax_category.value,
                "cooperative_id": p.line.item.cooperative_id,
                "cooperative_name": p.line.item.cooperative,
                "province": p.line.item.province,
                "ocop_group": p.line.item.ocop_group,
                "ocop_stars": p.line.item.ocop_stars,
                "unit_cost": p.line.item.unit_cost,
                "supply_kind": p.line.item.supply_kind,
                "payout": p.line.item.payout,
                "refund_of_line_id": None,
            }
            for position, p in enumerate(priced, start=1)
        ]
        payments = [
            {"method": t.method.value, "amount": t.amount, "reference": t.reference}
            for t in settlement.tenders
        ]
        ledger.write_receipt(sale, lines, payments, "sale")
        # The story pages came with the scanned items: no query on the till's write path.
        stories = {p.line.item.product_id: p.line.item.story_url for p in priced if p.line.item.story_url}
        return build_receipt(sale, lines, payments, None, stories)

    def receipt(self, receipt_no: str) -> Receipt:
        with self._sessions() as session:
            sale = _load_sale(session, receipt_no)
            original = session.get(Sale, sale.original_sale_id) if sale.original_sale_id else None
            return receipt_view(session, sale, original.receipt_no if original else None)

    def refund(
        self,
        receipt_no: str,
        items: Sequence[RefundRequest] = (),
        till: str = "",
        at: datetime | None = None,
        method: PaymentMethod | None = None,
        cashier: str = "",
        *,
        actor: Actor,
        approval: Approval | None = None,
    ) -> Receipt:
        """Refund all of a receipt, or some items of it: stock goes back, money goes out.

        Needs REFUND (a cashier brings a manager's approval); the refund joins the till's open shift.
        """
        when = self._clock.resolve(at)
        with self._sessions.begin() as session:
            original = _load_sale(session, receipt_no)
            if original.kind != "sale":
                raise InvalidInput(
                    _("Receipt {receipt_no} is itself a refund.").format(receipt_no=original.receipt_no)
                )
            refunded = _refunded_so_far(session, original)
            wanted = _refund_quantities(session, original, refunded, items)
            if not wanted:
                raise InvalidInput(
                    _("Everything on receipt {receipt_no} has already been refunded.").format(
                        receipt_no=original.receipt_no
                    )
                )
            seq, new_no = next_receipt(session, till or original.till_code)
            lines = []
            for position, (line, qty) in enumerate(wanted, start=1):
                before = refunded.get(line.id, 0)
                after = before + qty

                def part(amount: int, before: int = before, after: int = after, line: SaleLine = line) -> int:
                    # Cumulative rounding: refunds of a line add up to exactly the line, however split.
                    return div_round_half_up(amount * after, line.qty_milli) - div_round_half_up(
                        amount * before, line.qty_milli
                    )

                gross, line_discount, share = (
                    part(line.gross),
                    part(line.line_discount),
                    part(line.discount_share),
                )
                lines.append(
                    row_of(line)
                    | {
                        "position": position,
                        "at": when,
                        "qty_milli": -qty,
                        "gross": -gross,
                        "line_discount": -line_discount,
                        "discount_share": -share,
                        "total": -(gross - line_discount - share),
                        "refund_of_line_id": line.id,
                    }
                )
            subtotal = sum(line["gross"] - line["line_discount"] for line in lines)
            discount = sum(line["discount_share"] for line in lines)
            refund: Row = {
                "receipt_no": new_no,
                "till_code": new_no.rsplit("-", 1)[0],
                "seq": seq,
                "kind": "refund",
                "at": when,
                "subtotal": subtotal,
                "discount_bp": 0,
                "discount": discount,
                "total": subtotal - discount,
                "change": 0,
                "cashier": cashier or (actor.name if actor.user_id is not None else ""),
                "original_sale_id": original.id,
                "shift_id": open_shift_id(session, new_no.rsplit("-", 1)[0]),
                "cashier_id": actor.user_id,
            }
            payments = [
                {
                    "method": (method or _refund_method(original)).value,
                    "amount": refund["total"],
                    "reference": "",
                }
            ]
            detail = {"receipt": new_no, "of": original.receipt_no, "amount": -refund["total"]}
            authorize(session, actor, Permission.REFUND, approval, detail, self._clock)
            write_receipt(session, refund, lines, payments, "refund")
            stories = story_urls(session, (line["product_id"] for line in lines))
            return build_receipt(refund, lines, payments, original.receipt_no, stories)


def _refund_method(original: Sale) -> PaymentMethod:
    methods = {p.method for p in original.payments}
    if len(methods) == 1:
        return PaymentMethod(methods.pop())
    return PaymentMethod.CASH


def _refunded_so_far(session: Session, original: Sale) -> dict[int, int]:
    rows = session.execute(
        select(SaleLine.refund_of_line_id, func.sum(-SaleLine.qty_milli))
        .where(SaleLine.refund_of_line_id.in_([line.id for line in original.lines]))
        .group_by(SaleLine.refund_of_line_id)
    )
    return {line_id: int(qty) for line_id, qty in rows if line_id is not None}


def _refund_quantities(
    session: Session, original: Sale, refunded: dict[int, int], items: Sequence[RefundRequest]
) -> list[tuple[SaleLine, int]]:
    """Which lines of `original` to refund and how much of each, checked against what is left."""
    left = {line.id: line.qty_milli - refunded.get(line.id, 0) for line in original.lines}
    if not items:
        return [(line, left[line.id]) for line in original.lines if left[line.id] > 0]
    wanted: dict[int, int] = {}
    for request in items:
        product, scanned_qty = find_product_by_code(session, request.code)
        lines = [line for line in original.lines if line.product_id == product.id]
        if not lines:
            raise InvalidInput(
                _("“{name}” is not on receipt {receipt_no}.").format(
                    name=product.name, receipt_no=original.receipt_no
                )
            )
        is_scale_label = bc.parse_weighed(request.code.strip()) is not None
        qty = (
            request.qty_milli if request.qty_milli is not None else (scanned_qty if is_scale_label else None)
        )
        available = sum(left[line.id] - wanted.get(line.id, 0) for line in lines)
        if qty is None:
            qty = available
        if not product.weighed and qty % QTY_SCALE:
            raise InvalidInput(_("This item is sold by the piece: the quantity must be a whole number."))
        if qty <= 0 or qty > available:
            raise InvalidInput(
                _("Only {qty} {unit} of “{name}” can still be refunded on receipt {receipt_no}.").format(
                    qty=format_qty(available, product.weighed),
                    unit=product.unit,
                    name=product.name,
                    receipt_no=original.receipt_no,
                )
            )
        for line in lines:
            take = min(qty, left[line.id] - wanted.get(line.id, 0))
            if take > 0:
                wanted[line.id] = wanted.get(line.id, 0) + take
                qty -= take
    return [(line, wanted[line.id]) for line in original.lines if wanted.get(line.id)]
