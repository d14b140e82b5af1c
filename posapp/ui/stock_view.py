"""Stock for the manager: goods in (lots, best-before), adjustments with a reason, history, stocktake, expiring lots."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from posapp.domain.errors import InvalidInput
from posapp.domain.money import format_vnd, parse_qty, parse_vnd
from posapp.domain.ocop import OcopGroup
from posapp.domain.staff import Approval
from posapp.i18n import _, ngettext
from posapp.services.dto import MovementView, ProductView
from posapp.services.receiving import ReceivingService
from posapp.services.supply_dto import LotView, ReceivedItem
from posapp.ui.context import ViewContext
from posapp.ui.product_picker import ProductPicker
from posapp.ui.search_model import on_hand_text
from posapp.ui.stocktake_panel import StocktakePanel
from posapp.ui.supply_kit import (
    BackOfficeView,
    OptionalDate,
    button,
    day_text,
    make_table,
    muted,
    pairs_grid,
    qty_text,
    quiet_labels,
    roomy,
    when_text,
)
from posapp.ui.supply_models_qt import Col, RowsModel, Tone

# Goods that go off: they are received with a best-before date (crafts and tourism services are not).
PERISHABLE = (OcopGroup.FOOD, OcopGroup.BEVERAGE, OcopGroup.HERBAL)
REMOVALS = ("damaged", "expired", "sample", "lost")
LOT_DAYS = 30


def reason_label(reason: str) -> str:
    return {
        "damaged": _("Damaged"),
        "expired": _("Past its best-before"),
        "sample": _("Sample / tasting"),
        "lost": _("Lost"),
        "other": _("Other"),
        "count": _("Stocktake"),
    }.get(reason, reason)


def movement_label(kind: str) -> str:
    return {
        "receive": _("Received"),
        "sale": _("Sold"),
        "refund": _("Refunded"),
        "adjust": _("Adjusted"),
        "count": _("Stocktake"),
        "return": _("Returned to cooperative"),
    }.get(kind, kind)


def movement_reason(movement: MovementView) -> str:
    """The stored reason in words: "damaged: dropped" reads "Damaged: dropped"."""
    head, _sep, rest = movement.reason.partition(": ")
    if head in REMOVALS or head in ("other", "count"):
        return f"{reason_label(head)}: {rest}" if rest else reason_label(head)
    return movement.reason


def lot_tone(lot: LotView) -> Tone:
    if lot.expired:
        return Tone.DANGER
    return Tone.WARNING if lot.days_left is not None and lot.days_left <= 7 else Tone.PLAIN


def days_left_text(lot: LotView) -> str:
    if lot.days_left is None:
        return ""
    if lot.expired:
        return _("expired {days} days ago").format(days=-lot.days_left)
    return _("{days} days left").format(days=lot.days_left)


class StockView(BackOfficeView):
    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Stock"), parent)
        self.receiving = ReceivingService(self.shop.sessions, self.shop.clock)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._goods_page(), _("Goods in and adjustments"))
        self.stocktake = StocktakePanel(self)
        self.tabs.addTab(self.stocktake, _("Stocktake"))
        self.tabs.addTab(self._lots_page(), _("Best-before"))
        self.tabs.currentChanged.connect(lambda _index: self.banner.dismiss())
        self.outer.addWidget(self.tabs, 1)
        quiet_labels(self)
        self.refresh()

    # --- goods in, adjustments, history ---------------------------------------------------------
    def _goods_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.picker = ProductPicker(self.shop.catalog)
        self.picker.changed.connect(self._product_changed)
        layout.addWidget(self.picker)
        self.level = QLabel()
        self.level.setObjectName("subheading")
        layout.addWidget(self.level)
        forms = QHBoxLayout()
        incoming = QGroupBox(_("Goods in without an order"))
        self.receive_qty = QLineEdit()
        self.receive_cost = QLineEdit()
        self.receive_cost.setPlaceholderText(_("empty: as before"))
        self.lot_code = QLineEdit()
        self.best_before = OptionalDate()
        self.receive_note = QLineEdit()
        self.receive_note.setPlaceholderText(_("delivery note number, who brought it …"))
        self.receive_button = button(_("Receive"), self.receive, primary=True)
        pairs_grid(
            incoming,
            [
                [(_("Quantity"), self.receive_qty), (_("Unit cost (₫)"), self.receive_cost)],
                [(_("Lot"), self.lot_code), (_("Best before"), self.best_before)],
                [(_("Note"), self.receive_note)],
                [("", QWidget()), ("", self.receive_button)],
            ],
        )
        forms.addWidget(incoming, 1)
        adjusting = QGroupBox(_("Adjust stock"))
        self.direction = QComboBox()
        self.direction.addItem(_("Take out of stock"), -1)
        self.direction.addItem(_("Put into stock"), 1)
        self.adjust_qty = QLineEdit()
        self.reason = QComboBox()
        for reason in (*REMOVALS, "other"):
            self.reason.addItem(reason_label(reason), reason)
        self.adjust_note = QLineEdit()
        self.adjust_button = button(_("Adjust stock"), self.adjust, primary=True)
        pairs_grid(
            adjusting,
            [
                [(_("Adjustment"), self.direction), (_("Quantity"), self.adjust_qty)],
                [(_("Reason"), self.reason)],
                [(_("Note"), self.adjust_note)],
                [("", QWidget()), ("", self.adjust_button)],
            ],
        )
        forms.addWidget(adjusting, 1)
        layout.addLayout(forms)
        self.movements: RowsModel[MovementView] = RowsModel(self._movement_columns())
        self.history = make_table(self.movements, stretch=4)
        layout.addWidget(self.history, 1)
        return page

    def _movement_columns(self) -> list[Col[MovementView]]:
        def qty(m: MovementView, value: int) -> str:
            product = self.picker.product
            return qty_text(value, product.weighed, product.unit) if product is not None else str(value)

        return [
            Col(_("When"), lambda m: when_text(self.shop, m.at)),
            Col(_("Movement"), lambda m: movement_label(m.kind)),
            Col(
                _("Quantity"),
                lambda m: ("+" if m.qty_milli > 0 else "") + qty(m, m.qty_milli),
                right=True,
                tone=lambda m: Tone.DANGER if m.kind in ("adjust", "count") and m.qty_milli < 0 else Tone.PLAIN,
            ),
            Col(_("Unit cost"), lambda m: format_vnd(m.unit_cost) if m.unit_cost is not None else "", right=True),
            Col(_("Reason"), movement_reason),
            Col(_("On hand after"), lambda m: qty(m, m.on_hand_after_milli), right=True),
        ]

    def _product_changed(self, product: ProductView | None) -> None:
        for widget in (self.receive_button, self.adjust_button):
            widget.setEnabled(product is not None)
        if product is None:
            self.level.setText(_("Choose a product to receive, adjust or see its history."))
            self.movements.set_rows([])
            return
        perishable = OcopGroup(product.ocop_group) in PERISHABLE
        self.best_before.setEnabled(perishable)
        if not perishable:
            self.best_before.set_value(None)
        self.level.setText(
            _("{name}: {on_hand} on hand · reorder at {point} · cost {cost}").format(
                name=product.name,
                on_hand=on_hand_text(product),
                point=qty_text(product.reorder_point_milli, product.weighed, product.unit),
                cost=format_vnd(product.cost),
            )
        )
        self.movements.set_rows(self.shop.inventory.movements(product.barcode, limit=200))

    def receive(self) -> None:
        product = self.picker.product
        if product is None:
            return

        def book() -> int:
            qty = parse_qty(self.receive_qty.text(), product.weighed)
            cost = parse_vnd(self.receive_cost.text()) if self.receive_cost.text().strip() else None
            item = ReceivedItem(
                code=product.barcode,
                qty_milli=qty,
                lot_code=self.lot_code.text().strip(),
                best_before=self.best_before.value(),
                unit_cost=cost,
            )
            self.receiving.receive_goods([item], reason=self.receive_note.text())
            return qty

        qty = self.attempt(book)
        if qty is None:
            return
        self.inform(
            _("Received {qty} of “{name}”.").format(
                qty=qty_text(qty, product.weighed, product.unit), name=product.name
            )
        )
        for field in (self.receive_qty, self.receive_cost, self.lot_code, self.receive_note):
            field.clear()
        self.best_before.set_value(None)
        self.picker.reload()

    def adjust(self) -> None:
        product = self.picker.product
        if product is None:
            return

        def book(approval: Approval | None) -> object:
            qty = parse_qty(self.adjust_qty.text(), product.weighed)
            if qty <= 0:
                raise InvalidInput(_("Type how much to remove or add."))
            return self.shop.inventory.adjust(
                product.barcode,
                qty * int(self.direction.currentData()),
                str(self.reason.currentData()),
                note=self.adjust_note.text().strip(),
                actor=self.context.actor(),
                approval=approval,
            )

        if self.protected(book, product.name) is None:
            return
        self.inform(_("Stock of “{name}” adjusted ({reason}).").format(
            name=product.name, reason=reason_label(str(self.reason.currentData())).lower()
        ))
        self.adjust_qty.clear()
        self.adjust_note.clear()
        self.picker.reload()

    # --- expiring lots --------------------------------------------------------------------------
    def _lots_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        top = QHBoxLayout()
        caption = QLabel(_("Lots in stock past or within"))
        caption.setObjectName("field")
        self.lot_days = QSpinBox()
        roomy(self.lot_days)
        self.lot_days.setRange(0, 365)
        self.lot_days.setValue(LOT_DAYS)
        self.lot_days.setSuffix(_(" days"))
        self.lot_days.valueChanged.connect(lambda _days: self.refresh_lots())
        top.addWidget(caption)
        top.addWidget(self.lot_days)
        top.addWidget(muted(_("of their best-before (what is left of a lot is estimated first in, first out).")), 1)
        layout.addLayout(top)
        self.lots: RowsModel[LotView] = RowsModel(
            [
                Col(_("Product"), lambda lot: lot.name, tooltip=lambda lot: lot.barcode),
                Col(_("Cooperative"), lambda lot: lot.cooperative),
                Col(_("Lot"), lambda lot: lot.lot_code),
                Col(_("Best before"), lambda lot: day_text(lot.best_before), tone=lot_tone),
                Col(_("Days"), days_left_text, tone=lot_tone),
                Col(_("Left"), lambda lot: qty_text(lot.remaining_milli, lot.weighed, lot.unit), right=True),
                Col(_("Received"), lambda lot: when_text(self.shop, lot.received_at)),
                Col(_("Order"), lambda lot: lot.po_no or ""),
            ]
        )
        self.lots_table = make_table(self.lots, stretch=0)
        layout.addWidget(self.lots_table, 1)
        self.lots_summary = muted()
        layout.addWidget(self.lots_summary)
        return page

    def refresh_lots(self) -> None:
        lots = self.receiving.expiring_lots(within_days=self.lot_days.value())
        self.lots.set_rows(lots)
        expired = sum(1 for lot in lots if lot.expired)
        counted = ngettext("{count} lot", "{count} lots", len(lots)).format(count=len(lots))
        self.lots_summary.setText(_("{lots} · {expired} past their best-before").format(lots=counted, expired=expired))

    def refresh(self) -> None:
        self.picker.reload()
        self._product_changed(self.picker.product)
        self.stocktake.refresh()
        self.refresh_lots()
