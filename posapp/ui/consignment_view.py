"""Consignment: a cooperative's statement for a period (stock in and out, what is owed), payments, unsold goods
given back, PDF and CSV."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from posapp.domain.errors import InvalidInput, PosError
from posapp.domain.money import format_qty, format_vnd, parse_qty, parse_vnd
from posapp.i18n import _
from posapp.services.consignment import ConsignmentService, statement_csv
from posapp.services.dto import StockLevel
from posapp.services.supply_dto import ConsignmentPaymentView, ConsignmentStatement, ReturnItem, StatementLine
from posapp.ui.approval import Declined
from posapp.ui.context import ViewContext
from posapp.ui.supply_kit import (
    BackOfficeView,
    button,
    day_text,
    form_layout,
    heading,
    make_table,
    muted,
    qty_text,
    quiet_labels,
    roomy,
    run_protected,
    when_text,
    write_file,
)
from posapp.ui.supply_models_qt import Col, RowsModel, Tone
from posapp.ui.supply_style import FORM_STYLE
from posapp.ui.widgets import Banner


def month_start(day: date) -> date:
    return day.replace(day=1)


def previous_month(day: date) -> tuple[date, date]:
    last = month_start(day) - timedelta(days=1)
    return month_start(last), last


def statement_columns() -> list[Col[StatementLine]]:
    def figure(pick: str) -> Col[StatementLine]:
        header = {
            "opening_milli": _("Opening"),
            "received_milli": _("Received"),
            "sold_milli": _("Sold"),
            "returned_milli": _("Returned"),
            "adjusted_milli": _("Adjusted"),
            "closing_milli": _("Closing"),
        }[pick]
        return Col(header, lambda line: qty_text(getattr(line, pick), line.weighed, line.unit), right=True)

    return [
        Col(_("Product"), lambda line: line.name, tooltip=lambda line: f"{line.name} · {line.barcode}"),
        *(figure(pick) for pick in ("opening_milli", "received_milli", "sold_milli", "returned_milli")),
        figure("adjusted_milli"),
        figure("closing_milli"),
        Col(
            _("Payout"),
            lambda line: format_vnd(line.payout_per_unit) if line.payout_per_unit is not None else _("varied"),
            right=True,
        ),
        Col(_("Owed"), lambda line: format_vnd(line.owed), right=True, tone=lambda _line: Tone.GOOD),
    ]


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    roomy(edit)
    edit.setMinimumWidth(200)
    return edit


class ConsignmentView(BackOfficeView):
    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Consignment"), parent)
        self.service = ConsignmentService(self.shop.sessions, self.shop.clock)
        self.statement: ConsignmentStatement | None = None
        today = self.shop.clock.local_day(self.shop.clock.now())
        top = QHBoxLayout()
        self.cooperative = QComboBox()
        # Sized to a usual name, not the longest one with its balance: the list shows every entry whole.
        self.cooperative.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.cooperative.setMinimumContentsLength(24)
        self.date_from = _date_edit(month_start(today))
        self.date_to = _date_edit(today)
        fields = ((_("Cooperative"), self.cooperative), (_("From"), self.date_from), (_("to"), self.date_to))
        for caption, widget in fields:
            label = QLabel(caption)
            label.setObjectName("field")
            top.addWidget(label)
            top.addWidget(widget)
        top.addStretch(1)
        self.outer.addLayout(top)
        body = QHBoxLayout()
        body.setSpacing(14)
        left = QVBoxLayout()
        self.period = muted()
        self.period.setObjectName("subheading")
        heading = QHBoxLayout()  # the month buttons beside the period they change: the row above stays narrow
        heading.addWidget(self.period, 1)
        heading.addWidget(button(_("This month"), self.this_month))
        heading.addWidget(button(_("Last month"), self.last_month))
        left.addLayout(heading)
        self.model: RowsModel[StatementLine] = RowsModel(statement_columns())
        self.table = make_table(self.model, stretch=0)
        left.addWidget(self.table, 1)
        exports = QHBoxLayout()
        self.pdf_button = button(_("Statement PDF"), self.save_pdf)
        self.csv_button = button(_("Statement CSV"), self.save_csv)
        self.return_button = button(_("Return goods…"), self.return_goods)
        self.return_button.setToolTip(_("Unsold goods the cooperative takes back: they leave the shop's stock"))
        exports.addWidget(self.pdf_button)
        exports.addWidget(self.csv_button)
        exports.addStretch(1)
        exports.addWidget(self.return_button)
        left.addLayout(exports)
        body.addLayout(left, 3)
        body.addWidget(self._money_panel(), 1)
        self.outer.addLayout(body, 1)
        quiet_labels(self)
        self.cooperative.currentIndexChanged.connect(lambda _i: self.show_statement())
        self.date_from.dateChanged.connect(lambda _d: self.show_statement())
        self.date_to.dateChanged.connect(lambda _d: self.show_statement())
        self.refresh()

    def _money_panel(self) -> QFrame:
        panel = QFrame()
        panel.setObjectName("panel")
        panel.setMinimumWidth(310)
        column = QVBoxLayout(panel)
        column.setContentsMargins(16, 14, 16, 14)
        grid = QGridLayout()
        self.figures: dict[str, QLabel] = {}
        captions = (
            ("opening", _("Owed before the period")),
            ("owed", _("Owed for sales in the period")),
            ("paid", _("Paid in the period")),
            ("balance", _("Balance to pay")),
        )
        for row, (key, caption) in enumerate(captions):
            label = QLabel(caption)
            label.setObjectName("caption")
            figure = QLabel()
            figure.setObjectName("figureBig" if key == "balance" else "subheading")
            grid.addWidget(label, row * 2, 0)
            grid.addWidget(figure, row * 2 + 1, 0)
            self.figures[key] = figure
        column.addLayout(grid)
        column.addSpacing(8)
        form = form_layout()
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(_("amount in dong"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("bank transfer reference, cash …"))
        form.addRow(_("Payment"), self.amount)
        form.addRow(_("Note"), self.note)
        column.addLayout(form)
        self.pay_button = button(_("Record payment"), self.record_payment, primary=True)
        column.addWidget(self.pay_button)
        column.addWidget(muted(_("Payments in the period")))
        self.payments: RowsModel[ConsignmentPaymentView] = RowsModel(
            [
                Col(_("When"), lambda p: when_text(self.shop, p.at)),
                Col(_("Amount paid"), lambda p: format_vnd(p.amount), right=True),
                Col(_("Note"), lambda p: p.note),
            ]
        )
        self.payments_table = make_table(self.payments, stretch=2)
        column.addWidget(self.payments_table, 1)
        return panel

    # --- choosing ---------------------------------------------------------------------------
    def refresh(self) -> None:
        keep = self.cooperative.currentData()
        self.cooperative.blockSignals(True)
        self.cooperative.clear()
        balances = {b.cooperative_id: b for b in self.service.balances()}
        for coop in self.shop.catalog.cooperatives(include_inactive=True):
            if coop.id in balances:
                owed = balances[coop.id].balance
                self.cooperative.addItem(f"{coop.name} · {format_vnd(owed)}", coop.id)
        if keep is not None and self.cooperative.findData(keep) >= 0:
            self.cooperative.setCurrentIndex(self.cooperative.findData(keep))
        self.cooperative.blockSignals(False)
        self.show_statement()

    def this_month(self) -> None:
        today = self.shop.clock.local_day(self.shop.clock.now())
        self._period(month_start(today), today)

    def last_month(self) -> None:
        today = self.shop.clock.local_day(self.shop.clock.now())
        self._period(*previous_month(today))

    def _period(self, first: date, last: date) -> None:
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(True)
        self.date_from.setDate(QDate(first.year, first.month, first.day))
        self.date_to.setDate(QDate(last.year, last.month, last.day))
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(False)
        self.show_statement()

    def show_statement(self) -> None:
        coop = self.cooperative.currentData()
        statement = None
        if coop is not None:
            first, last = _day(self.date_from), _day(self.date_to)
            statement = self.attempt(lambda: self.service.statement(int(coop), first, last))
        self.statement = statement
        for widget in (self.pdf_button, self.csv_button, self.pay_button, self.return_button):
            widget.setEnabled(statement is not None)
        if statement is None:
            self.model.set_rows([])
            self.payments.set_rows([])
            self.period.setText(_("No cooperative sells on consignment here yet.") if coop is None else "")
            for figure in self.figures.values():
                figure.clear()
            return
        self.banner.dismiss()
        self.period.setText(
            _("{cooperative} · {first} – {last}").format(
                cooperative=statement.cooperative, first=day_text(statement.date_from), last=day_text(statement.date_to)
            )
        )
        self.model.set_rows(list(statement.lines))
        self.payments.set_rows(list(statement.payments))
        values = {
            "opening": statement.opening_balance,
            "owed": statement.owed,
            "paid": statement.paid,
            "balance": statement.balance,
        }
        for key, amount in values.items():
            self.figures[key].setText(format_vnd(amount))

    # --- paying and exporting -----------------------------------------------------------------
    def record_payment(self) -> None:
        statement = self.statement
        if statement is None:
            return
        try:
            amount = parse_vnd(self.amount.text()) if self.amount.text().strip() else 0
            if amount <= 0:
                raise InvalidInput(_("Type the amount paid to the cooperative."))
        except InvalidInput as error:
            self.fail(str(error))
            return
        question = _("Record {amount} paid to {cooperative}?").format(
            amount=format_vnd(amount), cooperative=statement.cooperative
        )
        if not self.context.dialogs.confirm(_("Record payment"), question):
            return
        note = self.note.text()
        paid = self.protected(
            lambda approval: self.service.pay(
                statement.cooperative_id, amount, note=note, actor=self.context.actor(), approval=approval
            ),
            question,
        )
        if paid is None:
            return
        self.amount.clear()
        self.note.clear()
        self.refresh()
        self.inform(_("Recorded {amount} paid to {cooperative}.").format(
            amount=format_vnd(paid.amount), cooperative=paid.cooperative
        ))

    def return_goods(self) -> None:
        """Open the form for goods the cooperative takes back; the statement shows them once they are given."""
        statement = self.statement
        if statement is None:
            return
        dialog = ReturnGoodsDialog(self.context, self.service, statement.cooperative_id, statement.cooperative, self)
        dialog.returned.connect(lambda levels: self._returned(statement.cooperative, levels))
        self.context.dialogs.present(dialog, modal=True)

    def _returned(self, cooperative: str, levels: list[StockLevel]) -> None:
        self.refresh()
        self.inform(
            _("Given back to {cooperative}: {goods}.").format(
                cooperative=cooperative, goods=", ".join(level.name for level in levels)
            )
        )

    def _file_name(self, statement: ConsignmentStatement, suffix: str) -> str:
        return _("consignment-{cooperative}-{first}-{last}.{suffix}").format(
            cooperative=statement.cooperative_id,
            first=f"{statement.date_from:%Y%m%d}",
            last=f"{statement.date_to:%Y%m%d}",
            suffix=suffix,
        )

    def save_pdf(self) -> None:
        statement = self.statement
        if statement is None:
            return
        path = self.save_path(self._file_name(statement, "pdf"), _("PDF documents (*.pdf)"))
        if path is None:
            return
        profile = self.shop.settings.shop
        self.run_background(
            lambda: write_file(path, self.service.statement_pdf(statement, profile)),
            lambda where: self.inform(_("Saved {path}.").format(path=where)),
            _("Making the statement…"),
            _("Saving the statement"),
            buttons=(self.pdf_button,),
        )

    def save_csv(self) -> None:
        statement = self.statement
        if statement is None:
            return
        path = self.save_path(self._file_name(statement, "csv"), _("CSV files (*.csv)"))
        if path is None:
            return
        try:
            write_file(path, statement_csv(statement))
        except OSError as error:
            self.fail(_("The file could not be written: {reason}").format(reason=error.strerror or error))
            return
        self.inform(_("Saved {path}.").format(path=path))


@dataclass(frozen=True)
class ReturnRow:
    """One of the cooperative's consignment products in stock, and how much of it goes back."""

    level: StockLevel
    qty_milli: int = 0


