"""The catalogue for the manager: find products, see stock and OCOP certificates at a glance, edit, print labels."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QHBoxLayout, QLineEdit, QWidget

from posapp.domain.money import format_vnd
from posapp.domain.staff import Approval
from posapp.i18n import _, ngettext
from posapp.services.dto import ProductView
from posapp.ui.cart_model import stars
from posapp.ui.context import ViewContext
from posapp.ui.label_dialog import LabelDialog
from posapp.ui.product_editor import ProductEditor
from posapp.ui.search_model import on_hand_text
from posapp.ui.supply_kit import BackOfficeView, button, make_table, muted
from posapp.ui.supply_models_qt import Col, RowsModel, Tone

CERTIFICATE_WARNING_DAYS = 60
LIST_LIMIT = 1000
DEBOUNCE_MS = 150


class Certificate(StrEnum):
    NONE = "none"
    VALID = "valid"
    EXPIRING = "expiring"  # within CERTIFICATE_WARNING_DAYS: time to ask the cooperative for the renewal
    EXPIRED = "expired"


def certificate_state(expires: date | None, today: date) -> Certificate:
    if expires is None:
        return Certificate.NONE
    if expires < today:
        return Certificate.EXPIRED
    if expires <= today + timedelta(days=CERTIFICATE_WARNING_DAYS):
        return Certificate.EXPIRING
    return Certificate.VALID


def certificate_text(expires: date | None, today: date) -> str:
    state = certificate_state(expires, today)
    if expires is None:
        return ""
    day = f"{expires:%d/%m/%Y}"
    if state is Certificate.EXPIRED:
        return _("⚠ Expired {day}").format(day=day)
    if state is Certificate.EXPIRING:
        left = (expires - today).days
        return _("⚠ {day} · {days} days left").format(day=day, days=left)
    return day


def certificate_tone(expires: date | None, today: date) -> Tone:
    return {
        Certificate.EXPIRED: Tone.DANGER,
        Certificate.EXPIRING: Tone.WARNING,
    }.get(certificate_state(expires, today), Tone.PLAIN)


def stock_tone(product: ProductView) -> Tone:
    if product.on_hand_milli < 0:
        return Tone.DANGER
    if product.on_hand_milli <= product.reorder_point_milli and product.reorder_point_milli > 0:
        return Tone.WARNING
    return Tone.PLAIN


def product_columns(today: date) -> list[Col[ProductView]]:
    def quiet(p: ProductView) -> Tone:
        return Tone.PLAIN if p.active else Tone.MUTED

    return [
        Col(_("Product"), lambda p: p.name, tone=quiet, tooltip=lambda p: " · ".join((p.name_en, *p.barcodes))),
        Col(_("Cooperative"), lambda p: p.cooperative, tone=quiet),
        Col(_("Price"), lambda p: format_vnd(p.price), right=True, tone=quiet),
        Col(_("On hand"), on_hand_text, right=True, tone=stock_tone),
        Col(_("OCOP"), lambda p: stars(p.ocop_stars), tone=lambda _p: Tone.STARS),
        Col(
            _("Certificate expires"),
            lambda p: certificate_text(p.ocop_expires, today),
            tone=lambda p: certificate_tone(p.ocop_expires, today),
            tooltip=lambda p: p.ocop_certificate,
        ),
        Col(_("Status"), lambda p: _("On sale") if p.active else _("Not sold"), tone=quiet),
    ]


class Column:
    NAME, COOPERATIVE, PRICE, ON_HAND, STARS, CERTIFICATE, STATUS = range(7)


class ProductsView(BackOfficeView):
    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Products"), parent)
        self.editor: ProductEditor | None = None
        self.label_dialog: LabelDialog | None = None
        top = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Name (accents optional), barcode digits or cooperative"))
        self.search.setClearButtonEnabled(True)
        self.inactive = QCheckBox(_("Show inactive"))
        top.addWidget(self.search, 1)
        top.addWidget(self.inactive)
        self.outer.addLayout(top)
        self.model: RowsModel[ProductView] = RowsModel(product_columns(self.today()))
        self.table = make_table(self.model, stretch=Column.NAME)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda _new, _old: self._sync_buttons())
        self.outer.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.summary = muted()
        bottom.addWidget(self.summary, 1)
        self.new_button = button(_("New product"), self.new_product)
        self.edit_button = button(_("Edit"), self.edit_selected)
        self.active_button = button(_("Stop selling"), self.toggle_active)
        self.labels_button = button(_("Print labels"), self.print_labels)
        for widget in (self.new_button, self.edit_button, self.active_button, self.labels_button):
            bottom.addWidget(widget)
        self.outer.addLayout(bottom)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.inactive.toggled.connect(lambda _on: self.refresh())
        self.refresh()

    def today(self) -> date:
        clock = self.shop.clock
        return clock.local_day(clock.now())

    def refresh(self) -> None:
        self._timer.stop()
        chosen = {p.id for p in self.selected()}
        products = self.shop.catalog.search(
            self.search.text(), limit=LIST_LIMIT, include_inactive=self.inactive.isChecked()
        )
        self.model.columns = product_columns(self.today())
        self.model.set_rows(products)
        for row, product in enumerate(products):
            if product.id in chosen:
                self.table.selectRow(row)
        self.summary.setText(self._summary(products))
        self._sync_buttons()

    def _summary(self, products: list[ProductView]) -> str:
        today = self.today()
        states = [certificate_state(p.ocop_expires, today) for p in products if p.active]
        parts = [ngettext("{count} product", "{count} products", len(products)).format(count=len(products))]
        if len(products) >= LIST_LIMIT:
            parts[0] = _("The first {count} products: narrow the search").format(count=LIST_LIMIT)
        expired, expiring = states.count(Certificate.EXPIRED), states.count(Certificate.EXPIRING)
        if expired:
            parts.append(
                ngettext("{count} certificate expired", "{count} certificates expired", expired).format(count=expired)
            )
        if expiring:
            parts.append(
                ngettext(
                    "{count} expires within {days} days", "{count} expire within {days} days", expiring
                ).format(count=expiring, days=CERTIFICATE_WARNING_DAYS)
            )
        return " · ".join(parts)

    def selected(self) -> list[ProductView]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.row(row) for row in rows if row < self.model.rowCount()]

    def _sync_buttons(self) -> None:
        chosen = self.selected()
        self.edit_button.setEnabled(len(chosen) == 1)
        self.active_button.setEnabled(len(chosen) == 1)
        self.labels_button.setEnabled(bool(chosen))
        if len(chosen) == 1:
            self.active_button.setText(_("Stop selling") if chosen[0].active else _("Sell again"))

    # --- actions --------------------------------------------------------------------------
    def new_product(self) -> None:
        self._open_editor(None)

    def edit_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            self._open_editor(chosen[0])

    def _open_editor(self, product: ProductView | None) -> None:
        self.editor = ProductEditor(self.context, product, self)
        self.editor.saved.connect(self._saved)
        self.context.dialogs.present(self.editor, modal=True)

    def _saved(self, product: ProductView) -> None:
        self.inform(_("Saved “{name}”.").format(name=product.name))
        self.refresh()
        for row, shown in enumerate(self.model.rows()):
            if shown.id == product.id:
                self.table.selectRow(row)

    def toggle_active(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1:
            return
        product = chosen[0]
        if product.active:
            question = _("Stop selling “{name}”? It stays in reports and can be reactivated.")
            if not self.context.dialogs.confirm(_("Stop selling"), question.format(name=product.name)):
                return
        wanted = not product.active
        changed = self.protected(lambda approval: self._set_active(product.id, wanted, approval), product.name)
        if not changed:
            return
        message = _("“{name}” is no longer sold.") if product.active else _("“{name}” is on sale again.")
        self.inform(message.format(name=product.name))
        self.refresh()

    def _set_active(self, product_id: int, active: bool, approval: Approval | None) -> bool:
        self.shop.catalog.set_product_active(product_id, active, actor=self.context.actor(), approval=approval)
        return True

    def print_labels(self) -> None:
        chosen = self.selected()
        if not chosen:
            return
        dialog = LabelDialog(self.context, product_ids=tuple(p.id for p in chosen), parent=self)
        self.label_dialog = dialog
        self.context.dialogs.present(dialog)
