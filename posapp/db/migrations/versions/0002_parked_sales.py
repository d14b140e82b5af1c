"""parked sales

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 03:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from posapp.db.types import UtcDateTime

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "parked_sales",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("till", sa.String(length=20), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("discount_bp", sa.Integer(), nullable=False),
        sa.Column("discount_amount", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parked_sales")),
    )
    with op.batch_alter_table("parked_sales", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_parked_sales_till"), ["till"], unique=False)

    op.create_table(
        "parked_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("parked_sale_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("qty_milli", sa.BigInteger(), nullable=False),
        sa.Column("line_discount", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parked_sale_id"],
            ["parked_sales.id"],
            name=op.f("fk_parked_lines_parked_sale_id_parked_sales"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_parked_lines_product_id_products")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parked_lines")),
    )
    with op.batch_alter_table("parked_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_parked_lines_parked_sale_id"), ["parked_sale_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_parked_lines_product_id"), ["product_id"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("parked_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_parked_lines_product_id"))
        batch_op.drop_index(batch_op.f("ix_parked_lines_parked_sale_id"))

    op.drop_table("parked_lines")
    with op.batch_alter_table("parked_sales", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_parked_sales_till"))

    op.drop_table("parked_sales")
