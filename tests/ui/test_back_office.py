"""The back office's frame: every screen fits the till's 1366×768 display, scrolling only when it must."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from posapp.ui.back_office import BackOffice, Page
from posapp.ui.context import ViewContext
from posapp.ui.main_window import MainWindow


def tall(_context: ViewContext) -> QWidget:
    """A screen that cannot shrink below 2.000 pixels (a long form)."""
    page = QWidget()
    layout = QVBoxLayout(page)
    for row in range(40):
        label = QLabel(f"Row {row}")
        label.setMinimumHeight(50)
        layout.addWidget(label)
    return page


def short(_context: ViewContext) -> QWidget:
    page = QWidget()
    QVBoxLayout(page).addWidget(QLabel("A wrapped line of text " * 20, wordWrap=True))
    return page


def test_a_screen_taller_than_the_display_scrolls_to_its_end_and_a_short_one_does_not(
    qtbot: QtBot, window: MainWindow
) -> None:
    office = BackOffice(
        ViewContext(shop=window.shop, dialogs=window.dialogs, actor=window.actor),
        [Page("tall", "Tall", tall), Page("short", "Short", short)],
    )
    qtbot.addWidget(office)
    office.resize(1366, 700)
    office.show()
    office.open_key("tall")
    frame = office.stack.currentWidget()
    scroll = frame.verticalScrollBar()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: scroll.maximum() > 0)
    scroll.setValue(scroll.maximum())
    last = office.currentWidget().findChildren(QLabel)[-1]
    assert frame.viewport().rect().contains(last.mapTo(frame.viewport(), last.rect().center()))  # type: ignore[attr-defined]
    office.open_key("short")
    frame = office.stack.currentWidget()
    qtbot.wait(50)
    assert frame.verticalScrollBar().maximum() == 0  # type: ignore[attr-defined]
    assert office.currentWidget().height() == frame.viewport().height()  # type: ignore[attr-defined]


def test_every_back_office_screen_keeps_the_window_at_the_display_size(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1366, 768)
    window.toggle_back_office()
    for index in range(window.back_office.count()):
        window.back_office.open(index)
        qtbot.wait(20)
        assert (window.width(), window.height()) == (1366, 768), window.back_office.title(index)
