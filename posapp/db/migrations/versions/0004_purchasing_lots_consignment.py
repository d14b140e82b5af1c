"""purchasing lots consignment

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 10:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from posapp.db.types import UtcDateTime

# revision identifiers, used by Alembic.
revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.add_column(sa.Column("safety_stock_milli", sa.BigInteger(), server_default="0", nullable=False))

    op.create_table(
        "purchase_orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("po_no", sa.String(length=20), nullable=False),
        sa.Column("cooperative_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("sent_at", UtcDateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("last_error", sa.String(length=500), nullable=False),
        sa.Column("send_attempts", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cooperative_id"], ["cooperatives.id"], name=op.f("fk_purchase_orders_cooperative_id_cooperatives")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchase_orders")),
        sa.UniqueConstraint("po_no", name=op.f("uq_purchase_orders_po_no")),
    )
    with op.batch_alter_table("purchase_orders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_purchase_orders_cooperative_id"), ["cooperative_id"], unique=False)
        batch_op.create_index("ix_purchase_orders_status", ["status"], unique=False)

    op.create_table(
        "po_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("po_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("qty_ordered_milli", sa.BigInteger(), nullable=False),
        sa.Column("qty_received_milli", sa.BigInteger(), nullable=False),
        sa.Column("unit_cost", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["po_id"], ["purchase_orders.id"], name=op.f("fk_po_lines_po_id_purchase_orders")),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], name=op.f("fk_po_lines_product_id_products")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_po_lines")),
    )
    with op.batch_alter_table("po_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_po_lines_po_id"), ["po_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_po_lines_product_id"), ["product_id"], unique=False)

    op.create_table(
        "lots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("lot_code", sa.String(length=50), nullable=False),
        sa.Column("best_before", sa.Date(), nullable=True),
        sa.Column("qty_received_milli", sa.BigInteger(), nullable=False),
        sa.Column("received_at", UtcDateTime(), nullable=False),
        sa.Column("po_line_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["po_line_id"], ["po_lines.id"], name=op.f("fk_lots_po_line_id_po_lines")),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], name=op.f("fk_lots_product_id_products")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lots")),
    )
    with op.batch_alter_table("lots", schema=None) as batch_op:
        batch_op.create_index("ix_lots_best_before", ["best_before"], unique=False)
        batch_op.create_index(batch_op.f("ix_lots_po_line_id"), ["po_line_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_lots_product_id"), ["product_id"], unique=False)

    op.create_table(
        "consignment_payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cooperative_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["cooperative_id"],
            ["cooperatives.id"],
            name=op.f("fk_consignment_payments_cooperative_id_cooperatives"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consignment_payments")),
    )
    with op.batch_alter_table("consignment_payments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consignment_payments_cooperative_id"), ["cooperative_id"], unique=False
        )

    op.create_table(
        "stocktakes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", UtcDateTime(), nullable=False),
        sa.Column("cooperative_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("committed_at", UtcDateTime(), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["cooperative_id"], ["cooperatives.id"], name=op.f("fk_stocktakes_cooperative_id_cooperatives")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stocktakes")),
    )
    with op.batch_alter_table("stocktakes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stocktakes_cooperative_id"), ["cooperative_id"], unique=False)

    op.create_table(
        "stocktake_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stocktake_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("expected_milli", sa.BigInteger(), nullable=False),
        sa.Column("counted_milli", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_stocktake_lines_product_id_products")
        ),
        sa.ForeignKeyConstraint(
            ["stocktake_id"], ["stocktakes.id"], name=op.f("fk_stocktake_lines_stocktake_id_stocktakes")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stocktake_lines")),
        sa.UniqueConstraint("stocktake_id", "product_id", name="uq_stocktake_lines_product"),
    )
    with op.batch_alter_table("stocktake_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stocktake_lines_product_id"), ["product_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_stocktake_lines_stocktake_id"), ["stocktake_id"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("stocktake_lines")
    op.drop_table("stocktakes")
    op.drop_table("consignment_payments")
    op.drop_table("lots")
    op.drop_table("po_lines")
    op.drop_table("purchase_orders")
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_column("safety_stock_milli")
