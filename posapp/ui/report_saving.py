"""Where a report file goes: a save dialog in the app, a callback in tests (no file dialog ever opens there)."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from posapp.i18n import _

SavePath = Callable[[str, str], Path | None]
"""(suggested file name, file filter such as "PDF document (*.pdf)") -> where to save, or None when cancelled.
The same shape as the other back-office screens', so the app can hand every screen one callback."""


class FileKind(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    PDF = "pdf"


def kind_filter(kind: FileKind) -> str:
    return {
        FileKind.CSV: _("CSV file (*.csv)"),
        FileKind.XLSX: _("Excel workbook (*.xlsx)"),
        FileKind.PDF: _("PDF document (*.pdf)"),
    }[kind]


def with_suffix(path: Path, kind: FileKind) -> Path:
    """The path as chosen, with the kind's extension added when the manager typed a bare name."""
    return path if path.suffix.lower() == f".{kind.value}" else path.with_name(f"{path.name}.{kind.value}")


def dialog_save_path(parent: QWidget) -> SavePath:
    """The real thing: a save dialog opening in the user's documents folder."""

    def ask(suggested: str, file_filter: str) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _filter = QFileDialog.getSaveFileName(
            parent, _("Save the report"), str(Path(folder) / suggested), file_filter
        )
        return Path(chosen) if chosen else None

    return ask


def ask_path(save_path: SavePath, suggested: str, kind: FileKind) -> Path | None:
    chosen = save_path(f"{suggested}.{kind.value}", kind_filter(kind))
    return None if chosen is None else with_suffix(chosen, kind)
