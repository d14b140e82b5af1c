"""The look of the till: bundled fonts (Vietnamese everywhere) and one style sheet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from posapp.paths import RESOURCES

FONT_FAMILY = "DejaVu Sans"
SYSTEM_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

INK = "#1f2933"
MUTED = "#52606d"
ACCENT = "#0f766e"
ACCENT_DARK = "#115e59"
ACCENT_SOFT = "#ccfbf1"
SURFACE = "#ffffff"
BACKGROUND = "#eef2f5"
LINE = "#d3dce4"
WARNING = "#b45309"
WARNING_SOFT = "#fef3c7"
DANGER = "#b91c1c"
DANGER_SOFT = "#fee2e2"
SUCCESS_SOFT = "#dcfce7"

STYLE_SHEET = f"""
QWidget {{ color: {INK}; font-size: 11pt; }}
QMainWindow, QDialog, #sellView {{ background: {BACKGROUND}; }}
QLabel#muted {{ color: {MUTED}; }}

QLineEdit {{
    background: {SURFACE}; border: 2px solid {LINE}; border-radius: 8px;
    padding: 6px 10px; font-size: 14pt; selection-background-color: {ACCENT};
}}
QLineEdit:focus {{ border-color: {ACCENT}; }}
QLineEdit#scanField {{ font-size: 18pt; padding: 8px 12px; }}

QPushButton {{
    background: {SURFACE}; border: 1px solid {LINE}; border-radius: 10px;
    padding: 8px 14px; font-size: 12pt; min-height: 44px;
}}
QPushButton:hover {{ border-color: {ACCENT}; }}
QPushButton:pressed {{ background: {ACCENT_SOFT}; }}
QPushButton:disabled {{ color: #9aa5b1; background: #f5f7fa; }}
QPushButton:focus {{ border: 2px solid {ACCENT}; }}
QPushButton#primary {{
    background: {ACCENT}; color: white; border: none; font-weight: bold; font-size: 15pt;
}}
QPushButton#primary:hover {{ background: {ACCENT_DARK}; }}
QPushButton#primary:disabled {{ background: #9fc9c4; color: #eef6f5; }}
QPushButton#note {{ font-size: 14pt; font-weight: bold; min-height: 52px; }}
QLabel#keyHint {{
    background: {BACKGROUND}; color: {MUTED}; border-radius: 5px;
    font-size: 8pt; font-weight: bold; padding: 1px 4px;
}}
QPushButton#primary QLabel#keyHint {{ background: {ACCENT_DARK}; color: white; }}

QTableView {{
    background: {SURFACE}; border: 1px solid {LINE}; border-radius: 10px;
    gridline-color: #edf1f4; font-size: 12pt;
    selection-background-color: {ACCENT_SOFT}; selection-color: {INK};
    alternate-background-color: #f8fafb;
}}
QHeaderView::section {{
    background: {SURFACE}; color: {MUTED}; border: none; border-bottom: 2px solid {LINE};
    padding: 8px 6px; font-size: 10pt; font-weight: bold;
}}
QHeaderView#lineNumbers::section {{
    background: {SURFACE}; color: {MUTED}; border: none; padding: 0; font-size: 11pt; font-weight: normal;
}}
QTableCornerButton::section {{ background: {SURFACE}; border: none; border-bottom: 2px solid {LINE}; }}

#panel {{ background: {SURFACE}; border: 1px solid {LINE}; border-radius: 12px; }}
QLabel#totalCaption {{ color: {MUTED}; font-size: 13pt; font-weight: bold; }}
QLabel#totalAmount {{ color: {ACCENT_DARK}; font-size: 34pt; font-weight: bold; }}
QLabel#bigAmount {{ font-size: 24pt; font-weight: bold; }}
QLabel#changeAmount {{ color: {ACCENT_DARK}; font-size: 30pt; font-weight: bold; }}
QLabel#figure {{ font-size: 13pt; }}
QLabel#vatLine {{ color: {MUTED}; font-size: 10pt; }}

#banner {{ border-radius: 10px; }}
#banner[tone="error"] {{ background: {DANGER_SOFT}; border: 1px solid {DANGER}; }}
#banner[tone="warning"] {{ background: {WARNING_SOFT}; border: 1px solid {WARNING}; }}
#banner[tone="info"] {{ background: {SUCCESS_SOFT}; border: 1px solid {ACCENT}; }}
#banner QLabel {{ font-size: 13pt; font-weight: bold; background: transparent; }}

QLabel#status {{ color: {MUTED}; font-size: 12pt; }}
QLabel#lastItem {{ font-size: 14pt; font-weight: bold; }}
QLabel#error {{ color: {DANGER}; font-size: 12pt; font-weight: bold; }}
QLabel#heading {{ font-size: 16pt; font-weight: bold; }}

QTabWidget::pane {{ border: 1px solid {LINE}; border-radius: 10px; background: {SURFACE}; top: -1px; }}
QTabBar::tab {{
    background: transparent; padding: 10px 22px; font-size: 12pt; font-weight: bold; color: {MUTED};
    border-bottom: 3px solid transparent;
}}
QTabBar::tab:selected {{ color: {ACCENT_DARK}; border-bottom: 3px solid {ACCENT}; }}
QListWidget {{ background: {SURFACE}; border: 1px solid {LINE}; border-radius: 8px; font-size: 12pt; }}
QListWidget::item {{ padding: 6px; }}
QListWidget::item:selected {{ background: {ACCENT_SOFT}; color: {INK}; }}
QProgressBar {{ border: 1px solid {LINE}; border-radius: 6px; background: {SURFACE}; height: 12px; }}
QProgressBar::chunk {{ background: {ACCENT}; border-radius: 6px; }}
"""


def font_files() -> list[Path]:
    """The DejaVu Sans faces shipped with the app, or the system's copy when a checkout lacks them."""
    for folder in (RESOURCES / "fonts", SYSTEM_FONT_DIR):
        found = sorted(folder.glob("DejaVuSans*.ttf"))
        if found:
            return found
    return []


def load_fonts() -> str | None:
    """Register the bundled fonts (offscreen Qt has none of its own); returns the family loaded."""
    if FONT_FAMILY in QFontDatabase.families():
        return FONT_FAMILY
    family = None
    for path in font_files():
        if QFontDatabase.addApplicationFont(str(path)) >= 0:
            family = FONT_FAMILY
    return family


def apply_style(app: QApplication) -> None:
    family = load_fonts()
    if family:
        font = QFont(family)
        font.setPointSize(11)
        app.setFont(font)
    app.setStyle("Fusion")
    app.setStyleSheet(STYLE_SHEET)
