"""Purchase orders, lots, stocktakes and consignment settlement (issue 5)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from posapp.db.models import Base, Cooperative, Product
from posapp.db.types import UtcDateTime

PO_STATUSES = ("draft", "sent", "partly_received", "received", "cancelled")
OPEN_PO_STATUSES = ("draft", "sent", "partly_received")
"""Orders whose unreceived quantities count as on order."""


class PurchaseOrder(Base):
    """One order to one cooperative; a draft whose send failed waits in the outbox (send_attempts > 0)."""

    __tablename__ = "purchase_orders"
    __table_args__ = (Index("ix_purchase_orders_status", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    po_no: Mapped[str] = mapped_column(String(20), unique=True)
    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    note: Mapped[str] = mapped_column(Text, default="")
    last_error: Mapped[str] = mapped_column(String(500), default="")
    send_attempts: Mapped[int] = mapped_column(Integer, default=0)

    cooperative: Mapped[Cooperative] = relationship()
    lines: Mapped[list[PurchaseOrderLine]] = relationship(
        back_populates="order", order_by="PurchaseOrderLine.position", cascade="all, delete-orphan"
    )


class PurchaseOrderLine(Base):
    __tablename__ = "po_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    po_id: Mapped[int] = mapped_column(ForeignKey("purchase_orders.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    qty_ordered_milli: Mapped[int] = mapped_column(BigInteger)
    qty_received_milli: Mapped[int] = mapped_column(BigInteger, default=0)
    unit_cost: Mapped[int] = mapped_column(BigInteger, default=0)

    order: Mapped[PurchaseOrder] = relationship(back_populates="lines")
    product: Mapped[Product] = relationship()


class Lot(Base):
    """A batch received with its best-before date (perishable food); what is left of it is estimated FIFO."""

    __tablename__ = "lots"
    __table_args__ = (Index("ix_lots_best_before", "best_before"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    lot_code: Mapped[str] = mapped_column(String(50), default="")
    best_before: Mapped[date | None] = mapped_column(Date)
    qty_received_milli: Mapped[int] = mapped_column(BigInteger)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    po_line_id: Mapped[int | None] = mapped_column(ForeignKey("po_lines.id"), index=True)


class ConsignmentPayment(Base):
    """Money paid to a cooperative for consignment goods sold."""

    __tablename__ = "consignment_payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), index=True)
    amount: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    note: Mapped[str] = mapped_column(String(200), default="")


class Stocktake(Base):
    """A count of all products, or of one cooperative's, against the on-hand snapshot taken at its start."""

    __tablename__ = "stocktakes"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    cooperative_id: Mapped[int | None] = mapped_column(ForeignKey("cooperatives.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="open")
    committed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    note: Mapped[str] = mapped_column(String(200), default="")


class StocktakeLine(Base):
    __tablename__ = "stocktake_lines"
    __table_args__ = (UniqueConstraint("stocktake_id", "product_id", name="uq_stocktake_lines_product"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    stocktake_id: Mapped[int] = mapped_column(ForeignKey("stocktakes.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    expected_milli: Mapped[int] = mapped_column(BigInteger)
    counted_milli: Mapped[int | None] = mapped_column(BigInteger)
