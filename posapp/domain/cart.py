"""The cart being rung up: lines, discounts, totals and VAT — rules only, no storage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

from posapp.domain.errors import InvalidInput
from posapp.domain.money import QTY_SCALE, allocate, div_round_half_up, line_amount
from posapp.domain.vat import TaxCategory, VatGroup, vat_breakdown, vat_rate
from posapp.i18n import _

MAX_QTY_MILLI = 100_000 * QTY_SCALE


@dataclass(frozen=True)
class SaleItem:
    """What the till knows of a product when it is rung up: a snapshot, not a live record."""

    product_id: int
    barcode: str
    name: str
    name_en: str
    unit: str
    weighed: bool
    unit_price: int
    tax_category: TaxCategory
    cooperative_id: int
    cooperative: str
    province: str
    ocop_stars: int | None
    ocop_group: str
    unit_cost: int
    supply_kind: str
    payout: int | None
    story_url: str = ""  # the product's story page, a QR code on the receipt (not kept on the sale line)


@dataclass(frozen=True)
class CartLine:
    item: SaleItem
    qty_milli: int
    discount: int = 0

    @cached_property
    def gross(self) -> int:  # cached: a 200-line cart is re-totalled at every scan
        return line_amount(self.item.unit_price, self.qty_milli)

    @property
    def total(self) -> int:
        return self.gross - self.discount


@dataclass(frozen=True)
class PricedLine:
    """A cart line as it will be written: the sale discount spread onto it, its VAT rate fixed."""

    line: CartLine
    discount_share: int
    total: int
    vat_rate: int


def _check_qty(item: SaleItem, qty_milli: int) -> None:
    if qty_milli <= 0:
        raise InvalidInput(_("The quantity must be more than zero."))
    if qty_milli > MAX_QTY_MILLI:
        raise InvalidInput(_("That quantity is too large for one line."))
    if not item.weighed and qty_milli % QTY_SCALE:
        raise InvalidInput(_("This item is sold by the piece: the quantity must be a whole number."))


@dataclass
class Cart:
    lines: list[CartLine] = field(default_factory=list)
    discount_bp: int = 0
    discount_amount: int | None = None
    """A sale discount given in dong (kept exact, capped at the subtotal); None: the percentage applies."""

    def add(self, item: SaleItem, qty_milli: int = QTY_SCALE) -> int:
        """Add an item; a repeated piece item raises its line's quantity. Returns the line's index."""
        _check_qty(item, qty_milli)
        if not item.weighed:
            for index, line in enumerate(self.lines):
                if line.item.product_id == item.product_id and not line.item.weighed:
                    self.set_quantity(index, line.qty_milli + qty_milli)
                    return index
        self.lines.append(CartLine(item=item, qty_milli=qty_milli))
        return len(self.lines) - 1

    def _line(self, index: int) -> CartLine:
        if not 0 <= index < len(self.lines):
            raise InvalidInput(_("There is no such line in the cart."))
        return self.lines[index]

    def set_quantity(self, index: int, qty_milli: int) -> None:
        line = self._line(index)
        _check_qty(line.item, qty_milli)
        updated = replace(line, qty_milli=qty_milli)
        # A quantity cut below an existing line discount keeps the discount within the line.
        self.lines[index] = replace(updated, discount=min(updated.discount, updated.gross))

    def remove(self, index: int) -> CartLine:
        self._line(index)
        return self.lines.pop(index)

    def set_line_discount(self, index: int, amount: int) -> None:
        line = self._line(index)
        if not 0 <= amount <= line.gross:
            raise InvalidInput(_("A line discount must be between zero and the line's amount."))
        self.lines[index] = replace(line, discount=amount)

    def set_line_discount_percent(self, index: int, basis_points: int) -> None:
        line = self._line(index)
        self.set_line_discount(index, div_round_half_up(line.gross * basis_points, 10_000))

    def set_discount(self, basis_points: int) -> None:
        if not 0 <= basis_points <= 10_000:
            raise InvalidInput(_("A discount must be between 0 and 100 percent."))
        self.discount_bp = basis_points
        self.discount_amount = None

    def set_discount_amount(self, amount: int) -> None:
        """A sale discount of exactly `amount` dong."""
        if not 0 <= amount <= self.subtotal:
            raise InvalidInput(_("A discount must be between zero and the sale's amount."))
        self.discount_bp = 0
        self.discount_amount = amount

    def clear(self) -> None:
        self.lines.clear()
        self.discount_bp = 0
        self.discount_amount = None

    @property
    def is_empty(self) -> bool:
        return not self.lines

    @property
    def subtotal(self) -> int:
        return sum(line.total for line in self.lines)

    @property
    def discount(self) -> int:
        if self.discount_amount is not None:
            return min(self.discount_amount, self.subtotal)  # lines removed later may shrink the sale
        return div_round_half_up(self.subtotal * self.discount_bp, 10_000)

    @property
    def total(self) -> int:
        return self.subtotal - self.discount

    def priced_lines(self, day: date) -> list[PricedLine]:
        return price_lines(self.lines, self.discount, day)

    def vat(self, day: date) -> list[VatGroup]:
        return vat_breakdown((p.vat_rate, p.total) for p in self.priced_lines(day))


def price_lines(lines: Sequence[CartLine], sale_discount: int, day: date) -> list[PricedLine]:
    """Spread the sale discount over the lines by their totals and fix each line's VAT rate for `day`."""
    totals = [line.total for line in lines]
    shares = allocate(sale_discount, totals)
    rates = {category: vat_rate(category, day) for category in TaxCategory}
    return [
        PricedLine(
            line=line, discount_share=share, total=total - share, vat_rate=rates[line.item.tax_category]
        )
        for line, share, total in zip(lines, shares, totals, strict=True)
    ]
