"""A small dated shop history whose report figures are worked out by hand in the report tests.

Shop time is UTC+7. The period under test is 1–2 June 2026 (a Monday and a Tuesday); the one before it is
30–31 May. VAT: standard goods 8 %, rice (essential) 5 %.

  S1  31 May 23:30  Lan   honey ×1 150.000                       cash 200.000 (change 50.000)
  S2   1 Jun 00:30  Lan   honey ×2 300.000, rice ×2 105.000,     10 % off the sale: 40.500 spread
                          30.000 / 10.500 → 270.000 + 94.500 = 364.500          card 364.500
  S3   1 Jun 10:00  Hùng  hat ×1 80.000 less 8.000 = 72.000 (consignment, payout 60.000),
                          tea 350 g at 400.000/kg = 140.000 (cost 250.005/kg → 87.502)
                          = 212.000            transfer 100.000 + cash 150.000 (change 38.000)
  R2   1 Jun 11:00  Lan   refund of S1 (honey ×1) −150.000 cash
  S4   2 Jun 15:00  Lan   honey ×1 150.000                       cash 150.000
  R1   2 Jun 16:00  Hùng  refund of rice ×1 from S2: −52.500 + 5.250 share = −47.250 card
  old  1 Apr 09:00  Lan   jam ×1 (Hà Giang too) 60.000           cash

Honey, rice, hat, tea, jam and chilli sauce each came in (20 units) on 1 March; chilli never sold; the
lantern never came in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from posapp.domain.cart import Cart
from posapp.domain.ocop import OcopGroup, SupplyKind
from posapp.domain.staff import COMMAND_LINE
from posapp.domain.tender import PaymentMethod, Tender
from posapp.domain.vat import TaxCategory
from posapp.services.catalog import ProductInput
from posapp.services.checkout import RefundRequest
from posapp.services.dto import ProductView, Receipt
from posapp.shop import Shop

FIRST, LAST = date(2026, 6, 1), date(2026, 6, 2)
LAN, HUNG = "Nguyễn Thị Lan", "Trần Văn Hùng"
HA_GIANG, SOC_TRANG = "HTX Mật ong Hà Giang", "HTX Gạo Sóc Trăng"
PHU_CAM, TAN_CUONG, MUONG_KHUONG = "HTX Nón lá Phú Cam", "HTX Chè Tân Cương", "HTX Tương ớt Mường Khương"


def local(text: str) -> datetime:
    """A naive shop-local time: the checkout reads it in Asia/Ho_Chi_Minh."""
    return datetime.fromisoformat(text)


@dataclass
class History:
    honey: ProductView
    rice: ProductView
    hat: ProductView
    tea: ProductView
    jam: ProductView
    chilli: ProductView
    lantern: ProductView
    receipts: dict[str, Receipt]


def product(shop: Shop, name: str, cooperative: str, province: str, price: int, **fields: Any) -> ProductView:
    view = shop.catalog.save_product(
        ProductInput(name=name, cooperative=cooperative, origin_province=province, price=price, **fields),
        actor=COMMAND_LINE,
    )
    return view


def sell(
    shop: Shop, at: str, cashier: str, lines: list[tuple[ProductView, int]], tenders: list[Tender], **cart: int
) -> Receipt:
    basket = Cart()
    for view, qty in lines:
        basket.add(shop.catalog.lookup(view.barcode).item, qty)
    if "line_discount" in cart:
        basket.set_line_discount(0, cart["line_discount"])
    basket.set_discount(cart.get("discount_bp", 0))
    return shop.checkout.complete_sale(basket, tenders, "Q1", at=local(at), cashier=cashier, actor=COMMAND_LINE)


def build_history(shop: Shop) -> History:
    honey = product(
        shop, "Mật ong bạc hà", HA_GIANG, "Hà Giang", 150_000, cost=100_000, ocop_stars=4, ocop_group=OcopGroup.FOOD
    )
    rice = product(
        shop,
        "Gạo ST25",
        SOC_TRANG,
        "Sóc Trăng",
        52_500,
        cost=40_000,
        ocop_stars=5,
        tax_category=TaxCategory.ESSENTIAL,
    )
    hat = product(
        shop,
        "Nón lá bài thơ",
        PHU_CAM,
        "Thừa Thiên Huế",
        80_000,
        cost=0,
        ocop_stars=3,
        ocop_group=OcopGroup.HANDICRAFT,
        supply_kind=SupplyKind.CONSIGNMENT,
        payout=60_000,
    )
    tea = product(
        shop,
        "Chè Tân Cương",
        TAN_CUONG,
        "Thái Nguyên",
        400_000,
        cost=250_005,
        weighed=True,
        plu=1234,
        ocop_group=OcopGroup.BEVERAGE,
    )
    jam = product(shop, "Mứt mận Bắc Hà", HA_GIANG, "Hà Giang", 60_000, cost=35_000, ocop_stars=3)
    chilli = product(shop, "Tương ớt Mường Khương", MUONG_KHUONG, "Lào Cai", 45_000, cost=20_000)
    lantern = product(shop, "Đèn lồng Hội An", PHU_CAM, "Quảng Nam", 120_000, ocop_group=OcopGroup.HANDICRAFT)
    for view in (honey, rice, hat, tea, jam, chilli):
        shop.inventory.receive(view.barcode, 20_000, at=local("2026-03-01T08:00"))
    cash, card, transfer = PaymentMethod.CASH, PaymentMethod.CARD, PaymentMethod.TRANSFER
    receipts = {
        "old": sell(shop, "2026-04-01T09:00", LAN, [(jam, 1000)], [Tender(cash, 60_000)]),
        "S1": sell(shop, "2026-05-31T23:30", LAN, [(honey, 1000)], [Tender(cash, 200_000)]),
        "S2": sell(
            shop, "2026-06-01T00:30", LAN, [(honey, 2000), (rice, 2000)], [Tender(card, 364_500)], discount_bp=1000
        ),
        "S3": sell(
            shop,
            "2026-06-01T10:00",
            HUNG,
            [(hat, 1000), (tea, 350)],
            [Tender(transfer, 100_000), Tender(cash, 150_000)],
            line_discount=8_000,
        ),
    }
    receipts["R2"] = shop.checkout.refund(
        receipts["S1"].receipt_no, at=local("2026-06-01T11:00"), cashier=LAN, actor=COMMAND_LINE
    )
    receipts["S4"] = sell(shop, "2026-06-02T15:00", LAN, [(honey, 1000)], [Tender(cash, 150_000)])
    receipts["R1"] = shop.checkout.refund(
        receipts["S2"].receipt_no,
        [RefundRequest(rice.barcode, 1000)],
        at=local("2026-06-02T16:00"),
        cashier=HUNG,
        actor=COMMAND_LINE,
    )
    return History(honey, rice, hat, tea, jam, chilli, lantern, receipts)
