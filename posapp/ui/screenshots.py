"""Screenshots of the till on the demo shop, for the manual and for reviewing the look (--screenshot)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, QPoint, QRect, QTimer
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QDialog

from posapp.domain import barcodes as bc
from posapp.domain.tender import PaymentMethod
from posapp.services.dto import ProductView
from posapp.ui.main_window import MainWindow
from posapp.ui.payment_dialog import CASH, TRANSFER

SIZE = (1366, 768)
CART_WORDS = ("nuoc mam", "keo dua", "mat ong", "tra", "ca phe", "tom kho", "sen")
WEIGHED_GRAMS = 350
SALE_DISCOUNT_BP = 500


def settle(ms: int = 80) -> None:
    """Let Qt lay out and paint (and debounce timers fire) before a grab."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def with_dialog(window: MainWindow, dialog: QDialog) -> QPixmap:
    """What the cashier sees: the window dimmed, the dialog on top in the middle."""
    base = window.grab()
    shot = dialog.grab()
    painter = QPainter(base)
    painter.fillRect(base.rect(), QColor(15, 23, 42, 120))
    top_left = QPoint((base.width() - shot.width()) // 2, max(0, (base.height() - shot.height()) // 2))
    painter.drawPixmap(top_left, shot)
    painter.setPen(QPen(QColor("#94a3b8"), 1))
    painter.drawRect(QRect(top_left, shot.size()).adjusted(0, 0, -1, -1))
    painter.end()
    return base


def demo_codes(window: MainWindow) -> list[str]:
    """Barcodes for a cart of six lines from several cooperatives, one of them a weighed scale label."""
    catalog = window.shop.catalog
    picks: list[ProductView] = []
    cooperatives: set[str] = set()
    for words in CART_WORDS:
        for product in catalog.search(words, limit=20):
            if not product.weighed and product.barcodes and product.cooperative not in cooperatives:
                picks.append(product)
                cooperatives.add(product.cooperative)
                break
        if len(picks) == 5:
            break
    codes = [p.barcode for p in picks]
    weighed = [p for p in catalog.search("", limit=500) if p.weighed and p.plu]
    if weighed:
        plu = weighed[0].plu
        assert plu is not None
        codes.insert(2, bc.weighed_code(plu, WEIGHED_GRAMS))
    if codes:
        codes.insert(1, codes[0])  # the first item twice: two of them on one line
    return codes


def take_screenshots(window: MainWindow, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []

    def save(pixmap: QPixmap, name: str) -> None:
        path = folder / name
        if not pixmap.save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        saved.append(path)

    window.resize(*SIZE)
    window.show()
    settle(200)
    save(window.grab(), "sell-empty.png")

    cashier = window.cashier
    for code in demo_codes(window):
        cashier.scan(code)
    if window.model.rowCount() > 3:
        window.model.set_line_discount_percent(3, 1_000)
    window.model.set_sale_discount(SALE_DISCOUNT_BP)
    cashier.say("")
    settle()
    save(window.grab(), "sell-cart.png")

    cashier.search("tom")
    search = cashier.search_dialog
    assert search is not None
    settle(300)
    search.move_selection(1)
    settle()
    save(with_dialog(window, search), "search.png")
    search.reject()
    settle()

    cashier.pay()
    payment = cashier.payment_dialog
    assert payment is not None
    payment.tabs.setCurrentIndex(TRANSFER)
    settle()
    save(with_dialog(window, payment), "payment-vietqr.png")
    payment.tabs.setCurrentIndex(CASH)
    payment.take(PaymentMethod.CASH, cash_offer(payment.book.total))
    settle()
    save(with_dialog(window, payment), "payment-cash.png")
    payment.reject()
    payment.reject()  # the first Esc only warns, payments being listed
    settle()
    return saved


def cash_offer(total: int) -> int:
    """A believable amount handed over: the next round 100.000 above the total."""
    return (total // 100_000 + 1) * 100_000
