"""Purchase orders: the list by status, one order's detail (a draft's lines edited), send by email (outbox and
retry), PDF, receive, cancel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSplitter, QVBoxLayout, QWidget

from posapp.domain.errors import InvalidInput
from posapp.domain.money import format_vnd
from posapp.domain.staff import Approval, Permission
from posapp.i18n import _, ngettext
from posapp.paths import data_dir
from posapp.services.mail import PurchaseOrderMailer
from posapp.services.purchasing import PurchasingService
from posapp.services.receiving import ReceivingService
from posapp.services.supply_dto import OrderLineView, PurchaseOrderView
from posapp.ui.approval import Declined
from posapp.ui.context import ViewContext
from posapp.ui.order_detail import OrderDetail, status_label, status_tone
from posapp.ui.supply_kit import (
    BackOfficeView,
    approval_for,
    button,
    compact,
    make_table,
    muted,
    selected_row,
    user_message,
    when_text,
    write_file,
)
from posapp.ui.supply_models_qt import Col, RowsModel

OUTBOX = "outbox"
ALL = ""
SENDABLE = ("draft",)
CANCELLABLE = ("draft", "sent")


def status_filters() -> list[tuple[str, str]]:
    return [
        (_("All orders"), ALL),
        (_("Waiting in the outbox"), OUTBOX),
        (_("Draft"), "draft"),
        (_("Sent"), "sent"),
        (_("Partly received"), "partly_received"),
        (_("Received"), "received"),
        (_("Cancelled"), "cancelled"),
    ]


class OrdersView(BackOfficeView):
    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Purchase orders"), parent)
        shop = self.shop
        self.purchasing = PurchasingService(shop.sessions, shop.clock)
        self.receiving = ReceivingService(shop.sessions, shop.clock)
        self.mailer = PurchaseOrderMailer(shop.sessions, shop.clock, shop.settings)
        top = QHBoxLayout()
        self.status = compact(QComboBox(), 16)
        for text, value in status_filters():
            self.status.addItem(text, value)
        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        self.count = muted()
        top.addWidget(self.status)
        top.addWidget(self.count, 1)
        self.outbox_button = button("", self.send_outbox)
        top.addWidget(self.outbox_button)
        self.outer.addLayout(top)
        self.model: RowsModel[PurchaseOrderView] = RowsModel(
            [
                Col(_("Order"), lambda o: o.po_no),
                Col(_("Cooperative"), lambda o: o.cooperative),
                Col(_("Status"), status_label, tone=status_tone, tooltip=lambda o: o.last_error),
                Col(_("Created"), lambda o: when_text(shop, o.created_at)),
                Col(_("Sent"), lambda o: when_text(shop, o.sent_at)),
                Col(_("Total"), lambda o: format_vnd(o.total), right=True),
            ]
        )
        self.table = make_table(self.model, stretch=1)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.send_button = button(_("Send by email"), self.send_selected, primary=True)
        self.pdf_button = button(_("Save PDF"), self.save_pdf)
        self.preview_button = button(_("Preview"), self.preview_pdf)
        self.csv_button = button(_("CSV"), self.save_csv)
        self.cancel_button = button(_("Cancel order"), self.cancel_selected)
        below = QWidget()
        detail_column = QVBoxLayout(below)
        detail_column.setContentsMargins(0, 0, 0, 0)
        self.detail = OrderDetail(shop)
        self.detail.model.rejected.connect(self.fail)
        # Queued: the line is written (perhaps after a manager's PIN) once the table has finished its edit.
        self.detail.line_edited.connect(self.change_line, Qt.ConnectionType.QueuedConnection)
        self.detail.add_button.clicked.connect(lambda _checked=False: self.add_line())
        self.detail.remove_button.clicked.connect(lambda _checked=False: self.remove_line())
        detail_column.addWidget(self.detail, 1)
        for widget in (self.pdf_button, self.preview_button, self.csv_button):
            self.detail.title_row.addWidget(widget)
        actions = QHBoxLayout()
        actions.addWidget(self.send_button)
        actions.addWidget(self.cancel_button)
        actions.addStretch(1)
        self.fill_button = button(_("All arrived"), self.detail.fill_outstanding)
        self.receive_button = button(_("Receive into stock"), self.receive_selected, primary=True)
        actions.addWidget(self.fill_button)
        actions.addWidget(self.receive_button)
        detail_column.addLayout(actions)
        # The list above the order: both tables get the screen's whole width for their columns.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(below)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([140, 520])
        self.outer.addWidget(splitter, 1)
        self.refresh()

    # --- the list -------------------------------------------------------------------------
    def refresh(self) -> None:
        keep = self.current.po_no if self.current is not None else None
        wanted = self.status.currentData()
        orders = self.purchasing.outbox() if wanted == OUTBOX else self.purchasing.orders(status=wanted or None)
        self.model.set_rows(orders)
        self.count.setText(ngettext("{count} order", "{count} orders", len(orders)).format(count=len(orders)))
        waiting = len(self.purchasing.outbox())
        self.outbox_button.setText(_("Send the outbox again ({count})").format(count=waiting))
        self.outbox_button.setVisible(waiting > 0)
        self.detail.show_order(None)
        if keep is not None:
            self.select(keep)
        self._sync()

    @property
    def current(self) -> PurchaseOrderView | None:
        return self.detail.order

    def select(self, po_no: str) -> bool:
        for row, order in enumerate(self.model.rows()):
            if order.po_no == po_no:
                self.table.selectRow(row)
                return True
        return False

    def _selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        row = selected_row(self.table)
        self.detail.show_order(self.model.row(row) if row >= 0 else None)
        self._sync()

    def _sync(self) -> None:
        order = self.current
        status = order.status if order is not None else ""
        self.send_button.setEnabled(status in SENDABLE and not self.busy)
        self.send_button.setText(_("Send again") if order is not None and order.in_outbox else _("Send by email"))
        for widget in (self.pdf_button, self.preview_button, self.csv_button):
            widget.setEnabled(order is not None)
        self.cancel_button.setEnabled(status in CANCELLABLE)
        for widget in (self.detail.add_button, self.detail.remove_button):
            widget.setEnabled(self.detail.editing)
        self.fill_button.setEnabled(self.detail.receiving)
        self.receive_button.setEnabled(self.detail.receiving)

    def _show(self, order: PurchaseOrderView) -> None:
        """After a change: the list again, the changed order selected (even when the filter hides it now)."""
        self.refresh()
        if not self.select(order.po_no):
            self.detail.show_order(order)
            self._sync()

    def _updated(self, order: PurchaseOrderView) -> None:
        """After a draft's line changed: its row and detail again, keeping the selection and what is typed."""
        for row, shown in enumerate(self.model.rows()):
            if shown.po_no == order.po_no:
                self.model.replace(row, order)
        if self.current is not None and self.current.po_no == order.po_no:
            self.detail.show_order(order)
        self._sync()

    # --- a draft's lines --------------------------------------------------------------------
    def _edit_draft(
        self, po_no: str, change: Callable[[Approval | None], PurchaseOrderView]
    ) -> PurchaseOrderView | None:
        """Write a change to the draft (a manager approves it when needed); a refused change shows the order
        as stored again, so the table never shows what was not written."""
        changed = self.protected(change, _("Change order {po_no}").format(po_no=po_no))
        self._updated(changed if changed is not None else self.purchasing.order(po_no))
        return changed

    def change_line(self, po_no: str, line: OrderLineView) -> None:
        """The quantity ordered or unit cost typed into a line of draft `po_no`."""
        changed = self._edit_draft(
            po_no,
            lambda approval: self.purchasing.update_line(
                po_no,
                line.product_id,
                line.qty_ordered_milli,
                line.unit_cost,
                actor=self.context.actor(),
                approval=approval,
            ),
        )
        if changed is not None:
            self.inform(
                _("Order {po_no} changed: “{name}”, total {total}.").format(
                    po_no=changed.po_no, name=line.name, total=format_vnd(changed.total)
                )
            )

    def add_line(self) -> None:
        order = self.current
        if order is None or not self.detail.editing:
            return
        try:
            wanted = self.detail.entered_line()
        except InvalidInput as error:
            self.fail(str(error))
            return
        changed = self._edit_draft(
            order.po_no,
            lambda approval: self.purchasing.add_line(
                order.po_no, wanted.product_id, wanted.qty_milli, actor=self.context.actor(), approval=approval
            ),
        )
        if changed is not None:
            self.detail.add_qty.clear()
            added = next(line for line in changed.lines if line.product_id == wanted.product_id)
            self.inform(
                _("Added “{name}” to order {po_no}: total {total}.").format(
                    name=added.name, po_no=changed.po_no, total=format_vnd(changed.total)
                )
            )

    def remove_line(self) -> None:
        order = self.current
        line = self.detail.selected_line()
        if order is None or not self.detail.editing:
            return
        if line is None:
            self.warn(_("Choose the line to take off the order first."))
            return
        question = _("Take “{name}” off order {po_no}?").format(name=line.name, po_no=order.po_no)
        if not self.context.dialogs.confirm(_("Remove line"), question):
            return
        changed = self._edit_draft(
            order.po_no,
            lambda approval: self.purchasing.remove_line(
                order.po_no, line.product_id, actor=self.context.actor(), approval=approval
            ),
        )
        if changed is not None:
            self.inform(
                _("“{name}” is off order {po_no}: total {total}.").format(
                    name=line.name, po_no=changed.po_no, total=format_vnd(changed.total)
                )
            )

    # --- sending --------------------------------------------------------------------------
    def send_selected(self) -> None:
        if self.current is not None:
            self.send(self.current.po_no)

    def send(self, po_no: str) -> None:
        self.banner.dismiss()
        actor = self.context.actor()  # read here: the work runs on another thread
        approval = approval_for(self.context, Permission.PURCHASING, _("Send order {po_no}").format(po_no=po_no))
        if isinstance(approval, Declined):
            self.warn(_("Not done: no manager approved it."))
            return

        def sent(order: PurchaseOrderView) -> None:
            self.inform(
                _("Order {po_no} was sent to {email}.").format(po_no=order.po_no, email=order.cooperative_email)
            )
            self._show(order)

        def not_sent(error: BaseException) -> None:
            self.refresh()
            self.select(po_no)
            self.fail(user_message(error, _("Sending the order")), _("Retry"), lambda: self.send(po_no))

        self.run_background(
            lambda: self.mailer.send(po_no, actor=actor, approval=approval),
            sent,
            _("Sending {po_no}…").format(po_no=po_no),
            _("Sending the order"),
            buttons=(self.send_button, self.outbox_button),
            failed=not_sent,
        )

    def send_outbox(self) -> None:
        actor = self.context.actor()

        def finished(results: list[tuple[str, str]]) -> None:
            self.refresh()
            failed = [f"{po_no}: {error}" for po_no, error in results if error]
            if failed:
                self.fail(_("Still not sent: {orders}").format(orders="; ".join(failed)), _("Retry"), self.send_outbox)
            else:
                self.inform(ngettext("{count} order sent.", "{count} orders sent.", len(results)).format(
                    count=len(results)
                ))

        self.run_background(
            lambda: self.mailer.send_outbox(actor=actor),
            finished,
            _("Sending the outbox…"),
            _("Sending the outbox"),
            buttons=(self.send_button, self.outbox_button),
        )

    # --- documents ------------------------------------------------------------------------
    def save_pdf(self) -> None:
        order = self.current
        if order is None:
            return
        path = self.save_path(f"{order.po_no}.pdf", _("PDF documents (*.pdf)"))
        if path is not None:
            self._write_pdf(order.po_no, path, open_after=False)

    def preview_pdf(self) -> None:
        order = self.current
        if order is not None:
            folder = data_dir() / "orders"
            folder.mkdir(parents=True, exist_ok=True)
            self._write_pdf(order.po_no, folder / f"{order.po_no}.pdf", open_after=True)

    def _write_pdf(self, po_no: str, path: Path, open_after: bool) -> None:
        profile = self.shop.settings.shop

        def written(where: Path) -> None:
            if open_after:
                self.open_file(where)
            else:
                self.inform(_("Saved {path}.").format(path=where))

        self.run_background(
            lambda: write_file(path, self.purchasing.order_pdf(po_no, profile)),
            written,
            _("Making the PDF…"),
            _("Saving the PDF"),
            buttons=(self.pdf_button, self.preview_button),
        )

    def save_csv(self) -> None:
        order = self.current
        if order is None:
            return
        path = self.save_path(f"{order.po_no}.csv", _("CSV files (*.csv)"))
        if path is None:
            return
        try:
            write_file(path, self.purchasing.order_csv(order.po_no))
        except OSError as error:
            self.fail(_("The file could not be written: {reason}").format(reason=error.strerror or error))
            return
        self.inform(_("Saved {path}.").format(path=path))

    # --- receiving and cancelling ---------------------------------------------------------
    def receive_selected(self) -> None:
        order = self.current
        if order is None:
            return
        items = self.detail.received_items()
        if not items:
            self.warn(_("Type the quantities that arrived in “Receive now” first (or press “All arrived”)."))
            return
        received = self.attempt(lambda: self.receiving.receive_order(order.po_no, items))
        if received is None:
            return
        owed = [line for line in received.lines if line.backorder_milli]
        if owed:
            message = ngettext(
                "Received into stock. {count} line of {po_no} is still on backorder.",
                "Received into stock. {count} lines of {po_no} are still on backorder.",
                len(owed),
            ).format(count=len(owed), po_no=received.po_no)
        else:
            message = _("Received into stock: {po_no} is complete.").format(po_no=received.po_no)
        self._show(received)
        self.inform(message)

    def cancel_selected(self) -> None:
        order = self.current
        if order is None:
            return
        question = _("Cancel order {po_no} to {cooperative}?").format(po_no=order.po_no, cooperative=order.cooperative)
        if not self.context.dialogs.confirm(_("Cancel order"), question):
            return
        cancelled = self.protected(
            lambda approval: self.purchasing.cancel(order.po_no, actor=self.context.actor(), approval=approval),
            question,
        )
        if cancelled is not None:
            self._show(cancelled)
            self.inform(_("Order {po_no} is cancelled.").format(po_no=cancelled.po_no))
