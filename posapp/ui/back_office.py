"""The back office: the manager's screens in a list down the side, each built the first time it is opened.

A list rather than tabs: thirteen screens' names do not fit across a 1366-pixel till in Vietnamese, and a
column of big entries is easy to touch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from posapp.ui.context import ViewContext
from posapp.ui.style import ACCENT, ACCENT_DARK, ACCENT_SOFT, INK, LINE, SURFACE

NAV_WIDTH = 176
NAV_ROW_HEIGHT = 44
NAV_STYLE = f"""
QListWidget#backOfficeNav {{
    background: {SURFACE}; border: none; border-right: 1px solid {LINE}; border-radius: 0;
    font-size: 12pt; font-weight: bold; outline: none; padding-top: 6px;
}}
QListWidget#backOfficeNav::item {{ color: {INK}; padding: 0 14px; border-left: 4px solid transparent; }}
QListWidget#backOfficeNav::item:selected {{
    background: {ACCENT_SOFT}; color: {ACCENT_DARK}; border-left: 4px solid {ACCENT};
}}
"""


class FittingFrame(QScrollArea):
    """Holds a screen at the size of the room it has, scrolling only when the screen cannot shrink that far.

    (Qt's own resizable scroll area sizes a screen with wrapped text to its preferred height, so a screen
    that would fit scrolled all the same.)
    """

    def __init__(self, view: QWidget) -> None:
        super().__init__()
        self.setObjectName("backOfficeFrame")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(False)
        self.setWidget(view)
        view.installEventFilter(self)
        self.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Resize):
            self.fit()
        return super().eventFilter(watched, event)  # the scroll area's own: its scroll bars follow the screen

    def fit(self) -> None:
        view = self.widget()
        if view is None:
            return
        room = self.viewport().size()
        least = view.minimumSizeHint().expandedTo(view.minimumSize())
        wanted = room.expandedTo(least)
        if view.size() != wanted:
            view.resize(wanted)


@dataclass(frozen=True)
class Page:
    key: str
    title: str
    build: Callable[[ViewContext], QWidget]


class BackOffice(QWidget):
    """The back-office screens. A view is built when it is first shown (the till starts fast) and refreshed
    every time it is shown again, so it never shows yesterday's figures."""

    def __init__(self, context: ViewContext, pages: Sequence[Page], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backOffice")
        self._context = context
        self._pages = list(pages)
        self._built: dict[int, QWidget] = {}
        self.nav = QListWidget()
        self.nav.setObjectName("backOfficeNav")
        self.nav.setStyleSheet(NAV_STYLE)
        self.nav.setFixedWidth(NAV_WIDTH)
        self.nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the focus stays in the screen's own fields
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setWordWrap(True)
        self.stack = QStackedWidget()
        for page in self._pages:
            item = QListWidgetItem(page.title)
            item.setSizeHint(QSize(NAV_WIDTH, NAV_ROW_HEIGHT))
            self.nav.addItem(item)
            self.stack.addWidget(QWidget())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.nav.setCurrentRow(0)
        self.nav.currentRowChanged.connect(self._show)

    def count(self) -> int:
        return len(self._pages)

    def currentIndex(self) -> int:  # Qt's names, as on the widgets it wraps
        return self.nav.currentRow()

    def currentWidget(self) -> QWidget:
        return self.view(self.currentIndex())

    def title(self, index: int) -> str:
        return self._pages[index].title

    def view(self, index: int) -> QWidget:
        """The view of screen `index`, built on first use."""
        built = self._built.get(index)
        if built is None:
            built = self._built[index] = self._pages[index].build(self._context)
            opener = getattr(built, "open_screen", None)  # an overview's tiles lead to other screens
            if opener is not None:
                opener.connect(self.open_key)
            # A screen taller or wider than the till's display scrolls inside its frame instead of growing
            # the window past the screen (the settings form is tall; the stock forms are wide).
            frame = FittingFrame(built)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, frame)
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
        return built

    def open(self, index: int | None = None) -> None:
        """Show a screen (the current one by default) with fresh figures."""
        if index is not None and index != self.currentIndex():
            self.nav.setCurrentRow(index)  # -> _show
            return
        self._show(self.currentIndex())

    def open_key(self, key: str) -> None:
        """Show the screen called `key` ("products", "orders", ...); an unknown key changes nothing."""
        for index, page in enumerate(self._pages):
            if page.key == key:
                self.open(index)
                return

    def _show(self, index: int) -> None:
        if index < 0:
            return
        view = self.view(index)
        self.stack.setCurrentIndex(index)
        refresh = getattr(view, "refresh", None)
        if callable(refresh):
            refresh()