def edit_returned(row: ReturnRow, text: str) -> ReturnRow:
    level = row.level
    typed = text.split()[0] if text.strip() else "0"
    amount = parse_qty(typed, level.weighed)
    if amount < 0:
        raise InvalidInput(_("The quantity returned must be more than zero."))
    if amount > level.on_hand_milli:
        raise InvalidInput(
            _("Only {qty} {unit} of “{name}” are in stock to return.").format(
                qty=format_qty(level.on_hand_milli, level.weighed), unit=level.unit, name=level.name
            )
        )
    return replace(row, qty_milli=amount)


def return_columns() -> list[Col[ReturnRow]]:
    return [
        Col(_("Product"), lambda r: r.level.name, tooltip=lambda r: r.level.barcode),
        Col(_("In stock"), lambda r: qty_text(r.level.on_hand_milli, r.level.weighed, r.level.unit), right=True),
        Col(
            _("Give back"),
            lambda r: qty_text(r.qty_milli, r.level.weighed, r.level.unit) if r.qty_milli else "",
            right=True,
            tone=lambda r: Tone.GOOD if r.qty_milli else Tone.PLAIN,
            edit=edit_returned,
        ),
    ]


GIVE_BACK_COLUMN = 2


class ReturnGoodsDialog(QDialog):
    """Unsold consignment goods the cooperative takes back, several products at once with one reason.

    Shown with `context.dialogs.present`; emits `returned(list[StockLevel])` and closes once they are written.
    """

    returned = Signal(object)  # list[StockLevel]: the products given back, as they stand now

    def __init__(
        self,
        context: ViewContext,
        service: ConsignmentService,
        cooperative_id: int,
        cooperative: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.service = service
        self.cooperative_id = cooperative_id
        self.cooperative = cooperative
        self.setWindowTitle(_("Return goods"))
        self.setStyleSheet(FORM_STYLE)
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.addWidget(heading(_("Goods given back to {cooperative}").format(cooperative=cooperative)))
        self.banner = Banner()
        layout.addWidget(self.banner)
        layout.addWidget(muted(_("Type how much of each product the cooperative takes back.")))
        self.model: RowsModel[ReturnRow] = RowsModel(return_columns())
        self.model.rejected.connect(self.banner.show_message)
        self.table = make_table(self.model, stretch=0, editable=True)
        layout.addWidget(self.table, 1)
        form = form_layout()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("end of the season, faulty batch …"))
        self.reason.setMaxLength(200)
        form.addRow(_("Reason"), self.reason)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = button(_("Cancel"), self.reject)
        self.return_button = button(_("Return goods"), self.save, primary=True)
        row.addWidget(self.cancel_button)
        row.addWidget(self.return_button)
        layout.addLayout(row)
        quiet_labels(self)
        levels = service.returnable(cooperative_id)
        self.model.set_rows([ReturnRow(level) for level in levels])
        if not levels:
            self.banner.show_message(
                _("Nothing of {cooperative} is in stock to give back.").format(cooperative=cooperative), tone="info"
            )
        self.return_button.setEnabled(bool(levels))

    def items(self) -> list[ReturnItem]:
        return [ReturnItem(row.level.product_id, row.qty_milli) for row in self.model.rows() if row.qty_milli > 0]

    def save(self) -> None:
        chosen = [row for row in self.model.rows() if row.qty_milli > 0]
        if not chosen:
            self.banner.show_message(_("Type how much of each product goes back to the cooperative."))
            return
        if not self.reason.text().strip():
            self.banner.show_message(_("Say why the goods go back to the cooperative."))
            return
        goods = ", ".join(
            f"{qty_text(row.qty_milli, row.level.weighed, row.level.unit)} {row.level.name}" for row in chosen
        )
        question = _("Give back to {cooperative}: {goods}? They leave the shop's stock.").format(
            cooperative=self.cooperative, goods=goods
        )
        if not self.context.dialogs.confirm(_("Return goods"), question):
            return
        items, reason = self.items(), self.reason.text()
        try:
            levels = run_protected(
                self.context,
                lambda approval: self.service.return_goods(
                    self.cooperative_id, items, reason, actor=self.context.actor(), approval=approval
                ),
                question,
            )
        except PosError as error:
            self.banner.show_message(str(error))
            return
        if isinstance(levels, Declined):
            self.banner.show_message(_("Not done: no manager approved it."), tone="warning")
            return
        self.returned.emit(levels)
        self.accept()
