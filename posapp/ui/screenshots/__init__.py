"""`main.py --screenshot DIR`: a tour of the app on the demo shop, photographed for the manual and for review.

On a throwaway demo shop the tour is staged in full: staff sign in, a shift opens, a basket is sold and
partly refunded with a manager's approval, and the manager orders, receives, settles consignment, reads the
reports and closes the shift. On a shop's own database it only looks: the till's screens, no sale written.
"""

from __future__ import annotations

from pathlib import Path

from posapp.devices.printers import ReceiptPrinter
from posapp.shop import Shop
from posapp.ui.main_window import MainWindow
from posapp.ui.screenshots.documents import paper
from posapp.ui.screenshots.kit import SIZE, ScriptedDialogs, Shots, settle
from posapp.ui.screenshots.office import manager_day, refund
from posapp.ui.screenshots.staging import CASHIER, MANAGER, stage_staff
from posapp.ui.screenshots.till import sell
from posapp.ui.staffing import staff_service

__all__ = ["take_screenshots"]


def take_screenshots(shop: Shop, printer: ReceiptPrinter, folder: Path, *, staged: bool) -> list[Path]:
    """Photograph the screens into `folder`; `staged`: the shop is a throwaway demo the tour may write to."""
    shots = Shots(folder)
    if staged:
        stage_staff(staff_service(shop))
    dialogs = ScriptedDialogs()
    window = MainWindow(shop, printer, dialogs)
    dialogs.attach(window)
    try:
        window.resize(*SIZE)
        window.show()
        settle(200)
        sale = sell(window, shots, CASHIER if staged else None)
        if sale is not None:
            refund(window, shots, dialogs, sale, MANAGER)
            manager_day(window, shots, MANAGER)
        paper(shop, shots, sale)
    finally:
        window.stop_listening()
        window.close()
    return shots.saved
