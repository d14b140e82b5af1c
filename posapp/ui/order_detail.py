"""One purchase order in detail: its lines, what has arrived, what is still owed, what is being received now;
a draft's lines change here too (quantity, unit cost, products added or taken off)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from posapp.domain.errors import InvalidInput
from posapp.domain.money import format_vnd, parse_qty, parse_vnd
from posapp.domain.reorder import line_value
from posapp.i18n import _
from posapp.services.supply_dto import OrderLineInput, OrderLineView, PurchaseOrderView, ReceivedItem
from posapp.shop import Shop
from posapp.ui.product_picker import ProductPicker
from posapp.ui.supply_kit import day_text, make_table, muted, parse_day, qty_text, selected_row, when_text
from posapp.ui.supply_models_qt import Col, RowsModel, Tone

RECEIVABLE = ("draft", "sent", "partly_received")  # a draft too: some orders are placed by phone
EDITABLE = ("draft",)  # once sent, an order is changed by cancelling it and ordering again


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


def _number(text: str) -> str:
    """The number of a cell typed over its shown text ("6 chai", "120.000 ₫"): its first word."""
    return text.split()[0] if text.strip() else ""


def edit_receive(row: ReceiveRow, text: str) -> ReceiveRow:
    amount = parse_qty(_number(text) or "0", row.line.weighed)
    if amount < 0:
        raise InvalidInput(_("A quantity received cannot be negative."))
    return replace(row, receive_milli=amount)


def edit_ordered(row: ReceiveRow, text: str) -> ReceiveRow:
    amount = parse_qty(_number(text) or "0", row.line.weighed)
    if amount <= 0:
        raise InvalidInput(_("Type a quantity more than zero; “Remove line” takes a product off the order."))
    line = replace(row.line, qty_ordered_milli=amount, value=line_value(amount, row.line.unit_cost))
    return replace(row, line=line)


def edit_cost(row: ReceiveRow, text: str) -> ReceiveRow:
    if not text.strip():
        raise InvalidInput(_("Type the unit cost in dong."))
    cost = parse_vnd(text)
    if cost < 0:
        raise InvalidInput(_("A cost cannot be negative."))
    return replace(row, line=replace(row.line, unit_cost=cost, value=line_value(row.line.qty_ordered_milli, cost)))


def receive_columns(receiving: bool, editing: bool = False) -> list[Col[ReceiveRow]]:
    """The lines' columns; `receiving` opens "Receive now", lot and best-before, `editing` (a draft) opens
    the quantity ordered and the unit cost."""

    def can_edit(_row: ReceiveRow) -> bool:
        return receiving

    def can_change(_row: ReceiveRow) -> bool:
        return editing

    def backorder_tone(row: ReceiveRow) -> Tone:
        return Tone.WARNING if row.line.backorder_milli and row.line.qty_received_milli else Tone.PLAIN

    return [
        Col(
            _("Product"),
            lambda r: r.line.name,
            tooltip=lambda r: f"{r.line.barcode} · {format_vnd(r.line.unit_cost)} / {r.line.unit}",
        ),
        Col(
            _("Ordered"),
            lambda r: _qty(r, r.line.qty_ordered_milli),
            right=True,
            edit=edit_ordered,
            editable=can_change,
        ),
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
        Col(
            _("Unit cost"),
            lambda r: format_vnd(r.line.unit_cost),
            right=True,
            edit=edit_cost,
            editable=can_change,
        ),
        Col(_("Value"), lambda r: format_vnd(r.line.value), right=True),
    ]


def _hint(editing: bool) -> str:
    if editing:
        return _("A draft can still change: type in “Ordered” or “Unit cost”, add or remove products below.")
    return _("Type what arrived in “Receive now” (with the lot and best-before of food); the rest stays on backorder.")


ORDERED_COLUMN, RECEIVE_COLUMN, LOT_COLUMN, BEST_BEFORE_COLUMN, COST_COLUMN = 1, 4, 5, 6, 7


class OrderDetail(QFrame):
    """The order's lines. A draft's typed quantity or cost is announced by `line_edited(po_no, OrderLineView)`;
    the screen writes it and shows the order again (the draft bar's buttons are the screen's to connect)."""

    line_edited = Signal(str, object)  # the draft's number; its OrderLineView as typed (quantity, unit cost)

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
        self.model.edited.connect(self._edited)
        self.table = make_table(self.model, stretch=0, editable=True)
        self.hint = muted()
        self.title_row = QHBoxLayout()  # the order's number and status, and room for its document buttons
        self.title_row.addWidget(self.title, 1)
        layout.addLayout(self.title_row)
        for widget in (self.facts, self.problem):
            layout.addWidget(widget)
        layout.addWidget(self.table, 1)
        self.draft_bar = self._draft_bar()
        layout.addWidget(self.draft_bar)
        layout.addWidget(self.hint)
        self.show_order(None)

    def _draft_bar(self) -> QWidget:
        """Adding a product of the order's cooperative, and taking the chosen line off: drafts only."""
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        self.picker = ProductPicker(self.shop.catalog)
        self.add_qty = QLineEdit()
        self.add_qty.setPlaceholderText(_("quantity"))
        self.add_qty.setMaximumWidth(110)
        self.add_button = QPushButton(_("Add to order"))
        self.remove_button = QPushButton(_("Remove line"))
        self.add_qty.returnPressed.connect(self.add_button.click)
        row.addWidget(self.picker, 1)
        row.addWidget(self.add_qty)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        return bar

    @property
    def receiving(self) -> bool:
        return self.order is not None and self.order.status in RECEIVABLE

    @property
    def editing(self) -> bool:
        return self.order is not None and self.order.status in EDITABLE

    def show_order(self, order: PurchaseOrderView | None) -> None:
        """Show `order`; the same order shown again (after a line changed) keeps what is typed to receive."""
        pending = {}
        if order is not None and self.order is not None and order.po_no == self.order.po_no:
            pending = {row.line.product_id: row for row in self.model.rows()}
        was_for = self.order.cooperative_id if self.order is not None else None
        self.order = order
        if order is None:
            self.title.setText(_("Choose an order on the left."))
            self.facts.clear()
            self.problem.hide()
            self.model.set_rows([])
            self.hint.hide()
            self.draft_bar.hide()
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
        self.model.columns = receive_columns(self.receiving, self.editing)
        rows = []
        for line in order.lines:
            kept = pending.get(line.product_id)
            rows.append(ReceiveRow(line) if kept is None else replace(kept, line=line))
        self.model.set_rows(rows)
        self.hint.setText(_hint(self.editing))
        self.hint.setVisible(self.receiving)
        self.draft_bar.setVisible(self.editing)
        if self.editing and was_for != order.cooperative_id:
            self.picker.set_cooperative(order.cooperative_id)
            self.add_qty.clear()

    def _edited(self, row: int) -> None:
        """A typed quantity ordered or unit cost (not what is being received) goes to the screen to write."""
        if self.order is None or not self.editing:
            return
        typed = self.model.row(row).line
        stored = next((line for line in self.order.lines if line.product_id == typed.product_id), None)
        if stored is not None and (typed.qty_ordered_milli, typed.unit_cost) != (
            stored.qty_ordered_milli,
            stored.unit_cost,
        ):
            self.line_edited.emit(self.order.po_no, typed)

    def selected_line(self) -> OrderLineView | None:
        row = selected_row(self.table)
        return self.model.row(row).line if 0 <= row < self.model.rowCount() else None

    def entered_line(self) -> OrderLineInput:
        """The product chosen in the draft bar and the quantity typed for it, at its current cost."""
        product = self.picker.product
        if product is None:
            raise InvalidInput(_("Choose the product to add: scan its barcode or type part of its name."))
        typed = self.add_qty.text().strip()
        amount = parse_qty(typed, product.weighed) if typed else 0
        if amount <= 0:
            raise InvalidInput(_("Type how many to order of “{name}”.").format(name=product.name))
        return OrderLineInput(product.id, amount)

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
