"""Small building blocks of the till: touch buttons with their key, the message banner."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget


class ActionButton(QPushButton):
    """A big button that runs a QAction and shows the action's key in its corner (F2, F12 …)."""

    def __init__(self, action: QAction, parent: QWidget | None = None, primary: bool = False) -> None:
        super().__init__(action.text(), parent)
        self._action = action
        if primary:
            self.setObjectName("primary")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(58)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the keyboard
        self._hint = QLabel(action.shortcut().toString(), self)
        self._hint.setObjectName("keyHint")
        self._hint.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.clicked.connect(action.trigger)
        action.changed.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        self.setText(self._action.text())
        self.setEnabled(self._action.isEnabled())
        self._hint.setText(self._action.shortcut().toString())
        self._hint.adjustSize()
        self._place_hint()

    def _place_hint(self) -> None:
        self._hint.move(self.width() - self._hint.width() - 6, 5)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_hint()


class Banner(QFrame):
    """A coloured, non-modal message across the sell view, with an optional action button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setProperty("tone", "error")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 8, 8)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.action_button = QPushButton()
        self.action_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button = QPushButton("✕")
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.setFixedWidth(48)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        self._callback: Callable[[], None] | None = None
        self.action_button.clicked.connect(self._run)
        self.close_button.clicked.connect(self.dismiss)
        self.hide()

    def show_message(
        self,
        text: str,
        tone: str = "error",
        action: str = "",
        callback: Callable[[], None] | None = None,
    ) -> None:
        self.message.setText(text)
        self.setProperty("tone", tone)
        self.style().unpolish(self)
        self.style().polish(self)
        self._callback = callback
        self.action_button.setText(action)
        self.action_button.setVisible(bool(action and callback))
        self.show()

    def dismiss(self) -> None:
        self._callback = None
        self.hide()

    def _run(self) -> None:
        callback = self._callback
        self.dismiss()
        if callback is not None:
            callback()

    @property
    def text(self) -> str:
        """What the banner says now; empty when it is not shown."""
        return "" if self.isHidden() else self.message.text()
