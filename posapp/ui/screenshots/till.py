"""The till part of the tour: sign in, open the shift, ring up a basket, search, pay by VietQR and in cash."""

from __future__ import annotations

from posapp.domain import barcodes as bc
from posapp.domain.money import format_vnd
from posapp.domain.tender import PaymentMethod
from posapp.services.dto import ProductView, Receipt
from posapp.ui.main_window import MainWindow
from posapp.ui.payment_dialog import CASH, TRANSFER
from posapp.ui.screenshots.kit import Shots, composite, settle
from posapp.ui.screenshots.staging import Person

CART_WORDS = ("nuoc mam", "keo dua", "mat ong", "tra", "ca phe", "tom kho", "sen")
WEIGHED_GRAMS = 350
LINE_DISCOUNT_BP = 1_000
SALE_DISCOUNT_BP = 500
OPENING_FLOAT = 2_000_000


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


def cash_offer(total: int) -> int:
    """A believable amount handed over: the next round 100.000 above the total."""
    return (total // 100_000 + 1) * 100_000


def sign_in(window: MainWindow, person: Person, shots: Shots | None = None, name: str = "") -> None:
    """Touch a name on the sign-in screen and type the PIN (photographed half-typed when `shots` is given)."""
    screen = window.sign_in
    screen.refresh()
    screen.picker.choose(person.name)
    if shots is not None:
        for digit in person.pin[:2]:
            screen.pad.press(digit)
        settle()
        shots.save(window.grab(), name)
        screen.pad.clear()
    for digit in person.pin:
        screen.pad.press(digit)
    screen.pad.submit()
    settle()


def sell(window: MainWindow, shots: Shots, cashier: Person | None) -> Receipt | None:
    """The till's screens; with a `cashier` (a staged shop), they sign in, open the shift and the sale is paid.

    Returns the receipt of the sale when it was paid.
    """
    if cashier is not None:
        sign_in(window, cashier, shots, "sign-in.png")
    settle(200)
    shots.save(window.grab(), "sell-empty.png")

    till = window.cashier
    codes = demo_codes(window)
    for position, code in enumerate(codes):
        till.scan(code)
        shift = till.staff.shift_dialog
        if position == 0 and shift is not None:  # the first scan of the day asks for the opening float
            shift.amount.setText(format_vnd(OPENING_FLOAT).removesuffix(" ₫"))
            settle()
            shots.save(composite(window, shift), "shift-open.png")
            shift.run()
            settle()
    if window.model.rowCount() > 3:
        window.model.set_line_discount_percent(3, LINE_DISCOUNT_BP)
    window.model.set_sale_discount(SALE_DISCOUNT_BP)
    till.say("")
    settle()
    shots.save(window.grab(), "sell-cart.png")

    till.search("tom")
    search = till.search_dialog
    assert search is not None
    settle(300)
    search.move_selection(1)
    settle()
    shots.save(composite(window, search), "search.png")
    search.reject()
    settle()

    till.pay()
    payment = till.payment_dialog
    assert payment is not None
    payment.tabs.setCurrentIndex(TRANSFER)
    settle()
    shots.save(composite(window, payment), "payment-vietqr.png")
    payment.tabs.setCurrentIndex(CASH)
    payment.take(PaymentMethod.CASH, cash_offer(payment.book.total))
    settle()
    shots.save(composite(window, payment), "payment-cash.png")
    if cashier is None:  # somebody's own shop: look, but write no sale into it
        payment.reject()
        payment.reject()  # the first Esc only warns, payments being listed
        settle()
        return None
    payment.complete()
    settle(300)
    return payment.receipt
