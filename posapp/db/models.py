"""The shop's tables, SQLAlchemy 2.0 typed declarative models."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from posapp.db.types import UtcDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Cooperative(Base):
    __tablename__ = "cooperatives"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # The name case-folded in Python (SQL lower() leaves Vietnamese capitals alone): one cooperative per name.
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    province: Mapped[str] = mapped_column(String(100), default="")
    commune: Mapped[str] = mapped_column(String(100), default="")
    contact: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    tax_code: Mapped[str] = mapped_column(String(20), default="")
    lead_time_days: Mapped[int | None] = mapped_column(Integer)
    supply_terms: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    products: Mapped[list[Product]] = relationship(back_populates="cooperative")


class Product(Base):
    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint("price >= 0", name="price_not_negative"),
        CheckConstraint("ocop_stars IS NULL OR ocop_stars BETWEEN 3 AND 5", name="stars_3_to_5"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    search_text: Mapped[str] = mapped_column(String(600), default="")
    unit: Mapped[str] = mapped_column(String(20), default="cái")
    weighed: Mapped[bool] = mapped_column(Boolean, default=False)
    plu: Mapped[int | None] = mapped_column(Integer, unique=True)
    ocop_group: Mapped[str] = mapped_column(String(20), default="food")
    ocop_stars: Mapped[int | None] = mapped_column(Integer)
    ocop_certificate: Mapped[str] = mapped_column(String(100), default="")
    ocop_expires: Mapped[date | None] = mapped_column(Date)
    origin_province: Mapped[str] = mapped_column(String(100), default="")
    story: Mapped[str] = mapped_column(Text, default="")
    story_url: Mapped[str] = mapped_column(String(500), default="")
    price: Mapped[int] = mapped_column(BigInteger)
    cost: Mapped[int] = mapped_column(BigInteger, default=0)
    tax_category: Mapped[str] = mapped_column(String(20), default="standard")
    supply_kind: Mapped[str] = mapped_column(String(20), default="purchase")
    payout: Mapped[int | None] = mapped_column(BigInteger)
    reorder_point_milli: Mapped[int] = mapped_column(BigInteger, default=0)
    pack_size_milli: Mapped[int] = mapped_column(BigInteger, default=1000)
    lead_time_days: Mapped[int | None] = mapped_column(Integer)
    safety_stock_milli: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    on_hand_milli: Mapped[int] = mapped_column(BigInteger, default=0)

    cooperative: Mapped[Cooperative] = relationship(back_populates="products")
    barcodes: Mapped[list[Barcode]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="Barcode.code"
    )


class Barcode(Base):
    __tablename__ = "barcodes"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    is_primary: Mapped[bool] = mapped_column(Boolean, default=True)

    product: Mapped[Product] = relationship(back_populates="barcodes")


class Counter(Base):
    """Named counters handed out inside a transaction (in-store barcode numbers)."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class StockMovement(Base):
    """The stock ledger: every change to on-hand is one row; on-hand is their sum."""

    __tablename__ = "stock_movements"
    __table_args__ = (Index("ix_stock_movements_product_at", "product_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    kind: Mapped[str] = mapped_column(String(20))
    qty_milli: Mapped[int] = mapped_column(BigInteger)
    unit_cost: Mapped[int | None] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(String(200), default="")
    sale_line_id: Mapped[int | None] = mapped_column(ForeignKey("sale_lines.id"), index=True)


class Till(Base):
    __tablename__ = "tills"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)


class Sale(Base):
    """A receipt: a sale, or a refund (negative amounts) pointing at the sale it refunds."""

    __tablename__ = "sales"
    __table_args__ = (
        UniqueConstraint("till_code", "seq", name="uq_sales_till_seq"),
        # Reports count receipts and sum totals and change over a range of `at` without reading the table.
        Index("ix_sales_report", "at", "kind", "total", "change"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_no: Mapped[str] = mapped_column(String(40), unique=True)
    till_code: Mapped[str] = mapped_column(ForeignKey("tills.code"))
    seq: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(10), default="sale")
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    subtotal: Mapped[int] = mapped_column(BigInteger)
    discount_bp: Mapped[int] = mapped_column(Integer, default=0)
    discount: Mapped[int] = mapped_column(BigInteger, default=0)
    total: Mapped[int] = mapped_column(BigInteger)
    change: Mapped[int] = mapped_column(BigInteger, default=0)
    original_sale_id: Mapped[int | None] = mapped_column(ForeignKey("sales.id"), index=True)
    cashier: Mapped[str] = mapped_column(String(100), default="")
    # The till's open shift when the sale was rung up (NULL without one) and who signed in (issue 7).
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("shifts.id"), index=True)
    cashier_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    lines: Mapped[list[SaleLine]] = relationship(
        back_populates="sale", order_by="SaleLine.position", cascade="all, delete-orphan"
    )
    payments: Mapped[list[Payment]] = relationship(
        back_populates="sale", order_by="Payment.id", cascade="all, delete-orphan"
    )


PRODUCT_REPORT_COLUMNS = (
    "product_id",
    "at",
    "sale_id",
    "refund_of_line_id",
    "total",
    "qty_milli",
    "unit_cost",
    "payout",
    "supply_kind",
)


class SaleLine(Base):
    """One receipt line, with a snapshot of what was sold so old receipts and reports never change."""

    __tablename__ = "sale_lines"
    __table_args__ = (
        # Every report reads a range of `at` from this index alone (it covers each grouping key and figure),
        # so a year of lines is one ordered scan that never touches the wider table rows.
        Index(
            "ix_sale_lines_report",
            "at",
            "cooperative_id",
            "product_id",
            "ocop_group",
            "ocop_stars",
            "province",
            "sale_id",
            "refund_of_line_id",
            "vat_rate",
            "total",
            "qty_milli",
            "unit_cost",
            "payout",
            "supply_kind",
        ),
        # A product's lines in time order, with every figure a report needs: a product's history (reorders,
        # its receipts), and a long period's sales by product read in product order with no sort of the year.
        Index("ix_sale_lines_product_report", *PRODUCT_REPORT_COLUMNS),
        Index("ix_sale_lines_cooperative_at", "cooperative_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    barcode: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    unit: Mapped[str] = mapped_column(String(20))
    weighed: Mapped[bool] = mapped_column(Boolean, default=False)
    qty_milli: Mapped[int] = mapped_column(BigInteger)
    unit_price: Mapped[int] = mapped_column(BigInteger)
    gross: Mapped[int] = mapped_column(BigInteger)
    line_discount: Mapped[int] = mapped_column(BigInteger, default=0)
    discount_share: Mapped[int] = mapped_column(BigInteger, default=0)
    total: Mapped[int] = mapped_column(BigInteger)
    vat_rate: Mapped[int] = mapped_column(Integer)
    tax_category: Mapped[str] = mapped_column(String(20))
    cooperative_id: Mapped[int] = mapped_column(ForeignKey("cooperatives.id"))
    cooperative_name: Mapped[str] = mapped_column(String(200))
    province: Mapped[str] = mapped_column(String(100), default="")
    ocop_group: Mapped[str] = mapped_column(String(20), default="")
    ocop_stars: Mapped[int | None] = mapped_column(Integer)
    unit_cost: Mapped[int] = mapped_column(BigInteger, default=0)
    supply_kind: Mapped[str] = mapped_column(String(20), default="purchase")
    payout: Mapped[int | None] = mapped_column(BigInteger)
    refund_of_line_id: Mapped[int | None] = mapped_column(ForeignKey("sale_lines.id"), index=True)

    sale: Mapped[Sale] = relationship(back_populates="lines")


class Payment(Base):
    __tablename__ = "payments"
    # The payments report reads each receipt's payments from the index alone.
    __table_args__ = (Index("ix_payments_report", "sale_id", "method", "amount"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id"), index=True)
    method: Mapped[str] = mapped_column(String(20))
    amount: Mapped[int] = mapped_column(BigInteger)
    reference: Mapped[str] = mapped_column(String(100), default="")

    sale: Mapped[Sale] = relationship(back_populates="payments")


class ParkedSale(Base):
    """A cart put aside at a till (customer fetching more goods) to be resumed later, even after a restart."""

    __tablename__ = "parked_sales"

    id: Mapped[int] = mapped_column(primary_key=True)
    till: Mapped[str] = mapped_column(String(20), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    note: Mapped[str] = mapped_column(String(200), default="")
    discount_bp: Mapped[int] = mapped_column(Integer, default=0)
    discount_amount: Mapped[int | None] = mapped_column(BigInteger)

    lines: Mapped[list[ParkedLine]] = relationship(
        back_populates="parked_sale",
        order_by="ParkedLine.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class ParkedLine(Base):
    """One line of a parked cart: product, quantity, line discount; prices are looked up on resume."""

    __tablename__ = "parked_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    parked_sale_id: Mapped[int] = mapped_column(ForeignKey("parked_sales.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    qty_milli: Mapped[int] = mapped_column(BigInteger)
    line_discount: Mapped[int] = mapped_column(BigInteger, default=0)

    parked_sale: Mapped[ParkedSale] = relationship(back_populates="lines")
    product: Mapped[Product] = relationship()
