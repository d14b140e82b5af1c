"""The app booted for real: `main.py --screenshot DIR` on a throwaway demo shop writes its screenshots."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
# The screens, each the size of the till's display: a screen that grew past it would be cut off on a real till.
SCREENS = (
    "sign-in.png",
    "sell-empty.png",
    "shift-open.png",
    "sell-cart.png",
    "search.png",
    "payment-vietqr.png",
    "payment-cash.png",
    "refund.png",
    "refund-approval.png",
    "receipts.png",
    "overview.png",
    "products.png",
    "reorder.png",
    "orders.png",
    "consignment.png",
    "reports.png",
    "day-close.png",
    "shift-close.png",
    "z-report.png",
)
PAPER = ("receipt.png", "labels.png")  # rendered from the PDFs: a roll's width, an A4 page


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and header[12:16] == b"IHDR"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def colours(path: Path) -> int:
    """How many different colours a coarse grid over the image sees (a blank grab sees one or two)."""
    image = QImage(str(path))
    assert not image.isNull()
    return len({image.pixel(x, y) for x in range(0, image.width(), 23) for y in range(0, image.height(), 17)})


def test_screenshot_mode_tours_every_screen_on_a_throwaway_demo_shop(tmp_path: Path) -> None:
    folder = tmp_path / "shots"
    env = {**os.environ, "QT_QPA_PLATFORM": "", "POSAPP_LANG": "en"}  # main sets offscreen itself
    result = subprocess.run(
        [sys.executable, "main.py", "--screenshot", str(folder)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    for name in (*SCREENS, *PAPER):
        path = folder / name
        assert path.exists(), f"{name} missing; stdout: {result.stdout}"
        assert path.stat().st_size > 20_000
        assert colours(path) > 12
    for name in SCREENS:
        assert png_size(folder / name) == (1366, 768), name
    receipt_width, receipt_height = png_size(folder / "receipt.png")
    assert receipt_height > 2 * receipt_width  # a roll, not a page
    sheet_width, sheet_height = png_size(folder / "labels.png")
    assert 1.3 < sheet_height / sheet_width < 1.5  # an A4 sheet
    assert "Traceback" not in result.stderr
    # The throwaway shop lived in a temporary folder of its own: nothing went into the data folder.
    data = Path(os.environ["POSAPP_DATA_DIR"])
    assert not (data / "posapp.sqlite3").exists()
    assert not (data / "receipts").exists() and not (data / "reports").exists()


def test_a_database_that_cannot_be_opened_is_reported_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    url = f"sqlite:///{blocker / 'shop.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "main.py", "--screenshot", str(tmp_path / "shots"), "--database", url],
        cwd=ROOT,
        env={**os.environ, "POSAPP_LANG": "en"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr.strip()
