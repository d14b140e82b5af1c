"""Consignment: a cooperative's statement for a period (stock in and out, what is owed), payments, PDF and CSV."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from posapp.domain.errors import InvalidInput
from posapp.domain.money import format_vnd, parse_vnd
from posapp.i18n import _
from posapp.services.consignment import ConsignmentService, statement_csv
from posapp.services.supply_dto import ConsignmentPaymentView, ConsignmentStatement, StatementLine
from posapp.ui.context import ViewContext
from posapp.ui.supply_kit import (
    BackOfficeView,
    button,
    day_text,
    form_layout,
    make_table,
    muted,
    qty_text,
    quiet_labels,
    roomy,
    when_text,
    write_file,
)
from posapp.ui.supply_models_qt import Col, RowsModel, Tone


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
        self.cooperative.setMinimumWidth(300)
        self.date_from = _date_edit(month_start(today))
        self.date_to = _date_edit(today)
        fields = ((_("Cooperative"), self.cooperative), (_("From"), self.date_from), (_("to"), self.date_to))
        for caption, widget in fields:
            label = QLabel(caption)
            label.setObjectName("field")
            top.addWidget(label)
            top.addWidget(widget)
        top.addWidget(button(_("This month"), self.this_month))
        top.addWidget(button(_("Last month"), self.last_month))
        top.addStretch(1)
        self.outer.addLayout(top)
        body = QHBoxLayout()
        body.setSpacing(14)
        left = QVBoxLayout()
        self.period = muted()
        self.period.setObjectName("subheading")
        left.addWidget(self.period)
        self.model: RowsModel[StatementLine] = RowsModel(statement_columns())
        self.table = make_table(self.model, stretch=0)
        left.addWidget(self.table, 1)
        exports = QHBoxLayout()
        self.pdf_button = button(_("Statement PDF"), self.save_pdf)
        self.csv_button = button(_("Statement CSV"), self.save_csv)
        exports.addWidget(self.pdf_button)
        exports.addWidget(self.csv_button)
        exports.addStretch(1)
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
        for widget in (self.pdf_button, self.csv_button, self.pay_button):
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
