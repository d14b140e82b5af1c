"""Add or change one product: barcodes, names, OCOP certificate, story, prices, supply and reorder settings."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from posapp.domain import barcodes as bc
from posapp.domain.errors import InvalidInput, PosError
from posapp.domain.money import QTY_SCALE, format_qty, parse_qty, parse_vnd
from posapp.domain.ocop import OcopGroup, SupplyKind, group_label
from posapp.domain.vat import TaxCategory, vat_rate
from posapp.i18n import _
from posapp.services.catalog import ProductInput
from posapp.services.dto import ProductView
from posapp.ui.approval import Declined
from posapp.ui.context import ViewContext
from posapp.ui.supply_kit import (
    OptionalDate,
    button,
    compact,
    form_layout,
    heading,
    quiet_labels,
    roomy,
    run_protected,
)
from posapp.ui.supply_style import FORM_STYLE
from posapp.ui.widgets import Banner

NO_LEAD_TIME = -1


def amount_text(amount: int | None) -> str:
    return "" if amount is None else f"{amount:,}".replace(",", ".")


def read_price(text: str) -> int:
    if not text.strip():
        raise InvalidInput(_("Enter the price."))
    return parse_vnd(text)


def tax_label(category: TaxCategory, today: date) -> str:
    names = {
        TaxCategory.STANDARD: _("Standard"),
        TaxCategory.ESSENTIAL: _("Essential goods"),
        TaxCategory.EXEMPT: _("No VAT"),
        TaxCategory.EXCISE: _("Excise goods"),
    }
    return _("{rate} % · {name}").format(name=names[category], rate=vat_rate(category, today))


def supply_label(kind: SupplyKind) -> str:
    return {
        SupplyKind.PURCHASE: _("Bought outright"),
        SupplyKind.CONSIGNMENT: _("Consignment (the cooperative is paid when it sells)"),
    }[kind]


def _combo(items: list[tuple[str, object]]) -> QComboBox:
    combo = compact(QComboBox())
    for text, value in items:
        combo.addItem(text, value)
    return combo


def _choose(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


class ProductEditor(QDialog):
    """Shown with `context.dialogs.present`; emits `saved(ProductView)` and closes when the product is stored."""

    saved = Signal(object)  # ProductView

    def __init__(self, context: ViewContext, product: ProductView | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.product = product
        self.setWindowTitle(_("Edit product") if product else _("New product"))
        self.setStyleSheet(FORM_STYLE)
        self.resize(1340, 700)
        today = context.shop.clock.local_day(context.shop.clock.now())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.addWidget(heading(product.name if product else _("New product")))
        self.banner = Banner()
        layout.addWidget(self.banner)
        columns = QHBoxLayout()
        columns.setSpacing(14)
        columns.addWidget(self._basics(), 5)
        columns.addWidget(self._ocop(), 4)
        columns.addWidget(self._money(today), 4)
        layout.addLayout(columns, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = button(_("Cancel"), self.reject)
        self.save_button = button(_("Save"), self.save, primary=True)
        row.addWidget(self.cancel_button)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.weighed.toggled.connect(self._weighed_changed)
        self.supply.currentIndexChanged.connect(lambda _i: self._supply_changed())
        if product is not None:
            self.load(product)
        self._weighed_changed(self.weighed.isChecked())
        self._supply_changed()
        quiet_labels(self)
        self.name.setFocus()
        self.name.setCursorPosition(0)  # a long name shows its beginning

    # --- building ---------------------------------------------------------------------------
    def _basics(self) -> QGroupBox:
        box = QGroupBox(_("Product"))
        form = form_layout(box)
        self.name = QLineEdit()
        self.name.setMinimumWidth(240)  # product names are long: 'Bánh pía mini khoai môn hộp 12 cái'
        self.name_en = QLineEdit()
        self.cooperative = compact(QComboBox(), 12)
        for coop in self.context.shop.catalog.cooperatives(include_inactive=True):
            if coop.active or (self.product is not None and coop.id == self.product.cooperative_id):
                self.cooperative.addItem(coop.name, coop.id)
        self.unit = QLineEdit()
        self.unit.setPlaceholderText(_("cái, hộp, chai … (kg when weighed)"))
        self.weighed = QCheckBox(_("Sold by weight (scale label)"))
        self.plu = QSpinBox()
        roomy(self.plu)
        self.plu.setRange(0, bc.PLU_MAX)
        self.plu.setSpecialValueText("—")
        self.barcode_list = QListWidget()
        self.barcode_list.setFixedHeight(96)
        self.new_barcode = QLineEdit()
        self.new_barcode.setPlaceholderText(_("Scan or type a barcode, Enter adds it"))
        self.new_barcode.returnPressed.connect(self.add_barcode)
        self.remove_barcode_button = button(_("Remove"), self.remove_barcode)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_barcode, 1)
        add_row.addWidget(self.remove_barcode_button)
        form.addRow(_("Name"), self.name)
        form.addRow(_("English name"), self.name_en)
        form.addRow(_("Cooperative"), self.cooperative)
        form.addRow(_("Unit"), self.unit)
        form.addRow("", self.weighed)
        form.addRow(_("PLU"), self.plu)
        form.addRow(_("Barcodes"), self.barcode_list)
        form.addRow("", add_row)
        hint = QLabel(_("Without a barcode the shop gives the product its own 20… code."))
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        form.addRow(hint)
        return box

    def _ocop(self) -> QGroupBox:
        box = QGroupBox(_("OCOP"))
        form = form_layout(box)
        self.group = _combo([(group_label(group), group) for group in OcopGroup])
        self.stars = _combo([("—", None)] + [("★" * n + f"  {n}", n) for n in (3, 4, 5)])
        self.certificate = QLineEdit()
        self.certificate.setPlaceholderText(_("Decision number, e.g. 1430/QĐ-UBND"))
        self.expires = OptionalDate()
        self.province = QLineEdit()
        self.province.setPlaceholderText(_("the cooperative's province when empty"))
        self.story = QPlainTextEdit()
        self.story.setPlaceholderText(_("The product's story, told to visitors and printed on labels"))
        self.story_url = QLineEdit()
        self.story_url.setPlaceholderText("https://…")
        self.story_url.setToolTip(_("The product's story page, printed on receipts as a QR code"))
        form.addRow(_("OCOP group"), self.group)
        form.addRow(_("Stars"), self.stars)
        form.addRow(_("Certificate"), self.certificate)
        form.addRow(_("Expires"), self.expires)
        form.addRow(_("Origin province"), self.province)
        form.addRow(_("Story"), self.story)
        form.addRow(_("Story link"), self.story_url)
        return box

    def _money(self, today: date) -> QGroupBox:
        box = QGroupBox(_("Price, supply and stock"))
        form = form_layout(box)
        self.price = QLineEdit()
        self.cost = QLineEdit()
        for field in (self.price, self.cost):
            field.setAlignment(Qt.AlignmentFlag.AlignRight)
            field.setPlaceholderText("0")
        self.tax = _combo([(tax_label(category, today), category) for category in TaxCategory])
        compact(self.tax, 11)
        self.supply = _combo([(supply_label(kind), kind) for kind in SupplyKind])
        self.payout = QLineEdit()
        self.payout.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.reorder_point = QLineEdit("0")
        self.safety_stock = QLineEdit("0")
        self.safety_stock.setToolTip(_("Kept in stock beyond what sells while an order is on its way"))
        self.pack_size = QLineEdit("1")
        self.lead_time = QSpinBox()
        roomy(self.lead_time)
        self.lead_time.setRange(NO_LEAD_TIME, 365)
        self.lead_time.setSpecialValueText("—")
        self.lead_time.setToolTip(_("—: the cooperative's lead time"))
        self.lead_time.setSuffix(_(" days"))
        form.addRow(_("Price (₫)"), self.price)
        form.addRow(_("Cost (₫)"), self.cost)
        form.addRow(_("Tax"), self.tax)
        form.addRow(_("Supply"), self.supply)
        form.addRow(_("Payout (₫)"), self.payout)
        form.addRow(_("Reorder point"), self.reorder_point)
        form.addRow(_("Safety stock"), self.safety_stock)
        form.addRow(_("Pack size"), self.pack_size)
        form.addRow(_("Lead time"), self.lead_time)
        self.unit_hint = QLabel()
        self.unit_hint.setObjectName("muted")
        self.unit_hint.setWordWrap(True)
        form.addRow(self.unit_hint)
        return box

    # --- reacting -----------------------------------------------------------------------------
    def _weighed_changed(self, weighed: bool) -> None:
        self.plu.setEnabled(weighed)
        if not weighed:
            self.plu.setValue(0)
        self.unit_hint.setText(
            _("Reorder point, safety stock and pack size in kg (for example 2,5).")
            if weighed
            else _("Reorder point, safety stock and pack size in pieces.")
        )

    def _supply_changed(self) -> None:
        consignment = self.supply.currentData() == SupplyKind.CONSIGNMENT
        self.payout.setEnabled(consignment)

    def add_barcode(self) -> None:
        code = self.new_barcode.text().strip()
        if not code:
            return
        try:
            stored = bc.validate_product_code(code)
        except PosError as error:
            self.banner.show_message(str(error))
            return
        if not self.barcode_list.findItems(stored, Qt.MatchFlag.MatchExactly):
            self.barcode_list.addItem(stored)
        self.new_barcode.clear()
        self.banner.dismiss()

    def remove_barcode(self) -> None:
        row = self.barcode_list.currentRow()
        if row < 0:
            return
        if self.product is not None and self.barcode_list.item(row).text() in self.product.barcodes:
            # The catalogue keeps a saved barcode for good: old receipts and labels still name it.
            self.banner.show_message(_("A saved barcode stays with its product; only new ones can be removed."))
            return
        self.barcode_list.takeItem(row)

    def barcodes(self) -> tuple[str, ...]:
        return tuple(self.barcode_list.item(row).text() for row in range(self.barcode_list.count()))

    # --- loading and saving ---------------------------------------------------------------------
    def load(self, product: ProductView) -> None:
        self.name.setText(product.name)
        self.name_en.setText(product.name_en)
        _choose(self.cooperative, product.cooperative_id)
        self.unit.setText(product.unit)
        self.weighed.setChecked(product.weighed)
        self.plu.setValue(product.plu or 0)
        self.barcode_list.addItems(list(product.barcodes))
        _choose(self.group, OcopGroup(product.ocop_group))
        _choose(self.stars, product.ocop_stars)
        self.certificate.setText(product.ocop_certificate)
        self.expires.set_value(product.ocop_expires)
        self.province.setText(product.origin_province)
        self.story.setPlainText(product.story)
        self.story_url.setText(product.story_url)
        self.price.setText(amount_text(product.price))
        self.cost.setText(amount_text(product.cost))
        _choose(self.tax, TaxCategory(product.tax_category))
        _choose(self.supply, SupplyKind(product.supply_kind))
        self.payout.setText(amount_text(product.payout))
        self.reorder_point.setText(format_qty(product.reorder_point_milli, product.weighed))
        self.safety_stock.setText(format_qty(product.safety_stock_milli, product.weighed))
        self.pack_size.setText(format_qty(product.pack_size_milli, product.weighed))
        days = product.lead_time_days
        self.lead_time.setValue(NO_LEAD_TIME if days is None else days)

    def entered(self) -> ProductInput:
        """The form as a ProductInput; a value that cannot be read raises InvalidInput in the user's words."""
        if self.cooperative.currentIndex() < 0:
            raise InvalidInput(_("A product needs the cooperative that makes it."))
        weighed = self.weighed.isChecked()
        consignment = self.supply.currentData() == SupplyKind.CONSIGNMENT
        pack = self.pack_size.text().strip()
        days = self.lead_time.value()
        return ProductInput(
            name=self.name.text(),
            cooperative=self.cooperative.currentText(),
            price=read_price(self.price.text()),
            barcodes=self.barcodes(),
            name_en=self.name_en.text(),
            origin_province=self.province.text(),
            unit=self.unit.text(),
            weighed=weighed,
            plu=(self.plu.value() or None) if weighed else None,
            ocop_group=OcopGroup(self.group.currentData()),
            ocop_stars=self.stars.currentData(),
            ocop_certificate=self.certificate.text(),
            ocop_expires=self.expires.value(),
            story=self.story.toPlainText(),
            story_url=self.story_url.text(),
            cost=parse_vnd(self.cost.text()) if self.cost.text().strip() else 0,
            tax_category=TaxCategory(self.tax.currentData()),
            supply_kind=SupplyKind(self.supply.currentData()),
            payout=parse_vnd(self.payout.text()) if consignment and self.payout.text().strip() else None,
            reorder_point_milli=parse_qty(self.reorder_point.text() or "0", weighed),
            safety_stock_milli=parse_qty(self.safety_stock.text() or "0", weighed),
            pack_size_milli=parse_qty(pack, weighed) if pack else QTY_SCALE,
            lead_time_days=None if days == NO_LEAD_TIME else days,
            active=self.product.active if self.product is not None else True,
        )

    def save(self) -> None:
        self.add_barcode()  # a code typed but not yet added still counts
        catalog = self.context.shop.catalog
        product_id = self.product.id if self.product is not None else None
        try:
            data = self.entered()
            stored = run_protected(
                self.context,
                lambda approval: catalog.save_product(data, product_id, actor=self.context.actor(), approval=approval),
                data.name,
            )
        except PosError as error:
            self.banner.show_message(str(error))
            return
        if isinstance(stored, Declined):
            self.banner.show_message(_("Not done: no manager approved it."), tone="warning")
            return
        self.product = stored
        self.saved.emit(stored)
        self.accept()
