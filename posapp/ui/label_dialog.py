"""Print labels from the product list: find products, set how many labels each, pick the sheet, save the PDF."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posapp.documents.labels import SHEETS, pages_needed, sheet_title
from posapp.domain.errors import PosError
from posapp.i18n import _
from posapp.paths import data_dir
from posapp.services.dto import ProductView
from posapp.services.labels import LabelService, SavedLabels
from posapp.ui.background import BackgroundTask
from posapp.ui.context import ViewContext
from posapp.ui.label_model import LabelQueueModel
from posapp.ui.search_model import Column, SearchResultsModel
from posapp.ui.widgets import Banner

ChoosePath = Callable[[Path], Path | None]
"""Given a suggested file, where to save the PDF; None when the user cancels."""
DEBOUNCE_MS = 200
# Form fields the till's style sheet leaves at their defaults, sized like its line edits.
FIELD_STYLE = "QComboBox, QSpinBox { font-size: 12pt; padding: 4px 8px; min-height: 30px; }"


def ask_save_path(parent: QWidget) -> ChoosePath:
    def ask(suggested: Path) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(parent, _("Save labels as"), str(suggested), "PDF (*.pdf)")
        return Path(chosen) if chosen else None

    return ask


def _table(model: LabelQueueModel | SearchResultsModel, stretch: int) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(36)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


class LabelDialog(QDialog):
    """Not modal: the product list stays usable while labels are put together."""

    saved = Signal(object)  # SavedLabels, once the PDF is written

    def __init__(
        self,
        context: ViewContext,
        product_ids: Sequence[int] = (),
        parent: QWidget | None = None,
        choose_path: ChoosePath | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.labels = LabelService(context.shop.sessions)
        self.choose_path = choose_path or ask_save_path(self)
        self._task: BackgroundTask | None = None
        self.setWindowTitle(_("Print labels"))
        self.setStyleSheet(FIELD_STYLE)
        self.resize(1000, 680)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 18)
        heading = QLabel(_("Print labels"))
        heading.setObjectName("heading")
        layout.addWidget(heading)
        self.banner = Banner()
        layout.addWidget(self.banner)
        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText(_("Find a product: name (accents optional), cooperative or barcode"))
        self.search_field.setClearButtonEnabled(True)
        layout.addWidget(self.search_field)
        self.results_model = SearchResultsModel()
        self.results = _table(self.results_model, Column.NAME)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setMaximumHeight(220)
        layout.addWidget(self.results)
        self.add_button = QPushButton(_("Add to labels"))
        self.add_button.clicked.connect(lambda _checked=False: self.add_chosen())
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignRight)
        hint = QLabel(_("Labels to print: double-click a number to change how many."))
        hint.setObjectName("muted")
        layout.addWidget(hint)
        self.queue_model = LabelQueueModel()
        self.queue = _table(self.queue_model, LabelQueueModel.PRODUCT)
        self.queue.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        layout.addWidget(self.queue, 1)
        layout.addLayout(self._options())
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.search_field.textChanged.connect(lambda _text: self._timer.start())
        self.search_field.returnPressed.connect(self._search_or_add)
        self.results.doubleClicked.connect(lambda _index: self.add_chosen())
        for signal in (self.queue_model.rowsInserted, self.queue_model.rowsRemoved, self.queue_model.dataChanged):
            signal.connect(self._update_summary)
        # Enter belongs to the search field (add the product found), never to a button the dialog picks.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self._load(product_ids)
        self._sheet_changed()

    def _options(self) -> QHBoxLayout:
        row = QHBoxLayout()
        form = QFormLayout()
        self.sheet_choice = QComboBox()
        for key in SHEETS:
            self.sheet_choice.addItem(sheet_title(key), key)
        self.sheet_choice.currentIndexChanged.connect(lambda _index: self._sheet_changed())
        form.addRow(_("Sheet"), self.sheet_choice)
        self.skip_field = QSpinBox()
        self.skip_field.setMaximumWidth(120)
        self.skip_field.valueChanged.connect(lambda _value: self._update_summary())
        form.addRow(_("Positions already used on the first sheet"), self.skip_field)
        row.addLayout(form, 1)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.clicked.connect(lambda _checked=False: self.remove_chosen())
        self.save_button = QPushButton(_("Save PDF…"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(lambda _checked=False: self.save())
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        for button in (self.remove_button, close, self.save_button):
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)
        return row

    def _load(self, product_ids: Sequence[int]) -> None:
        for product_id in product_ids:
            try:
                self.queue_model.add(self.context.shop.catalog.product(product_id))
            except PosError as error:
                self.banner.show_message(str(error))

    # --- finding products ---------------------------------------------------------------------
    def run_search(self) -> None:
        self._timer.stop()
        text = self.search_field.text().strip()
        products = self.context.shop.catalog.search(text) if text else []
        self.results_model.set_products(products)
        if products:
            self.results.selectRow(0)

    def _search_or_add(self) -> None:
        if self._timer.isActive() or not self.results_model.rowCount():
            self.run_search()
        self.add_chosen()

    def add_chosen(self) -> None:
        index = self.results.currentIndex()
        if index.isValid():
            self.add_product(self.results_model.product(index.row()))

    def remove_chosen(self) -> None:
        index = self.queue.currentIndex()
        if index.isValid():
            self.queue_model.remove(index.row())

    def add_product(self, product: ProductView, count: int = 1) -> None:
        row = self.queue_model.add(product, count)
        self.queue.selectRow(row)

    # --- sheet and summary ----------------------------------------------------------------------
    @property
    def sheet(self) -> str:
        key: str = self.sheet_choice.currentData()
        return key

    def _sheet_changed(self) -> None:
        per_page = SHEETS[self.sheet].per_page
        self.skip_field.setRange(0, per_page - 1)
        self.skip_field.setEnabled(per_page > 1)
        self._update_summary()

    def _update_summary(self, *_args: object) -> None:
        total = self.queue_model.total()
        self.save_button.setEnabled(total > 0 and self._task is None)
        if not total:
            self.status.setText(_("Find products above and add them; set how many labels each in the list."))
            return
        pages = pages_needed(total, self.sheet, self.skip_field.value())
        self.status.setText(_("Labels: {count} · pages: {pages}").format(count=total, pages=pages))

    # --- saving ---------------------------------------------------------------------------------
    def suggested_path(self) -> Path:
        day = self.context.shop.clock.local_day(self.context.shop.clock.now())
        return data_dir() / "labels" / f"labels-{self.sheet}-{day:%Y%m%d}.pdf"

    def save(self) -> None:
        items = self.queue_model.items()
        if not items or self._task is not None:
            return
        path = self.choose_path(self.suggested_path())
        if path is None:
            return
        sheet, skip = self.sheet, self.skip_field.value()
        self.banner.dismiss()
        self.status.setText(_("Saving the labels…"))
        self._task = BackgroundTask(lambda: self.labels.save(self.labels.labels_for_products(items), sheet, path, skip))
        self._task.done.connect(self._saved)
        self._task.failed.connect(self._failed)
        self.save_button.setEnabled(False)
        self._task.start()

    def _finish(self) -> None:
        if self._task is not None:
            self._task.deleteLater()
        self._task = None
        self._update_summary()

    def _saved(self, result: object) -> None:
        self._finish()
        assert isinstance(result, SavedLabels)
        self.banner.show_message(
            _("Labels saved ({count}) to {path}").format(count=result.labels, path=result.path),
            tone="info",
        )
        self.saved.emit(result)

    def _failed(self, error: object) -> None:
        self._finish()
        if isinstance(error, PosError):
            self.banner.show_message(str(error))
        else:
            self.banner.show_message(_("The labels could not be saved: {reason}").format(reason=error))
