"""The manager's supply overview: what runs low, certificates running out, orders waiting, money owed.

OCOP certificates last 36 months; a product is flagged 60 days before its certificate expires.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import case, func, select

from posapp.db.engine import SessionFactory
from posapp.db.models import Cooperative, Product
from posapp.db.supply_models import PurchaseOrder
from posapp.services.clock import ShopClock
from posapp.services.consignment import ConsignmentService
from posapp.services.receiving import DEFAULT_LOT_DAYS, ReceivingService
from posapp.services.supply_common import PRIMARY_BARCODE, name_order
from posapp.services.supply_dto import CertificateAlert, SupplyOverview

CERTIFICATE_WARNING_DAYS = 60
CERTIFICATE_MONTHS = 36


def certificate_expiry(issued: date) -> date:
    """When a certificate issued on `issued` runs out: 36 months later (the month's last day if shorter)."""
    month = issued.month - 1 + CERTIFICATE_MONTHS
    year, month = issued.year + month // 12, month % 12 + 1
    for day in (issued.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("every month has a 28th")


class SupplyOverviewService:
    def __init__(self, sessions: SessionFactory, clock: ShopClock | None = None) -> None:
        self._sessions = sessions
        self._clock = clock or ShopClock()

    def _today(self, today: date | None) -> date:
        return today or self._clock.local_day(self._clock.now())

    def certificate_alerts(
        self, today: date | None = None, within_days: int = CERTIFICATE_WARNING_DAYS
    ) -> list[CertificateAlert]:
        """Active products whose OCOP certificate has expired or expires within `within_days`: expired first."""
        today = self._today(today)
        with self._sessions() as session:
            rows = session.execute(
                select(
                    Product.id,
                    PRIMARY_BARCODE.label("barcode"),
                    Product.name,
                    Product.cooperative_id,
                    Cooperative.name.label("cooperative"),
                    Product.ocop_certificate,
                    Product.ocop_expires,
                )
                .join(Cooperative, Cooperative.id == Product.cooperative_id)
                .where(
                    Product.active.is_(True),
                    Product.ocop_expires.is_not(None),
                    Product.ocop_expires <= today + timedelta(days=within_days),
                )
            ).all()
        rows = sorted(rows, key=lambda row: (row.ocop_expires, *name_order(row.name), row.id))
        alerts = []
        for row in rows:
            days_left = (row.ocop_expires - today).days
            alerts.append(
                CertificateAlert(
                    product_id=row.id,
                    barcode=row.barcode or "",
                    name=row.name,
                    cooperative_id=row.cooperative_id,
                    cooperative=row.cooperative,
                    certificate=row.ocop_certificate,
                    expires=row.ocop_expires,
                    days_left=days_left,
                    expired=days_left < 0,
                )
            )
        return alerts

    def overview(self, today: date | None = None) -> SupplyOverview:
        """The counts a manager's first screen shows, each leading to its own list."""
        today = self._today(today)
        alerts = self.certificate_alerts(today)
        with self._sessions() as session:
            low = session.scalar(
                select(func.count())
                .select_from(Product)
                .where(Product.active.is_(True), Product.on_hand_milli <= Product.reorder_point_milli)
            )
            drafts, outbox = session.execute(
                select(
                    func.count(), func.coalesce(func.sum(case((PurchaseOrder.send_attempts > 0, 1), else_=0)), 0)
                ).where(PurchaseOrder.status == "draft")
            ).one()
        balances = tuple(ConsignmentService(self._sessions, self._clock).balances())
        lots = ReceivingService(self._sessions, self._clock).expiring_lots(DEFAULT_LOT_DAYS, today)
        return SupplyOverview(
            low_stock=int(low or 0),
            certificates_expiring=sum(1 for alert in alerts if not alert.expired),
            certificates_expired=sum(1 for alert in alerts if alert.expired),
            outbox=int(outbox),
            drafts=int(drafts),
            lots_expiring=len(lots),
            consignment_owed=sum(max(0, balance.balance) for balance in balances),
            balances=balances,
        )
