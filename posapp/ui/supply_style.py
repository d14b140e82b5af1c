"""The manager screens' form fields, matched to the till's style sheet (posapp.ui.style)."""

from __future__ import annotations

from posapp.paths import RESOURCES
from posapp.ui import style

ICONS = (RESOURCES / "icons").as_posix()
# Form fields the till's style sheet leaves at their defaults, matched to its line edits.
FORM_STYLE = f"""
QComboBox, QSpinBox, QDateEdit, QPlainTextEdit {{
    background: {style.SURFACE}; border: 2px solid {style.LINE}; border-radius: 8px;
    padding: 5px 8px; font-size: 13pt; min-height: 30px;
}}
QComboBox, QDateEdit {{ padding-right: 34px; }}
QSpinBox {{ padding-right: 34px; }}
QComboBox:focus, QSpinBox:focus, QDateEdit:focus, QPlainTextEdit:focus {{ border-color: {style.ACCENT}; }}
QComboBox:disabled, QSpinBox:disabled, QDateEdit:disabled {{ color: #9aa5b1; background: #f5f7fa; }}
QComboBox::drop-down, QDateEdit::drop-down {{
    subcontrol-origin: border; subcontrol-position: center right; width: 32px; border: none;
}}
QComboBox::down-arrow, QDateEdit::down-arrow, QSpinBox::down-arrow {{
    image: url({ICONS}/chevron-down.svg); width: 14px; height: 14px;
}}
QSpinBox::up-arrow {{ image: url({ICONS}/chevron-up.svg); width: 14px; height: 14px; }}
QSpinBox::up-button, QSpinBox::down-button {{
    subcontrol-origin: border; width: 32px; border: none; border-left: 1px solid {style.LINE};
}}
QSpinBox::up-button {{ subcontrol-position: top right; border-bottom: 1px solid {style.LINE}; }}
QSpinBox::down-button {{ subcontrol-position: bottom right; }}
QComboBox QAbstractItemView {{
    font-size: 13pt; selection-background-color: {style.ACCENT_SOFT}; selection-color: {style.INK};
}}
QCheckBox {{ font-size: 12pt; spacing: 8px; }}
QGroupBox {{
    background: {style.SURFACE}; border: 1px solid {style.LINE}; border-radius: 12px;
    margin-top: 16px; padding: 14px 10px 10px 10px; font-size: 12pt; font-weight: bold;
}}
QGroupBox::title {{ subcontrol-origin: margin; left: 14px; padding: 0 4px; color: {style.ACCENT_DARK}; }}
QLabel#field {{ font-size: 12pt; color: {style.MUTED}; }}
QLabel#figureBig {{ font-size: 22pt; font-weight: bold; color: {style.ACCENT_DARK}; }}
QLabel#caption {{ font-size: 11pt; font-weight: bold; color: {style.MUTED}; }}
QLabel#subheading {{ font-size: 13pt; font-weight: bold; }}
QLineEdit {{ font-size: 13pt; }}
"""
