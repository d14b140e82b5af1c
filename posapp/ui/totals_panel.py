"""The totals a customer reads from across the counter: subtotal, discount, TOTAL, VAT, item count."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from posapp.domain.cart import Cart, price_lines
from posapp.domain.money import QTY_SCALE, format_vnd
from posapp.domain.vat import vat_breakdown, vat_rate_label
from posapp.i18n import _

TOTAL_POINTS = 38


def item_count(cart: Cart) -> int:
    """Pieces counted one by one; a weighed line counts as one item."""
    return sum(1 if line.item.weighed else line.qty_milli // QTY_SCALE for line in cart.lines)


class TotalsPanel(QFrame):
    """Read top to bottom like a receipt: the figures, the VAT in them, and the TOTAL at the foot, largest."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(6)
        figures = QGridLayout()
        figures.setHorizontalSpacing(12)
        figures.setVerticalSpacing(8)
        self.items = self._figure(figures, 0, _("Items"))
        self.subtotal = self._figure(figures, 1, _("Subtotal"))
        self.discount = self._figure(figures, 2, _("Discount"))
        layout.addLayout(figures)
        self.vat = QLabel()
        self.vat.setObjectName("vatLine")
        self.vat.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.vat.setWordWrap(True)
        layout.addWidget(self.vat)
        layout.addStretch(1)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setStyleSheet("color: #d3dce4;")
        layout.addWidget(rule)
        caption = QLabel(_("TOTAL"))
        caption.setObjectName("totalCaption")
        layout.addWidget(caption)
        self.total = QLabel(format_vnd(0))
        self.total.setObjectName("totalAmount")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.total)
        self._points = 0

    @staticmethod
    def _figure(grid: QGridLayout, row: int, caption: str) -> QLabel:
        label = QLabel(caption)
        label.setObjectName("figure")
        value = QLabel(format_vnd(0))
        value.setObjectName("figure")
        value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(label, row, 0)
        grid.addWidget(value, row, 1)
        return value

    def show_cart(self, cart: Cart, day: date) -> None:
        # One pricing pass serves the figures and the VAT: this runs at every scan, on carts of 200 lines.
        discount = cart.discount
        priced = price_lines(cart.lines, discount, day)
        gross = sum(p.line.gross for p in priced)
        total = sum(p.total for p in priced)
        self.subtotal.setText(format_vnd(gross))
        self.discount.setText(f"−{format_vnd(gross - total)}" if gross != total else format_vnd(0))
        self._show_total(format_vnd(total))
        self.items.setText(str(item_count(cart)))
        lines = [
            _("VAT {rate} included: {vat} (on {gross})").format(
                rate=vat_rate_label(group.rate), vat=format_vnd(group.vat), gross=format_vnd(group.gross)
            )
            for group in vat_breakdown((p.vat_rate, p.total) for p in priced)
            if group.gross
        ]
        self.vat.setText("\n".join(lines))

    def _show_total(self, text: str) -> None:
        """The TOTAL as large as the panel allows: a shop's biggest sale must not be cut off."""
        self.total.setText(text)
        font = QFont(self.total.font())
        font.setPointSize(TOTAL_POINTS)
        font.setBold(True)
        room = self.width() - 40 if self.width() > 100 else 340
        while font.pointSize() > 16 and QFontMetrics(font).horizontalAdvance(text) > room:
            font.setPointSize(font.pointSize() - 2)
        if font.pointSize() != self._points:  # re-styling costs; a scan rarely changes the size
            self._points = font.pointSize()
            self.total.setStyleSheet(f"font-size: {self._points}pt;")
