"""What is left to refund on a sale receipt, line by line, and what a chosen refund pays back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select

from posapp.db.engine import SessionFactory
from posapp.db.models import Barcode, Payment, Product, Sale, SaleLine
from posapp.domain import barcodes as bc
from posapp.domain.errors import InvalidInput, NotFound
from posapp.domain.money import div_round_half_up
from posapp.domain.tender import PaymentMethod
from posapp.i18n import _
from posapp.services.checkout import RefundRequest


@dataclass(frozen=True)
class RefundableLine:
    position: int
    product_id: int
    code: str  # what CheckoutService.refund finds the product by (its barcode, or a scale label for weighed goods)
    name: str
    unit: str
    weighed: bool
    qty_milli: int  # sold
    refunded_milli: int  # refunded before now
    gross: int
    line_discount: int
    discount_share: int

    @property
    def left_milli(self) -> int:
        return self.qty_milli - self.refunded_milli


@dataclass(frozen=True)
class RefundableReceipt:
    receipt_no: str
    lines: tuple[RefundableLine, ...]
    method: PaymentMethod  # how the money goes back unless the cashier says otherwise: as it was paid

    @property
    def anything_left(self) -> bool:
        return any(line.left_milli > 0 for line in self.lines)


def _refund_code(barcode: str, codes: list[str], plu: int | None, qty_milli: int) -> str:
    if barcode and barcode in codes:
        return barcode
    if codes:
        return codes[0]
    if plu is not None:
        # The label's weight is not used: the refund gives its quantity explicitly.
        return bc.weighed_code(plu, min(max(qty_milli, 1), 99_999))
    return barcode


def refundable(sessions: SessionFactory, receipt_no: str) -> RefundableReceipt:
    """The sale's lines with what was sold and what has been refunded of each so far."""
    with sessions() as session:
        sale = session.scalar(select(Sale).where(Sale.receipt_no == receipt_no.strip().upper()))
        if sale is None:
            raise NotFound(_("There is no receipt {receipt_no}.").format(receipt_no=receipt_no.strip()))
        if sale.kind != "sale":
            raise InvalidInput(_("Receipt {receipt_no} is itself a refund.").format(receipt_no=sale.receipt_no))
        lines = session.scalars(select(SaleLine).where(SaleLine.sale_id == sale.id).order_by(SaleLine.position)).all()
        refunded = dict(
            session.execute(
                select(SaleLine.refund_of_line_id, func.sum(-SaleLine.qty_milli))
                .where(SaleLine.refund_of_line_id.in_([line.id for line in lines]))
                .group_by(SaleLine.refund_of_line_id)
            ).all()
        )
        product_ids = {line.product_id for line in lines}
        codes: dict[int, list[str]] = {}
        for product_id, code in session.execute(
            select(Barcode.product_id, Barcode.code)
            .where(Barcode.product_id.in_(product_ids))
            .order_by(Barcode.product_id, Barcode.is_primary.desc(), Barcode.code)
        ):
            codes.setdefault(product_id, []).append(code)
        plus = dict(session.execute(select(Product.id, Product.plu).where(Product.id.in_(product_ids))).all())
        methods = set(session.scalars(select(Payment.method).where(Payment.sale_id == sale.id)))
        return RefundableReceipt(
            receipt_no=sale.receipt_no,
            lines=tuple(
                RefundableLine(
                    position=line.position,
                    product_id=line.product_id,
                    code=_refund_code(
                        line.barcode, codes.get(line.product_id, []), plus.get(line.product_id), line.qty_milli
                    ),
                    name=line.name,
                    unit=line.unit,
                    weighed=line.weighed,
                    qty_milli=line.qty_milli,
                    refunded_milli=int(refunded.get(line.id) or 0),
                    gross=line.gross,
                    line_discount=line.line_discount,
                    discount_share=line.discount_share,
                )
                for line in lines
            ),
            # The checkout pays a refund back the way the sale was paid, or in cash after a split payment.
            method=PaymentMethod(methods.pop()) if len(methods) == 1 else PaymentMethod.CASH,
        )


def refund_requests(receipt: RefundableReceipt, wanted: Mapping[int, int]) -> list[RefundRequest]:
    """The checkout's requests for `wanted` (line position → quantity in thousandths; zeros left out)."""
    return [
        RefundRequest(line.code, wanted[line.position])
        for line in receipt.lines
        if wanted.get(line.position, 0) > 0
    ]


def refund_total(receipt: RefundableReceipt, wanted: Mapping[int, int]) -> int:
    """What the refund of `wanted` pays back, in dong, rounded exactly as the checkout will write it.

    The checkout takes a product's quantity from its lines in receipt order, so this does the same.
    """
    taken: dict[int, int] = {}
    for line in receipt.lines:
        qty = wanted.get(line.position, 0)
        for same in receipt.lines:
            if qty <= 0:
                break
            if same.product_id == line.product_id:
                take = min(qty, same.left_milli - taken.get(same.position, 0))
                if take > 0:
                    taken[same.position] = taken.get(same.position, 0) + take
                    qty -= take
    total = 0
    for line in receipt.lines:
        qty = taken.get(line.position, 0)
        if not qty:
            continue
        before, after = line.refunded_milli, line.refunded_milli + qty

        def part(amount: int, before: int = before, after: int = after, sold: int = line.qty_milli) -> int:
            return div_round_half_up(amount * after, sold) - div_round_half_up(amount * before, sold)

        total += part(line.gross) - part(line.line_discount) - part(line.discount_share)
    return total
