"""The back office: the manager's screens as tabs beside the till, each built the first time it is opened."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QTabWidget, QWidget

from posapp.ui.context import ViewContext


@dataclass(frozen=True)
class Page:
    key: str
    title: str
    build: Callable[[ViewContext], QWidget]


class BackOffice(QTabWidget):
    """Tabs of back-office views. A view is built when its tab is first shown (the till starts fast) and
    refreshed every time it is shown again, so it never shows yesterday's figures."""

    def __init__(self, context: ViewContext, pages: Sequence[Page], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backOffice")
        self.setDocumentMode(True)
        self._context = context
        self._pages = list(pages)
        self._built: dict[int, QWidget] = {}
        for page in self._pages:
            self.addTab(QWidget(), page.title)
        self.currentChanged.connect(self._show)

    def view(self, index: int) -> QWidget:
        """The view of tab `index`, built on first use."""
        built = self._built.get(index)
        if built is None:
            built = self._built[index] = self._pages[index].build(self._context)
            opener = getattr(built, "open_screen", None)  # an overview's tiles lead to other screens
            if opener is not None:
                opener.connect(self.open_key)
            current = self.currentIndex()
            self.blockSignals(True)  # swapping the placeholder is not the user changing tabs
            self.removeTab(index)
            self.insertTab(index, built, self._pages[index].title)
            self.setCurrentIndex(current)
            self.blockSignals(False)
        return built

    def open(self, index: int | None = None) -> None:
        """Show a tab (the current one by default) with fresh figures."""
        if index is not None and index != self.currentIndex():
            self.setCurrentIndex(index)  # -> _show
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
        refresh = getattr(view, "refresh", None)
        if callable(refresh):
            refresh()
