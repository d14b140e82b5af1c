"""report indexes

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 10:00:00.000000

Covering indexes for the sales reports (issue 6). `ix_sale_lines_report` starts with `at`, so it also
serves everything the plain `ix_sale_lines_at` did, which it replaces.
"""

from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REPORT_LINE_COLUMNS = [
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
]


def upgrade() -> None:
    """Upgrade schema."""
    # Plain CREATE/DROP INDEX, never a batch copy: SQLite would rebuild the biggest tables for nothing.
    op.create_index("ix_sale_lines_report", "sale_lines", REPORT_LINE_COLUMNS, unique=False)
    op.drop_index("ix_sale_lines_at", table_name="sale_lines")
    op.create_index("ix_sales_report", "sales", ["at", "kind", "total", "change"], unique=False)
    op.create_index("ix_payments_report", "payments", ["sale_id", "method", "amount"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index("ix_payments_report", table_name="payments")
    op.drop_index("ix_sales_report", table_name="sales")
    op.create_index("ix_sale_lines_at", "sale_lines", ["at"], unique=False)
    op.drop_index("ix_sale_lines_report", table_name="sale_lines")
