"""What every manager screen shares: heading, message bar, busy indicator, tables, dates and file choices."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posapp.domain.errors import InvalidInput, PosError
from posapp.domain.money import format_qty
from posapp.domain.staff import Approval, Permission
from posapp.i18n import _
from posapp.shop import Shop
from posapp.ui.approval import DECLINED, Approver, Declined
from posapp.ui.background import BackgroundTask
from posapp.ui.context import ViewContext
from posapp.ui.staffing import staff_service
from posapp.ui.supply_models_qt import RowsModel
from posapp.ui.supply_style import FORM_STYLE
from posapp.ui.widgets import Banner

R = TypeVar("R")

SavePath = Callable[[str, str], Path | None]
"""(suggested file name, file filter such as "PDF (*.pdf)") -> where to save, or None when cancelled."""
OpenFile = Callable[[Path], None]
NO_DATE = QDate(2000, 1, 1)  # the minimum of an OptionalDate, shown as "—": no date given




def user_message(error: BaseException, doing: str) -> str:
    """What a manager reads about a failure: a known problem's own words, else what failed and why."""
    if isinstance(error, PosError):
        return str(error)
    reason = str(error) or type(error).__name__
    return _("{doing} did not work: {reason}").format(doing=doing, reason=reason)


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("heading")
    return label


def muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("muted")
    label.setWordWrap(True)
    return label


def form_layout(parent: QWidget | None = None) -> QFormLayout:
    """Labels beside their fields, centred on them, in the muted colour of the screens' captions."""
    form = QFormLayout(parent)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setVerticalSpacing(8)
    form.setHorizontalSpacing(12)
    return form


def quiet_labels(widget: QWidget) -> None:
    """Every form caption under `widget` in the screens' caption style (rows are added with plain strings)."""
    for form in widget.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel) and not label.objectName():
                label.setObjectName("field")


def field_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("field")
    return label


def roomy(box: QAbstractSpinBox) -> QAbstractSpinBox:
    """Space between a spin box's frame and its text (Fusion with a style sheet puts the text on the frame)."""
    box.lineEdit().setStyleSheet("QLineEdit { padding-left: 8px; border: none; background: transparent; }")
    return box


def compact(combo: QComboBox, characters: int = 8) -> QComboBox:
    """A combo box that does not grow to its longest entry (the screens must fit 1366 pixels)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    return combo


def pairs_grid(parent: QWidget, rows: Sequence[Sequence[tuple[str, QWidget]]]) -> QGridLayout:
    """Captions and fields two to a row (a lone field spans the row): short forms that leave room for tables."""
    grid = QGridLayout(parent)
    grid.setHorizontalSpacing(10)
    grid.setVerticalSpacing(8)
    for row, pairs in enumerate(rows):
        for index, (text, widget) in enumerate(pairs):
            column = index * 2
            if text:
                grid.addWidget(field_label(text), row, column)
                grid.addWidget(widget, row, column + 1, 1, 1 if len(pairs) > 1 else 3)
            else:
                grid.addWidget(widget, row, column, 1, 2 if len(pairs) > 1 else 4)
    grid.setColumnStretch(1, 1)
    grid.setColumnStretch(3, 1)
    return grid


def button(text: str, callback: Callable[[], Any], primary: bool = False) -> QPushButton:
    widget = QPushButton(text)
    if primary:
        widget.setObjectName("primary")
    widget.clicked.connect(lambda _checked=False: callback())
    return widget


def make_table(model: RowsModel[Any], stretch: int = 0, editable: bool = False) -> QTableView:
    """A roomy table of whole rows; `stretch` is the column that takes the spare width."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    if editable:
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
    else:
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(40)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def selected_row(table: QTableView) -> int:
    index = table.currentIndex()
    return index.row() if index.isValid() else -1


class OptionalDate(QDateEdit):
    """A date that may be left empty ("—"): certificate expiry, best-before."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText("—")
        self.set_value(None)
        roomy(self)

    def value(self) -> date | None:
        chosen = self.date()
        return None if chosen == NO_DATE else date(chosen.year(), chosen.month(), chosen.day())

    def set_value(self, day: date | None) -> None:
        self.setDate(NO_DATE if day is None else QDate(day.year, day.month, day.day))


def run_protected(context: ViewContext, action: Callable[[Approval | None], R], detail: str = "") -> R | Declined:
    """`action(None)`, or `action(approval)` once a manager approves; other PosErrors go to the caller."""
    approver = Approver(staff_service(context.shop), context.dialogs, context.actor)
    return approver.run(action, detail)


def approval_for(context: ViewContext, permission: Permission, detail: str = "") -> Approval | Declined | None:
    """Before slow work on another thread: None when the person may act alone, else a manager's approval."""
    if context.actor().may(permission):
        return None
    approver = Approver(staff_service(context.shop), context.dialogs, context.actor)
    approval = approver.ask(permission, detail)
    return DECLINED if approval is None else approval


