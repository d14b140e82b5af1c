"""What every screenshot needs: letting Qt paint, the window with its dialogs on top, and answers to questions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QPoint, QRect, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QDialog, QWidget

from posapp.domain.staff import Approval
from posapp.ui.dialogs import ApprovalRequest, QtDialogs

SIZE = (1366, 768)
DIM = QColor(15, 23, 42, 120)


def settle(ms: int = 80) -> None:
    """Let Qt lay out and paint (and debounce timers fire) before a grab."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(done: Callable[[], bool], timeout_ms: int = 30_000) -> None:
    """Run the event loop until `done()` (a report's background query, say); OSError when it never is."""
    waited = 0
    while not done():
        if waited >= timeout_ms:
            raise OSError("a screen did not finish loading in time")
        settle(50)
        waited += 50


def composite(window: QWidget, *dialogs: QDialog) -> QPixmap:
    """What the cashier sees: the window dimmed, each dialog on top of the one before, in the middle."""
    base = window.grab()
    painter = QPainter(base)
    for dialog in dialogs:
        painter.fillRect(base.rect(), DIM)
        shot = dialog.grab()
        top_left = QPoint((base.width() - shot.width()) // 2, max(0, (base.height() - shot.height()) // 2))
        painter.drawPixmap(top_left, shot)
        painter.setPen(QPen(QColor("#94a3b8"), 1))
        painter.drawRect(QRect(top_left, shot.size()).adjusted(0, 0, -1, -1))
    painter.end()
    return base


class Shots:
    """The folder the screenshots go into, and the list of what was written."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.saved: list[Path] = []

    def save(self, picture: QPixmap | QImage, name: str) -> None:
        path = self.folder / name
        image = picture.toImage() if isinstance(picture, QPixmap) else picture
        if not image.save(str(path)):  # PNG, from the name
            raise OSError(f"could not write {path}")
        self.saved.append(path)


ApprovalHook = Callable[[QDialog], None]


class ScriptedDialogs(QtDialogs):
    """The real dialogs, answered by the screenshot tour instead of a person: questions are answered yes,
    and a manager's approval is typed into the real approval dialog (which `on_approval` may photograph)."""

    def __init__(self) -> None:
        super().__init__(QWidget())
        self.approver: tuple[str, str] | None = None  # the manager's name and PIN
        self.on_approval: ApprovalHook | None = None

    def attach(self, window: QWidget) -> None:
        self._parent = window

    def confirm(self, title: str, question: str) -> bool:
        return True

    def ask_approval(self, request: ApprovalRequest) -> Approval | None:
        from posapp.ui.approval import ApprovalDialog

        if self.approver is None:
            return None
        name, pin = self.approver
        dialog = ApprovalDialog(request, self._parent)
        dialog.show()
        dialog.picker.choose(name)
        for digit in pin:
            dialog.pad.press(digit)
        settle()
        if self.on_approval is not None:
            self.on_approval(dialog)
        dialog.pad.submit()
        approval = dialog.approval
        dialog.deleteLater()
        return approval
