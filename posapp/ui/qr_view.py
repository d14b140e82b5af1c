"""A QR code on screen, drawn module by module so any phone camera reads it at the counter."""

from __future__ import annotations

import segno
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks


def qr_matrix(text: str) -> list[list[bool]]:
    """The dark (True) and light modules of `text` as a QR code (level M), without the quiet zone."""
    code = segno.make(text, error="m", micro=False, boost_error=False)
    return [[bool(module) for module in row] for row in code.matrix]


def qr_image(text: str, size_px: int) -> QImage:
    """The code drawn with whole pixels per module, as large as fits in `size_px`."""
    matrix = qr_matrix(text)
    modules = len(matrix) + 2 * QUIET_ZONE
    module_px = max(1, size_px // modules)
    size = modules * module_px
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.drawRect(
                    QRect((x + QUIET_ZONE) * module_px, (y + QUIET_ZONE) * module_px, module_px, module_px)
                )
    painter.end()
    return image


class QrView(QLabel):
    """Shows one payload as a crisp QR code of about `size` pixels (whole pixels per module)."""

    def __init__(self, size: int = 300, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._size = size
        self.payload = ""
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFixedSize(size, size)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def show_payload(self, payload: str) -> None:
        self.payload = payload
        if not payload:
            self.clear()
            return
        self.setPixmap(QPixmap.fromImage(qr_image(payload, self._size)))
