"""The cooperatives the shop buys from or sells for: find (accents optional), add, edit, deactivate."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from posapp.domain.text import fold
from posapp.i18n import _
from posapp.services.catalog import CooperativeInput
from posapp.services.dto import CooperativeView
from posapp.ui.context import ViewContext
from posapp.ui.supply_kit import (
    BackOfficeView,
    button,
    form_layout,
    make_table,
    muted,
    quiet_labels,
    roomy,
    selected_row,
)
from posapp.ui.supply_models_qt import Col, RowsModel, Tone

NO_LEAD_TIME = -1  # the spin box's minimum, shown as "—"
FIELDS = ("name", "province", "commune", "contact", "phone", "email", "tax_code")


def lead_time_text(days: int | None) -> str:
    return "" if days is None else _("{days} days").format(days=days)


def cooperative_columns() -> list[Col[CooperativeView]]:
    def quiet(c: CooperativeView) -> Tone:
        return Tone.PLAIN if c.active else Tone.MUTED

    return [
        Col(_("Cooperative"), lambda c: c.name, tone=quiet, tooltip=lambda c: c.supply_terms),
        Col(_("Province"), lambda c: c.province, tone=quiet),
        Col(_("Phone"), lambda c: c.phone, tone=quiet, tooltip=lambda c: f"{c.contact} · {c.email}".strip(" ·")),
        Col(_("Lead time"), lambda c: lead_time_text(c.lead_time_days), right=True, tone=quiet),
        Col(_("Status"), lambda c: _("Active") if c.active else _("Inactive"), tone=quiet),
    ]


def matches(cooperative: CooperativeView, words: list[str]) -> bool:
    c = cooperative
    haystack = fold(" ".join((c.name, c.province, c.commune, c.contact, c.phone, c.email, c.tax_code)))
    return all(word in haystack for word in words)


class CooperativesView(BackOfficeView):
    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Cooperatives"), parent)
        self._all: list[CooperativeView] = []
        self.editing: CooperativeView | None = None
        body = QHBoxLayout()
        body.setSpacing(14)
        self.outer.addLayout(body, 1)
        left = QVBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Find by name, province, contact or phone (accents optional)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self._show())
        left.addWidget(self.search)
        self.model: RowsModel[CooperativeView] = RowsModel(cooperative_columns())
        self.table = make_table(self.model, stretch=0)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        left.addWidget(self.table, 1)
        self.count = muted()
        left.addWidget(self.count)
        body.addLayout(left, 3)
        body.addWidget(self._form(), 2)
        quiet_labels(self)
        self.refresh()
        self.new()

    def _form(self) -> QFrame:
        panel = QFrame()
        panel.setObjectName("panel")
        column = QVBoxLayout(panel)
        column.setContentsMargins(16, 14, 16, 14)
        self.form_title = muted()
        self.form_title.setObjectName("subheading")
        column.addWidget(self.form_title)
        form = form_layout()
        form.setVerticalSpacing(8)
        self.fields: dict[str, QLineEdit] = {name: QLineEdit() for name in FIELDS}
        labels = {
            "name": _("Name"),
            "province": _("Province"),
            "commune": _("Commune"),
            "contact": _("Contact person"),
            "phone": _("Phone"),
            "email": _("Email"),
            "tax_code": _("Tax code"),
        }
        for name in FIELDS:
            form.addRow(labels[name], self.fields[name])
        self.fields["email"].setPlaceholderText(_("orders are sent to this address"))
        self.lead_time = QSpinBox()
        roomy(self.lead_time)
        self.lead_time.setRange(NO_LEAD_TIME, 365)
        self.lead_time.setSpecialValueText("—")
        self.lead_time.setSuffix(_(" days"))
        form.addRow(_("Lead time"), self.lead_time)
        self.terms = QPlainTextEdit()
        self.terms.setPlaceholderText(_("For example: bought outright, paid within 15 days"))
        self.terms.setFixedHeight(90)
        form.addRow(_("Supply terms"), self.terms)
        column.addLayout(form)
        column.addStretch(1)
        row = QHBoxLayout()
        self.new_button = button(_("New cooperative"), self.new)
        self.active_button = button(_("Deactivate"), self.toggle_active)
        self.save_button = button(_("Save"), self.save, primary=True)
        row.addWidget(self.new_button)
        row.addWidget(self.active_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        column.addLayout(row)
        return panel

    # --- the list -------------------------------------------------------------------------
    def refresh(self) -> None:
        self._all = self.shop.catalog.cooperatives(include_inactive=True)
        self._show()

    def _show(self) -> None:
        words = fold(self.search.text()).split()
        shown = [c for c in self._all if matches(c, words)]
        self.model.set_rows(shown)
        self.count.setText(_("{shown} of {total} cooperatives").format(shown=len(shown), total=len(self._all)))
        if self.editing is not None:
            self._select(self.editing.id)

    def _select(self, cooperative_id: int) -> None:
        for row, cooperative in enumerate(self.model.rows()):
            if cooperative.id == cooperative_id:
                self.table.selectRow(row)
                return

    def _selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        row = selected_row(self.table)
        if row >= 0:
            self.edit(self.model.row(row))

    # --- the form -------------------------------------------------------------------------
    def new(self) -> None:
        self.editing = None
        self.table.clearSelection()
        for field in self.fields.values():
            field.clear()
        self.lead_time.setValue(NO_LEAD_TIME)
        self.terms.clear()
        self.form_title.setText(_("New cooperative"))
        self.active_button.setEnabled(False)
        self.active_button.setText(_("Deactivate"))
        self.fields["name"].setFocus()

    def edit(self, cooperative: CooperativeView) -> None:
        self.editing = cooperative
        for name, field in self.fields.items():
            field.setText(getattr(cooperative, name))
        days = cooperative.lead_time_days
        self.lead_time.setValue(NO_LEAD_TIME if days is None else days)
        self.terms.setPlainText(cooperative.supply_terms)
        self.form_title.setText(cooperative.name)
        self.active_button.setEnabled(True)
        self.active_button.setText(_("Deactivate") if cooperative.active else _("Reactivate"))

    def entered(self, active: bool) -> CooperativeInput:
        days = self.lead_time.value()
        text = {name: field.text() for name, field in self.fields.items()}
        return CooperativeInput(
            name=text["name"],
            province=text["province"],
            commune=text["commune"],
            contact=text["contact"],
            phone=text["phone"],
            email=text["email"],
            tax_code=text["tax_code"],
            lead_time_days=None if days == NO_LEAD_TIME else days,
            supply_terms=self.terms.toPlainText(),
            active=active,
        )

    def save(self) -> None:
        active = self.editing.active if self.editing is not None else True
        self._store(self.entered(active), _("Saved “{name}”."))

    def toggle_active(self) -> None:
        if self.editing is None:
            return
        if self.editing.active:
            question = _("Deactivate “{name}”? Its products stay in the catalogue; no new orders go to it.")
            if not self.context.dialogs.confirm(_("Deactivate"), question.format(name=self.editing.name)):
                return
            done = _("“{name}” is inactive now.")
        else:
            done = _("“{name}” is active again.")
        self._store(self.entered(not self.editing.active), done)

    def _store(self, data: CooperativeInput, done: str) -> None:
        editing = self.editing.id if self.editing is not None else None
        saved = self.protected(
            lambda approval: self.shop.catalog.save_cooperative(
                data, editing, actor=self.context.actor(), approval=approval
            ),
            data.name,
        )
        if saved is None:
            return
        self.editing = saved
        self.inform(done.format(name=saved.name))
        self.refresh()
        self.edit(saved)
