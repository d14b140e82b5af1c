"""What is running low, grouped by cooperative: the manager edits the quantities and approves draft orders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QWidget

from posapp.domain.errors import InvalidInput
from posapp.domain.money import format_qty, format_vnd, parse_qty
from posapp.domain.reorder import DEFAULT_COVER_DAYS, DEFAULT_WINDOW_DAYS, line_value
from posapp.i18n import _, ngettext
from posapp.services.purchasing import PurchasingService
from posapp.services.supply_dto import CooperativeSuggestion, OrderLineInput, OrderRequest, SuggestionLine
from posapp.ui.context import ViewContext
from posapp.ui.supply_kit import BackOfficeView, button, make_table, muted, roomy, selected_row
from posapp.ui.supply_models_qt import Col, RowsModel, Tone


@dataclass(frozen=True)
class GroupRow:
    """A cooperative above its products: where the order goes and what it is worth at cost."""

    cooperative_id: int
    cooperative: str
    email: str
    value: int


@dataclass(frozen=True)
class LineRow:
    cooperative_id: int
    line: SuggestionLine
    order_milli: int  # what the manager will order; starts at the suggestion

    @property
    def value(self) -> int:
        return line_value(self.order_milli, self.line.unit_cost)


Row = GroupRow | LineRow


def qty(line: SuggestionLine, qty_milli: int) -> str:
    return f"{format_qty(qty_milli, line.weighed)} {line.unit}".strip()


def per_day(line: SuggestionLine) -> str:
    return f"{line.velocity:.2f}".replace(".", ",")


def edit_order(row: Row, text: str) -> Row:
    assert isinstance(row, LineRow)
    ordered = parse_qty(text.split()[0] if text.strip() else "0", row.line.weighed)
    if ordered < 0:
        raise InvalidInput(_("An order quantity cannot be negative."))
    return replace(row, order_milli=ordered)


def of_line(show: Callable[[LineRow], str]) -> Callable[[Row], str]:
    """A column's text for product lines only (group rows leave it empty)."""
    return lambda r: show(r) if isinstance(r, LineRow) else ""


def reorder_columns(window_days: int) -> list[Col[Row]]:
    def name(r: Row) -> str:
        if isinstance(r, GroupRow):
            email = r.email or _("no email: add one to send orders")
            return f"{r.cooperative}  ·  {email}"
        return f"    {r.line.name}"

    def order_tone(r: Row) -> Tone:
        if isinstance(r, LineRow) and r.order_milli != r.line.suggested_milli:
            return Tone.GOOD
        return Tone.PLAIN

    def group_tone(r: Row) -> Tone:
        return Tone.DANGER if isinstance(r, GroupRow) and not r.email else Tone.PLAIN

    return [
        Col(_("Cooperative / product"), name, tone=group_tone),
        Col(_("On hand"), of_line(lambda r: qty(r.line, r.line.on_hand_milli)), right=True),
        Col(_("On order"), of_line(lambda r: qty(r.line, r.line.on_order_milli)), right=True),
        Col(
            _("Sold in {days} days").format(days=window_days),
            of_line(lambda r: qty(r.line, r.line.sold_milli)),
            right=True,
        ),
        Col(_("Per day"), of_line(lambda r: per_day(r.line)), right=True),
        Col(_("Reorder point"), of_line(lambda r: qty(r.line, r.line.reorder_point_milli)), right=True),
        Col(_("Suggested"), of_line(lambda r: qty(r.line, r.line.suggested_milli)), right=True),
        Col(
            _("To order"),
            of_line(lambda r: qty(r.line, r.order_milli)),
            right=True,
            tone=order_tone,
            edit=edit_order,
            editable=lambda r: isinstance(r, LineRow),
        ),
        Col(_("Unit cost"), of_line(lambda r: format_vnd(r.line.unit_cost)), right=True),
        Col(_("Value at cost"), lambda r: format_vnd(r.value), right=True),
    ]


ORDER_COLUMN, VALUE_COLUMN = 7, 9


def rows_of(suggestions: list[CooperativeSuggestion]) -> list[Row]:
    rows: list[Row] = []
    for s in suggestions:
        rows.append(GroupRow(s.cooperative_id, s.cooperative, s.email, s.value))
        rows.extend(LineRow(s.cooperative_id, line, line.suggested_milli) for line in s.lines)
    return rows


