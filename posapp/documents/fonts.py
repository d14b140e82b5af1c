"""The fonts every document uses: DejaVu Sans, which covers Vietnamese and the OCOP star ★."""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from posapp.paths import RESOURCES

FONT_FOLDER = RESOURCES / "fonts"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}

_lock = threading.Lock()
_registered = False


def font_file(bold: bool = False) -> Path:
    """The TrueType file of the regular or bold face (for renderers that load fonts themselves)."""
    return FONT_FOLDER / _FILES[BOLD if bold else REGULAR]


def register_fonts() -> tuple[str, str]:
    """Register the regular and bold faces with reportlab (once per process); returns their names."""
    global _registered
    if _registered:  # every receipt asks; reading the TTF files again would cost more than the drawing
        return REGULAR, BOLD
    with _lock:
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, filename in _FILES.items():
            if name not in registered:
                pdfmetrics.registerFont(TTFont(name, str(FONT_FOLDER / filename)))
        if REGULAR not in registered:
            pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
        _registered = True
    return REGULAR, BOLD


@lru_cache(maxsize=64)
def pillow_font(bold: bool, pixels: float) -> ImageFont.FreeTypeFont:
    """The face at a pixel size, loaded once: a receipt uses only a handful of sizes."""
    return ImageFont.truetype(str(font_file(bold)), size=pixels)
