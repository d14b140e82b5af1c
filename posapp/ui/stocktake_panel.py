"""A stocktake: start a count, print or export the count sheet, type the counts, see the variance, commit."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from posapp.domain.errors import InvalidInput
from posapp.domain.money import format_vnd, parse_qty
from posapp.i18n import _, ngettext
from posapp.services.stocktake import StocktakeService
from posapp.services.supply_dto import CountLine, CountSheet, VarianceReport
from posapp.ui.supply_kit import button, make_table, muted, qty_text, when_text, write_file
from posapp.ui.supply_models_qt import Col, RowsModel, Tone

if TYPE_CHECKING:
    from posapp.ui.stock_view import StockView

ALL_PRODUCTS = -1
EXPECTED_COLUMN, COUNTED_COLUMN, VARIANCE_COLUMN, VALUE_COLUMN = 2, 3, 4, 5


def edit_count(line: CountLine, text: str) -> CountLine:
    if not text.strip():
        raise InvalidInput(_("Type the quantity counted (0 when there is none)."))
    counted = parse_qty(text.split()[0], line.weighed)
    if counted < 0:
        raise InvalidInput(_("A count cannot be negative."))
    return replace(line, counted_milli=counted)


def variance_tone(line: CountLine) -> Tone:
    variance = line.variance_milli
    if not variance:
        return Tone.PLAIN
    return Tone.DANGER if variance < 0 else Tone.WARNING


def count_columns() -> list[Col[CountLine]]:
    def qty(line: CountLine, value: int | None) -> str:
        return "" if value is None else qty_text(value, line.weighed, line.unit)

    return [
        Col(_("Barcode"), lambda line: line.barcode),
        Col(_("Product"), lambda line: line.name),
        Col(_("Expected"), lambda line: qty(line, line.expected_milli), right=True),
        Col(
            _("Counted"),
            lambda line: qty(line, line.counted_milli),
            right=True,
            tone=lambda line: Tone.GOOD if line.counted_milli is not None else Tone.PLAIN,
            edit=edit_count,
        ),
        Col(
            _("Variance"),
            lambda line: ("+" if (line.variance_milli or 0) > 0 else "") + qty(line, line.variance_milli),
            right=True,
            tone=variance_tone,
        ),
        Col(
            _("Value at cost"),
            lambda line: "" if line.variance_value is None else format_vnd(line.variance_value),
            right=True,
            tone=variance_tone,
        ),
    ]


def variance_text(report: VarianceReport, counted: int) -> str:
    differ = ngettext("{count} product differs", "{count} products differ", len(report.lines)).format(
        count=len(report.lines)
    )
    return _("{counted} counted, {uncounted} not yet · {differ} · net {value} at cost").format(
        counted=counted, uncounted=report.uncounted, differ=differ, value=format_vnd(report.value)
    )


class StocktakePanel(QWidget):
    def __init__(self, view: StockView) -> None:
        super().__init__()
        self.view = view
        shop = view.shop
        self.service = StocktakeService(shop.sessions, shop.clock)
        self.sheet: CountSheet | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.counts = QComboBox()
        self.counts.setMinimumWidth(300)
        self.counts.currentIndexChanged.connect(lambda _index: self._load())
        self.scope = QComboBox()
        # A cooperative's long name must not widen the screen past the till's display: the list shows it whole.
        self.scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.scope.setMinimumContentsLength(22)
        self.start_button = button(_("Start a count"), self.start)
        label = QLabel(_("Open counts"))
        label.setObjectName("field")
        top.addWidget(label)
        top.addWidget(self.counts, 1)
        top.addSpacing(16)
        top.addWidget(self.scope)
        top.addWidget(self.start_button)
        layout.addLayout(top)
        tools = QHBoxLayout()
        self.pdf_button = button(_("Count sheet PDF"), self.export_pdf)
        self.csv_button = button(_("Count sheet CSV"), self.export_csv)
        self.import_button = button(_("Read counts from CSV"), self.import_csv)
        self.differences = QCheckBox(_("Only products that differ"))
        self.differences.toggled.connect(lambda _on: self._show())
        for widget in (self.pdf_button, self.csv_button, self.import_button):
            tools.addWidget(widget)
        tools.addStretch(1)
        tools.addWidget(self.differences)
        layout.addLayout(tools)
        self.model: RowsModel[CountLine] = RowsModel(count_columns())
        self.model.edited.connect(self._counted)
        self.model.rejected.connect(view.fail)
        self.table = make_table(self.model, stretch=1, editable=True)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.summary = muted()
        self.summary.setObjectName("subheading")
        bottom.addWidget(self.summary, 1)
        self.cancel_button = button(_("Cancel the count"), self.cancel)
        self.commit_button = button(_("Commit: correct the stock"), self.commit, primary=True)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.commit_button)
        layout.addLayout(bottom)

    def refresh(self) -> None:
        keep = self.sheet.stocktake_id if self.sheet is not None else None
        self.scope.clear()
        self.scope.addItem(_("All products"), ALL_PRODUCTS)
        for coop in self.view.shop.catalog.cooperatives(include_inactive=False):
            self.scope.addItem(coop.name, coop.id)
        self.counts.blockSignals(True)
        self.counts.clear()
        for summary in self.service.open_counts():
            scope = summary.cooperative or _("all products")
            self.counts.addItem(
                _("No. {number} · {when} · {scope} · {counted} of {lines} counted").format(
                    number=summary.stocktake_id,
                    when=when_text(self.view.shop, summary.started_at),
                    scope=scope,
                    counted=summary.counted,
                    lines=summary.lines,
                ),
                summary.stocktake_id,
            )
        if keep is not None and self.counts.findData(keep) >= 0:
            self.counts.setCurrentIndex(self.counts.findData(keep))
        self.counts.blockSignals(False)
        self._load()

    def _load(self) -> None:
        chosen = self.counts.currentData()
        self.sheet = self.service.sheet(int(chosen)) if chosen is not None else None
        self._show()

    def _show(self) -> None:
        sheet = self.sheet
        has_sheet = sheet is not None
        for widget in (self.pdf_button, self.csv_button, self.import_button, self.cancel_button, self.commit_button):
            widget.setEnabled(has_sheet)
        if sheet is None:
            self.model.set_rows([])
            self.summary.setText(_("No count is open. Choose what to count and press “Start a count”."))
            return
        lines = [line for line in sheet.lines if line.variance_milli] if self.differences.isChecked() else sheet.lines
        self.model.set_rows(list(lines))
        self.summary.setText(variance_text(self.service.variance(sheet.stocktake_id), sheet.counted))

    def _counted(self, row: int) -> None:
        """A count typed in the table is stored at once: a count survives a closed window or a power cut."""
        sheet, line = self.sheet, self.model.row(row)
        if sheet is None or line.counted_milli is None:
            return
        stored = self.view.attempt(
            lambda: self.service.enter_counts(sheet.stocktake_id, {line.barcode: line.counted_milli or 0})
        )
        if stored is not None:
            self.view.banner.dismiss()
            self.sheet = stored
            self.summary.setText(variance_text(self.service.variance(stored.stocktake_id), stored.counted))
        else:
            self._show()  # the refused count goes back to what is stored

    def start(self) -> None:
        scope = self.scope.currentData()
        coop = None if scope in (None, ALL_PRODUCTS) else int(scope)
        sheet = self.view.attempt(lambda: self.service.start(coop))
        if sheet is None:
            return
        self.sheet = sheet
        self.refresh()
        self.view.inform(
            ngettext(
                "Count No. {number} started: {count} product to count.",
                "Count No. {number} started: {count} products to count.",
                len(sheet.lines),
            ).format(number=sheet.stocktake_id, count=len(sheet.lines))
        )

    def export_pdf(self) -> None:
        sheet = self.sheet
        if sheet is None:
            return
        name = _("count-{number}.pdf").format(number=sheet.stocktake_id)
        path = self.view.save_path(name, _("PDF documents (*.pdf)"))
        if path is None:
            return
        profile = self.view.shop.settings.shop
        self.view.run_background(
            lambda: write_file(path, self.service.sheet_pdf(sheet.stocktake_id, profile)),
            lambda where: self.view.inform(_("Saved {path}.").format(path=where)),
            _("Making the count sheet…"),
            _("Saving the count sheet"),
            buttons=(self.pdf_button,),
        )

    def export_csv(self) -> None:
        sheet = self.sheet
        if sheet is None:
            return
        name = _("count-{number}.csv").format(number=sheet.stocktake_id)
        path = self.view.save_path(name, _("CSV files (*.csv)"))
        if path is None:
            return
        try:
            write_file(path, self.service.sheet_csv(sheet.stocktake_id))
        except OSError as error:
            self.view.fail(_("The file could not be written: {reason}").format(reason=error.strerror or error))
            return
        self.view.inform(_("Saved {path}.").format(path=path))

    def import_csv(self) -> None:
        sheet = self.sheet
        if sheet is None:
            return
        chosen = self.view.context.dialogs.choose_file(_("Read counts from CSV"), Path.home(), _("CSV files (*.csv)"))
        if chosen is None:
            return
        try:
            text = chosen.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            self.view.fail(_("The file could not be read: {reason}").format(reason=error))
            return
        stored = self.view.attempt(lambda: self.service.read_counts_csv(sheet.stocktake_id, text))
        if stored is not None:
            self.sheet = stored
            self._show()
            self.view.inform(_("Counts read: {counted} of {lines} products counted.").format(
                counted=stored.counted, lines=len(stored.lines)
            ))

    def commit(self) -> None:
        sheet = self.sheet
        if sheet is None:
            return
        report = self.service.variance(sheet.stocktake_id)
        question = _(
            "Correct the stock to the counts? {differ} products change, net {value} at cost. "
            "{uncounted} products not counted keep their stock."
        ).format(differ=len(report.lines), value=format_vnd(report.value), uncounted=report.uncounted)
        if not self.view.context.dialogs.confirm(_("Commit the count"), question):
            return
        done = self.view.protected(
            lambda approval: self.service.commit(
                sheet.stocktake_id, actor=self.view.context.actor(), approval=approval
            ),
            question,
        )
        if done is None:
            return
        self.sheet = None
        self.refresh()
        self.view.picker.reload()
        self.view.inform(
            _("Stock corrected from count No. {number}: {differ} products changed, net {value} at cost.").format(
                number=done.stocktake_id, differ=len(done.lines), value=format_vnd(done.value)
            )
        )

    def cancel(self) -> None:
        sheet = self.sheet
        if sheet is None:
            return
        question = _("Cancel count No. {number}? The counts typed so far are dropped.")
        question = question.format(number=sheet.stocktake_id)
        if not self.view.context.dialogs.confirm(_("Cancel the count"), question):
            return
        if self.view.attempt(lambda: self._cancel(sheet.stocktake_id)):
            self.sheet = None
            self.refresh()
            self.view.inform(_("Count No. {number} was cancelled.").format(number=sheet.stocktake_id))

    def _cancel(self, stocktake_id: int) -> bool:
        self.service.cancel(stocktake_id)
        return True
