"""Pick a product by scanning its barcode or typing part of its name (accents optional), optionally only
among one cooperative's products."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from posapp.domain.errors import PosError
from posapp.i18n import _
from posapp.services.catalog import CatalogService
from posapp.services.dto import ProductView
from posapp.ui.search_model import on_hand_text

MATCHES = 30
DEBOUNCE_MS = 200


def choice_text(product: ProductView) -> str:
    return f"{product.name} · {product.barcode} · {on_hand_text(product)}"


class ProductPicker(QWidget):
    """A search field and the products it matches; `changed` tells which one is chosen (None: none)."""

    changed = Signal(object)  # ProductView | None

    def __init__(self, catalog: CatalogService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._products: list[ProductView] = []
        self._cooperative_id: int | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.field = QLineEdit()
        self.field.setPlaceholderText(_("Scan a barcode or type a name"))
        self.field.setClearButtonEnabled(True)
        self.matches = QComboBox()
        self.matches.setMinimumWidth(420)
        row.addWidget(self.field, 2)
        row.addWidget(self.matches, 3)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search)
        self.field.textEdited.connect(lambda _text: self._timer.start())
        self.field.returnPressed.connect(self.search)
        self.matches.currentIndexChanged.connect(lambda _index: self.changed.emit(self.product))
        self._show([])

    @property
    def product(self) -> ProductView | None:
        index = self.matches.currentIndex()
        return self._products[index] if 0 <= index < len(self._products) else None

    def set_cooperative(self, cooperative_id: int | None) -> None:
        """Offer only this cooperative's products (None: every product); its products show before any typing."""
        self._cooperative_id = cooperative_id
        self.field.clear()
        self.search()

    def search(self, text: str | None = None) -> None:
        """Show what `text` (else the field) names: the product with that barcode, or those matching the words."""
        self._timer.stop()
        if text is not None:
            self.field.setText(text)
        typed = self.field.text().strip()
        coop = self._cooperative_id
        if not typed and coop is None:
            self._show([])
            return
        found: list[ProductView] = []
        if typed.isdigit():
            try:
                found = [self._catalog.product_by_barcode(typed)]
            except PosError:
                found = []
            found = [product for product in found if coop is None or product.cooperative_id == coop]
        if not found:
            found = self._catalog.search(typed, limit=MATCHES, cooperative_id=coop)
        self._show(found)

    def choose(self, product: ProductView) -> None:
        self.field.setText(product.barcode)
        self._show([product])

    def reload(self) -> None:
        """The chosen product again, with its on-hand as it is now."""
        chosen, index = self.product, self.matches.currentIndex()
        if chosen is not None:
            self._products[index] = self._catalog.product(chosen.id)
            self.matches.setItemText(index, choice_text(self._products[index]))
            self.changed.emit(self.product)

    def _show(self, products: list[ProductView]) -> None:
        self.matches.blockSignals(True)
        self.matches.clear()
        self._products = list(products)
        for product in products:
            self.matches.addItem(choice_text(product))
        if not products:
            typed = self.field.text().strip()
            self.matches.addItem(_("No product matches “{text}”.").format(text=typed) if typed else "—")
        self.matches.setEnabled(bool(products))
        self.matches.setCurrentIndex(0)
        self.matches.blockSignals(False)
        self.changed.emit(self.product)
