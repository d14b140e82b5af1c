"""One purchase order in detail: its lines, what has arrived, what is still owed, and what is being received now."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from posapp.domain.errors import InvalidInput
from posapp.domain.money import format_vnd, parse_qty
from posapp.i18n import _
from posapp.services.supply_dto import OrderLineView, PurchaseOrderView, ReceivedItem
from posapp.shop import Shop
from posapp.ui.supply_kit import day_text, make_table, muted, parse_day, qty_text, when_text
from posapp.ui.supply_models_qt import Col, RowsModel, Tone

RECEIVABLE = ("draft", "sent", "partly_received")  # a draft too: some orders are placed by phone


def status_label(order: PurchaseOrderView) -> str:
    if order.in_outbox:
        return _("Outbox: not sent")
    return {
        "draft": _("Draft"),
        "sent": _("Sent"),
        "partly_received": _("Partly received"),
        "received": _("Received"),
        "cancelled": _("Cancelled"),
    }.get(order.status, order.status)


def status_tone(order: PurchaseOrderView) -> Tone:
    if order.in_outbox:
        return Tone.DANGER
    return {
        "partly_received": Tone.WARNING,
        "received": Tone.GOOD,
        "cancelled": Tone.MUTED,
    }.get(order.status, Tone.PLAIN)


@dataclass(frozen=True)
class ReceiveRow:
    """An order line and what the manager is receiving of it now (with its lot and best-before)."""

    line: OrderLineView
    receive_milli: int = 0
    lot_code: str = ""
    best_before: date | None = None


def _qty(row: ReceiveRow, qty_milli: int) -> str:
    return qty_text(qty_milli, row.line.weighed, row.line.unit)


def edit_receive(row: ReceiveRow, text: str) -> ReceiveRow:
    amount = parse_qty(text.split()[0] if text.strip() else "0", row.line.weighed)
    if amount < 0:
        raise InvalidInput(_("A quantity received cannot be negative."))
    return replace(row, receive_milli=amount)


def receive_columns(receiving: bool) -> list[Col[ReceiveRow]]:
    def can_edit(_row: ReceiveRow) -> bool:
        return receiving

    def backorder_tone(row: ReceiveRow) -> Tone:
        return Tone.WARNING if row.line.backorder_milli and row.line.qty_received_milli else Tone.PLAIN

    return [
        Col(
            _("Product"),
            lambda r: r.line.name,
            tooltip=lambda r: f"{r.line.barcode} · {format_vnd(r.line.unit_cost)} / {r.line.unit}",
        ),
        Col(_("Ordered"), lambda r: _qty(r, r.line.qty_ordered_milli), right=True),
        Col(_("Received"), lambda r: _qty(r, r.line.qty_received_milli), right=True),
        Col(_("Backorder"), lambda r: _qty(r, r.line.backorder_milli), right=True, tone=backorder_tone),
        Col(
            _("Receive now"),
            lambda r: _qty(r, r.receive_milli) if receiving and r.receive_milli else "",
            right=True,
            tone=lambda r: Tone.GOOD if r.receive_milli else Tone.PLAIN,
            edit=edit_receive,
            editable=can_edit,
        ),
        Col(
            _("Lot"),
            lambda r: r.lot_code,
            edit=lambda r, text: replace(r, lot_code=text.strip()),
            editable=can_edit,
        ),
        Col(
            _("Best before"),
            lambda r: day_text(r.best_before),
            edit=lambda r, text: replace(r, best_before=parse_day(text)),
            editable=can_edit,
        ),
        Col(_("Value"), lambda r: format_vnd(r.line.value), right=True),
    ]


RECEIVE_COLUMN, LOT_COLUMN, BEST_BEFORE_COLUMN = 4, 5, 6


class OrderDetail(QFrame):
    def __init__(self, shop: Shop, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.shop = shop
        self.order: PurchaseOrderView | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        self.title = QLabel(_("Choose an order on the left."))
        self.title.setObjectName("subheading")
        self.title.setWordWrap(True)
        self.facts = muted()
        self.problem = QLabel()
        self.problem.setObjectName("error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.model: RowsModel[ReceiveRow] = RowsModel(receive_columns(False))
        self.table = make_table(self.model, stretch=0, editable=True)
        self.hint = muted(
            _("Type what arrived in “Receive now” (with the lot and best-before of food); the rest stays on backorder.")
        )
        self.title_row = QHBoxLayout()  # the order's number and status, and room for its document buttons
        self.title_row.addWidget(self.title, 1)
        layout.addLayout(self.title_row)
        for widget in (self.facts, self.problem):
            layout.addWidget(widget)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        self.show_order(None)

    @property
    def receiving(self) -> bool:
        return self.order is not None and self.order.status in RECEIVABLE

    def show_order(self, order: PurchaseOrderView | None) -> None:
        self.order = order
        if order is None:
            self.title.setText(_("Choose an order on the left."))
            self.facts.clear()
            self.problem.hide()
            self.model.set_rows([])
            self.hint.hide()
            return
        self.title.setText(
            _("{po_no} · {cooperative} · {status}").format(
                po_no=order.po_no, cooperative=order.cooperative, status=status_label(order)
            )
        )
        facts = [
            order.cooperative_email or _("no email address"),
            _("created {when}").format(when=when_text(self.shop, order.created_at)),
        ]
        if order.sent_at is not None:
            facts.append(_("sent {when}").format(when=when_text(self.shop, order.sent_at)))
        facts.append(_("total {amount} at cost").format(amount=format_vnd(order.total)))
        if order.note:
            facts.append(order.note)
        self.facts.setText(" · ".join(facts))
        if order.last_error and order.status == "draft":
            self.problem.setText(
                _("Sending failed ({attempts}×): {error}").format(attempts=order.send_attempts, error=order.last_error)
            )
            self.problem.show()
        else:
            self.problem.hide()
        self.model.columns = receive_columns(self.receiving)
        self.model.set_rows([ReceiveRow(line) for line in order.lines])
        self.hint.setVisible(self.receiving)

    def fill_outstanding(self) -> None:
        """Everything still owed arrived: the usual case, then the manager corrects the odd line."""
        for row, shown in enumerate(self.model.rows()):
            self.model.replace(row, replace(shown, receive_milli=shown.line.backorder_milli))

    def received_items(self) -> list[ReceivedItem]:
        return [
            ReceivedItem(code=r.line.barcode, qty_milli=r.receive_milli, lot_code=r.lot_code, best_before=r.best_before)
            for r in self.model.rows()
            if r.receive_milli > 0
        ]
