"""The manager's overview: certificates running out, low stock, orders waiting to be sent, money owed."""

from __future__ import annotations

from datetime import date

import pytest

from posapp.domain.staff import COMMAND_LINE
from posapp.services.consignment import ConsignmentService
from posapp.services.mail import MailNotSent, PurchaseOrderMailer
from posapp.services.purchasing import PurchasingService
from posapp.services.receiving import ReceivingService
from posapp.services.supply_dto import OrderLineInput, ReceivedItem
from posapp.services.supply_overview import SupplyOverviewService, certificate_expiry
from posapp.settings import Settings
from posapp.shop import Shop
from tests.helpers.supply import consigned, cooperative, product, sell

TODAY = date(2026, 11, 23)


def test_certificates_expired_or_expiring_within_60_days(shop: Shop) -> None:
    cooperative(shop, "HTX Chè Tân Cương")
    product(
        shop,
        "Chè đã hết hạn",
        "HTX Chè Tân Cương",
        "8936041206014",
        ocop_stars=4,
        ocop_certificate="QĐ 12/2023",
        ocop_expires=date(2026, 11, 1),
    )
    product(shop, "Chè hết hạn hôm nay", "HTX Chè Tân Cương", "8936041207011", ocop_expires=TODAY)
    product(shop, "Chè còn 60 ngày", "HTX Chè Tân Cương", "8936041203013", ocop_expires=date(2027, 1, 22))
    product(shop, "Chè còn 61 ngày", "HTX Chè Tân Cương", "8936041204010", ocop_expires=date(2027, 1, 23))
    product(shop, "Chè không có chứng nhận", "HTX Chè Tân Cương", "8936041205017")
    product(shop, "Chè ngừng bán", "HTX Chè Tân Cương", "8936041209015", ocop_expires=date(2026, 1, 1), active=False)
    alerts = SupplyOverviewService(shop.sessions, shop.clock).certificate_alerts(TODAY)
    assert [(a.name, a.cooperative, a.expires, a.days_left, a.expired) for a in alerts] == [
        ("Chè đã hết hạn", "HTX Chè Tân Cương", date(2026, 11, 1), -22, True),
        ("Chè hết hạn hôm nay", "HTX Chè Tân Cương", TODAY, 0, False),
        ("Chè còn 60 ngày", "HTX Chè Tân Cương", date(2027, 1, 22), 60, False),
    ]
    assert (alerts[0].barcode, alerts[0].certificate) == ("8936041206014", "QĐ 12/2023")


def test_a_certificate_lasts_36_months() -> None:
    assert certificate_expiry(date(2023, 11, 23)) == date(2026, 11, 23)
    assert certificate_expiry(date(2024, 2, 29)) == date(2027, 2, 28)
    assert certificate_expiry(date(2023, 12, 31)) == date(2026, 12, 31)


def test_the_overview_counts_what_needs_the_managers_attention(shop: Shop) -> None:
    coop = cooperative(shop, "HTX Mây tre Phú Vinh")  # no email: its orders fail to send
    low = product(
        shop, "Giỏ mây nhỏ", coop.name, "8936041206014", reorder_point_milli=5_000, ocop_expires=date(2026, 12, 1)
    )
    product(shop, "Giỏ mây lớn", coop.name, "8936041207011", ocop_expires=date(2026, 10, 1))
    consigned(shop, "Đèn mây", coop.name, "8936041203013", payout=300_000, price=450_000)
    shop.inventory.receive("8936041207011", 10_000)
    ReceivingService(shop.sessions, shop.clock).receive_goods(
        [ReceivedItem("8936041203013", 3_000, lot_code="L1", best_before=date(2026, 12, 10))]
    )
    sell(shop, date(2026, 11, 20), ("8936041203013", 2_000))
    ConsignmentService(shop.sessions, shop.clock).pay(coop.id, 100_000, actor=COMMAND_LINE)
    purchasing = PurchasingService(shop.sessions, shop.clock)
    order = purchasing.create_order(coop.id, [OrderLineInput(low.id, 10_000)], actor=COMMAND_LINE)
    with pytest.raises(MailNotSent, match="no email address"):
        PurchaseOrderMailer(shop.sessions, shop.clock, Settings()).send(order.po_no, actor=COMMAND_LINE)
    purchasing.create_order(coop.id, [OrderLineInput(low.id, 5_000)], actor=COMMAND_LINE)
    overview = SupplyOverviewService(shop.sessions, shop.clock).overview(TODAY)
    assert (overview.low_stock, overview.certificates_expiring, overview.certificates_expired) == (1, 1, 1)
    assert (overview.drafts, overview.outbox, overview.lots_expiring) == (2, 1, 1)
    assert overview.consignment_owed == 2 * 300_000 - 100_000
    assert [(b.cooperative, b.balance) for b in overview.balances] == [("HTX Mây tre Phú Vinh", 500_000)]