class ReorderView(BackOfficeView):
    orders_created = Signal(list)  # the new draft orders' numbers: the host may open the orders screen

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Reorder"), parent)
        self.purchasing = PurchasingService(self.shop.sessions, self.shop.clock)
        top = QHBoxLayout()
        self.window_days = QSpinBox()
        roomy(self.window_days)
        self.window_days.setRange(1, 366)
        self.window_days.setValue(DEFAULT_WINDOW_DAYS)
        self.window_days.setSuffix(_(" days"))
        self.cover_days = QSpinBox()
        roomy(self.cover_days)
        self.cover_days.setRange(0, 366)
        self.cover_days.setValue(DEFAULT_COVER_DAYS)
        self.cover_days.setSuffix(_(" days"))
        for caption, widget in ((_("Sales over"), self.window_days), (_("Stock to last"), self.cover_days)):
            label = QLabel(caption)
            label.setObjectName("field")
            top.addWidget(label)
            top.addWidget(widget)
            top.addSpacing(12)
        top.addWidget(button(_("Recalculate"), self.refresh))
        top.addStretch(1)
        self.outer.addLayout(top)
        self.explain = muted(
            _(
                "Suggested: what sells during the lead time and the days of cover, less what is on hand "
                "and on order, in whole packs. Change any quantity in the To order column (0 leaves it out)."
            )
        )
        self.outer.addWidget(self.explain)
        self.model: RowsModel[Row] = RowsModel(
            reorder_columns(DEFAULT_WINDOW_DAYS), group=lambda r: isinstance(r, GroupRow)
        )
        self.model.edited.connect(self._edited)
        self.model.rejected.connect(self.fail)
        self.table = make_table(self.model, stretch=0, editable=True)
        self.outer.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.total = QLabel()
        self.total.setObjectName("subheading")
        bottom.addWidget(self.total, 1)
        self.approve_one_button = button(_("Order from this cooperative"), self.approve_selected)
        self.approve_button = button(_("Approve all: create draft orders"), self.approve_all, primary=True)
        bottom.addWidget(self.approve_one_button)
        bottom.addWidget(self.approve_button)
        self.outer.addLayout(bottom)
        self.refresh()

    def refresh(self) -> None:
        window, cover = self.window_days.value(), self.cover_days.value()
        suggestions = self.attempt(
            lambda: self.purchasing.reorder_suggestions(window_days=window, cover_days=cover)
        )
        self.model.columns = reorder_columns(window)
        self.model.set_rows(rows_of(suggestions or []))
        self.table.clearSpans()
        for row, shown in enumerate(self.model.rows()):
            if isinstance(shown, GroupRow):  # the cooperative's name and email across the figures' columns
                self.table.setSpan(row, 0, 1, VALUE_COLUMN)
        self._totals()

    def _edited(self, row: int) -> None:
        self.banner.dismiss()
        edited = self.model.row(row)
        for index, shown in enumerate(self.model.rows()):
            if isinstance(shown, GroupRow) and shown.cooperative_id == edited.cooperative_id:
                self.model.replace(index, replace(shown, value=self._value_of(shown.cooperative_id)))
        self._totals()

    def _lines(self, cooperative_id: int) -> list[LineRow]:
        return [r for r in self.model.rows() if isinstance(r, LineRow) and r.cooperative_id == cooperative_id]

    def _value_of(self, cooperative_id: int) -> int:
        return sum(r.value for r in self._lines(cooperative_id))

    def _totals(self) -> None:
        groups = [r for r in self.model.rows() if isinstance(r, GroupRow)]
        lines = [r for r in self.model.rows() if isinstance(r, LineRow) and r.order_milli > 0]
        if not groups:
            self.total.setText(_("Nothing needs ordering now."))
        else:
            count = ngettext("{count} product", "{count} products", len(lines)).format(count=len(lines))
            self.total.setText(
                _("{products} from {cooperatives} cooperatives · {value} at cost").format(
                    products=count, cooperatives=len(groups), value=format_vnd(sum(r.value for r in lines))
                )
            )
        self.approve_button.setEnabled(bool(lines))
        self.approve_one_button.setEnabled(bool(lines))

    def request_for(self, cooperative_id: int) -> OrderRequest | None:
        lines = tuple(
            OrderLineInput(r.line.product_id, r.order_milli, r.line.unit_cost)
            for r in self._lines(cooperative_id)
            if r.order_milli > 0
        )
        return OrderRequest(cooperative_id, lines) if lines else None

    def approve_all(self) -> None:
        ids = [r.cooperative_id for r in self.model.rows() if isinstance(r, GroupRow)]
        self._approve([request for i in ids if (request := self.request_for(i)) is not None])

    def approve_selected(self) -> None:
        row = selected_row(self.table)
        if row < 0:
            self.warn(_("Choose a cooperative or one of its products first."))
            return
        request = self.request_for(self.model.row(row).cooperative_id)
        if request is None:
            self.warn(_("Every quantity for this cooperative is 0: nothing to order."))
            return
        self._approve([request])

    def _approve(self, requests: list[OrderRequest]) -> None:
        if not requests:
            return
        value = sum(self._value_of(r.cooperative_id) for r in requests)
        question = ngettext(
            "Create {count} draft order worth {value} at cost?",
            "Create {count} draft orders worth {value} at cost?",
            len(requests),
        ).format(count=len(requests), value=format_vnd(value))
        if not self.context.dialogs.confirm(_("Create orders"), question):
            return
        orders = self.protected(
            lambda approval: self.purchasing.create_orders(requests, actor=self.context.actor(), approval=approval),
            question,
        )
        if orders is None:
            return
        numbers = [order.po_no for order in orders]
        self.refresh()
        self.inform(
            _("Draft orders {numbers} created: check and send them on the Orders screen.").format(
                numbers=", ".join(numbers)
            )
        )
        self.orders_created.emit(numbers)
