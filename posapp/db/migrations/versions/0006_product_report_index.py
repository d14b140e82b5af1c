"""product report index

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 14:00:00.000000

`ix_sale_lines_product_report` (product, time and the report's figures) replaces `ix_sale_lines_product_at`,
whose columns it starts with: a year of sales by product reads it in product order instead of sorting a
million lines, and a sale still updates one index per product, not two.
"""

from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As in posapp.db.models at this revision (a migration never imports the models, which move on).
PRODUCT_REPORT_COLUMNS = [
    "product_id",
    "at",
    "sale_id",
    "refund_of_line_id",
    "total",
    "qty_milli",
    "unit_cost",
    "payout",
    "supply_kind",
]


def upgrade() -> None:
    """Upgrade schema."""
    op.create_index("ix_sale_lines_product_report", "sale_lines", PRODUCT_REPORT_COLUMNS, unique=False)
    op.drop_index("ix_sale_lines_product_at", table_name="sale_lines")


def downgrade() -> None:
    """Downgrade schema."""
    op.create_index("ix_sale_lines_product_at", "sale_lines", ["product_id", "at"], unique=False)
    op.drop_index("ix_sale_lines_product_report", table_name="sale_lines")