def ask_save_path(parent: QWidget) -> SavePath:
    def ask(suggested: str, file_filter: str) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(parent, _("Save as"), str(Path.home() / suggested), file_filter)
        return Path(chosen) if chosen else None

    return ask


def open_with_system(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class BackOfficeView(QWidget):
    """A manager screen: a heading, a message bar for what went wrong or right, and a busy indicator.

    `save_path` and `open_file` are the file choices a test replaces (no file dialog opens in a test).
    """

    def __init__(self, context: ViewContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.save_path: SavePath = ask_save_path(self)
        self.open_file: OpenFile = open_with_system
        self._tasks: list[BackgroundTask] = []
        self.setObjectName("managerScreen")
        self.setStyleSheet(FORM_STYLE)
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(16, 14, 16, 14)
        self.outer.setSpacing(10)
        top = QHBoxLayout()
        self.title = heading(title)
        top.addWidget(self.title)
        top.addStretch(1)
        self.busy_label = muted()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # busy: mail and PDFs do not report steps
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setFixedWidth(160)
        for widget in (self.busy_label, self.busy_bar):
            widget.hide()
            top.addWidget(widget)
        self.outer.addLayout(top)
        self.banner = Banner()
        self.outer.addWidget(self.banner)

    @property
    def shop(self) -> Shop:
        return self.context.shop

    def refresh(self) -> None:
        """Reload what the screen shows from the services (called whenever the screen is shown)."""

    # --- messages -------------------------------------------------------------------------
    def inform(self, text: str) -> None:
        self.banner.show_message(text, tone="info")

    def warn(self, text: str, action: str = "", callback: Callable[[], None] | None = None) -> None:
        self.banner.show_message(text, tone="warning", action=action, callback=callback)

    def fail(self, text: str, action: str = "", callback: Callable[[], None] | None = None) -> None:
        self.banner.show_message(text, tone="error", action=action, callback=callback)

    def attempt(self, work: Callable[[], R]) -> R | None:
        """Run a service call; a known problem is shown in the message bar and None returned."""
        try:
            return work()
        except PosError as error:
            self.fail(str(error))
            return None

    def protected(self, action: Callable[[Approval | None], R], detail: str = "") -> R | None:
        """A call that may need a manager (changing products, stock, orders, payments): when the person
        signed in may not do it alone, a manager approves it with their PIN and it runs again."""
        try:
            result = run_protected(self.context, action, detail)
        except PosError as error:
            self.fail(str(error))
            return None
        if isinstance(result, Declined):
            self.warn(_("Not done: no manager approved it."))
            return None
        return result

    # --- slow work ------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def run_background(
        self,
        work: Callable[[], R],
        done: Callable[[R], None],
        busy_text: str,
        doing: str,
        buttons: Iterable[QWidget] = (),
        failed: Callable[[BaseException], None] | None = None,
    ) -> BackgroundTask:
        """Run `work` off the GUI thread with the busy indicator shown and `buttons` disabled meanwhile."""
        held = list(buttons)
        task = BackgroundTask(work, self)
        self._tasks.append(task)
        for widget in held:
            widget.setEnabled(False)
        self.busy_label.setText(busy_text)
        self.busy_label.show()
        self.busy_bar.show()

        def finish() -> None:
            self._tasks.remove(task)
            for widget in held:
                widget.setEnabled(True)
            if not self._tasks:
                self.busy_label.hide()
                self.busy_bar.hide()
            task.deleteLater()

        def on_done(result: object) -> None:
            finish()
            done(result)  # type: ignore[arg-type]  # the work's own result, through a Qt signal

        def on_failed(error: object) -> None:
            finish()
            assert isinstance(error, BaseException)
            if failed is not None:
                failed(error)
            else:
                self.fail(user_message(error, doing))

        task.done.connect(on_done)
        task.failed.connect(on_failed)
        task.start()
        return task


# --- reading and showing values ---------------------------------------------------------------
def qty_text(qty_milli: int, weighed: bool, unit: str) -> str:
    return f"{format_qty(qty_milli, weighed)} {unit}".strip()


def when_text(shop: Shop, at: datetime | None) -> str:
    return "" if at is None else f"{shop.clock.local(at):%d/%m/%Y %H:%M}"


def day_text(day: date | None) -> str:
    return "" if day is None else f"{day:%d/%m/%Y}"


def parse_day(text: str) -> date | None:
    """A day typed as 31/12/2025, 31-12-2025 or 2025-12-31; empty means none."""
    cleaned = text.strip()
    if not cleaned:
        return None
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y"):
        try:
            return datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    raise InvalidInput(_("“{text}” is not a date: write it as 31/12/2025.").format(text=cleaned))


def write_file(path: Path, content: bytes | str) -> Path:
    """Write a document where the manager chose; an OSError reaches the caller as a reason to show."""
    data = content.encode("utf-8-sig") if isinstance(content, str) else content  # BOM: Excel reads UTF-8
    path.write_bytes(data)
    return path
