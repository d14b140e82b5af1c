"""Building blocks of settings-style forms: labelled rows, combo boxes with data, values in and out of widgets."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QGridLayout, QLabel, QLineEdit, QSpinBox, QWidget

from posapp.settings import Settings

QWIDGETSIZE_MAX = 16_777_215


def setting(settings: Settings, key: str) -> Any:
    """The value of "section.name" (or a top-level "name") in `settings`."""
    section, _dot, name = key.partition(".")
    holder = getattr(settings, section)
    return getattr(holder, name) if name else holder


def put_value(widget: QWidget, value: Any) -> None:
    if isinstance(widget, QLineEdit):
        widget.setText(str(value))
    elif isinstance(widget, QComboBox) and widget.isEditable():
        widget.setEditText(str(value))
    elif isinstance(widget, QComboBox):
        select_data(widget, value)
    elif isinstance(widget, QSpinBox | QDoubleSpinBox):
        widget.setValue(value)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))


def take_value(widget: QWidget) -> Any:
    if isinstance(widget, QLineEdit):
        return widget.text().strip()
    if isinstance(widget, QComboBox):
        return widget.currentText().strip() if widget.isEditable() else widget.currentData()
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.value()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    raise TypeError(f"no value in {widget!r}")


def data_combo(choices: tuple[tuple[object, str], ...]) -> QComboBox:
    combo = QComboBox()
    combo.setMaximumWidth(620)  # a choice reads better beside its label than stretched across the screen
    for value, text in choices:
        combo.addItem(text, value)
    return combo


def select_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


def form_page(*rows: tuple[str, QWidget] | QWidget, margin: int = 20, stretch: bool = True) -> QWidget:
    """Labels beside their fields, centred on them; a lone widget spans the row. Spare room goes below."""
    page = QWidget()
    grid = QGridLayout(page)
    grid.setContentsMargins(margin, max(margin - 4, 0), margin, max(margin - 4, 0))
    grid.setVerticalSpacing(10)
    grid.setHorizontalSpacing(18)
    centred = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    for row, item in enumerate(rows):
        if isinstance(item, tuple):
            label = QLabel(item[0])
            label.setBuddy(item[1])
            grid.addWidget(label, row, 0, centred)
            if item[1].maximumWidth() < QWIDGETSIZE_MAX:  # a short field stays beside its label
                grid.addWidget(item[1], row, 1, centred)
            else:
                grid.addWidget(item[1], row, 1)
        else:
            grid.addWidget(item, row, 0, 1, 2)
    grid.setColumnStretch(1, 1)
    if stretch:
        grid.setRowStretch(len(rows), 1)
    return page


def section_heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("totalCaption")
    return label
