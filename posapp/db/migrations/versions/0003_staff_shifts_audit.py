"""staff shifts audit

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 10:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from posapp.db.types import UtcDateTime

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_key", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("pin_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", UtcDateTime(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name_key", name=op.f("uq_users_name_key")),
    )
    op.create_table(
        "shifts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("till_code", sa.String(length=20), nullable=False),
        sa.Column("open_till", sa.String(length=20), nullable=True),
        sa.Column("opened_at", UtcDateTime(), nullable=False),
        sa.Column("opened_by", sa.String(length=100), nullable=False),
        sa.Column("opened_by_id", sa.Integer(), nullable=True),
        sa.Column("float_amount", sa.BigInteger(), nullable=False),
        sa.Column("closed_at", UtcDateTime(), nullable=True),
        sa.Column("closed_by", sa.String(length=100), nullable=False),
        sa.Column("closed_by_id", sa.Integer(), nullable=True),
        sa.Column("counted_cash", sa.BigInteger(), nullable=True),
        sa.Column("expected_cash", sa.BigInteger(), nullable=True),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.CheckConstraint("float_amount >= 0", name=op.f("ck_shifts_float_not_negative")),
        sa.ForeignKeyConstraint(["closed_by_id"], ["users.id"], name=op.f("fk_shifts_closed_by_id_users")),
        sa.ForeignKeyConstraint(["opened_by_id"], ["users.id"], name=op.f("fk_shifts_opened_by_id_users")),
        sa.ForeignKeyConstraint(["till_code"], ["tills.code"], name=op.f("fk_shifts_till_code_tills")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shifts")),
        sa.UniqueConstraint("open_till", name=op.f("uq_shifts_open_till")),
    )
    with op.batch_alter_table("shifts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shifts_till_code"), ["till_code"], unique=False)

    op.create_table(
        "cash_movements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("kind IN ('in', 'out')", name=op.f("ck_cash_movements_kind_in_or_out")),
        sa.CheckConstraint("amount > 0", name=op.f("ck_cash_movements_amount_positive")),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"], name=op.f("fk_cash_movements_actor_id_users")),
        sa.ForeignKeyConstraint(["shift_id"], ["shifts.id"], name=op.f("fk_cash_movements_shift_id_shifts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cash_movements")),
    )
    with op.batch_alter_table("cash_movements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cash_movements_shift_id"), ["shift_id"], unique=False)

    op.create_table(
        "approvals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("permission", sa.String(length=30), nullable=False),
        sa.Column("manager_id", sa.Integer(), nullable=False),
        sa.Column("for_actor", sa.String(length=100), nullable=False),
        sa.Column("for_actor_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.String(length=200), nullable=False),
        sa.Column("used_at", UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["for_actor_id"], ["users.id"], name=op.f("fk_approvals_for_actor_id_users")),
        sa.ForeignKeyConstraint(["manager_id"], ["users.id"], name=op.f("fk_approvals_manager_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approvals")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)

    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )

    # Plain ALTER TABLE ADD COLUMN, never a batch copy of `sales`: SQLite would rebuild the busiest table
    # (and trip over the rows pointing at it); a nullable column with an inline REFERENCES needs no rebuild.
    if op.get_bind().dialect.name == "sqlite":
        op.add_column(
            "sales",
            sa.Column("shift_id", sa.Integer(), sa.ForeignKey("shifts.id"), nullable=True),
            inline_references=True,
        )
        op.add_column(
            "sales",
            sa.Column("cashier_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
            inline_references=True,
        )
    else:
        op.add_column("sales", sa.Column("shift_id", sa.Integer(), nullable=True))
        op.add_column("sales", sa.Column("cashier_id", sa.Integer(), nullable=True))
        op.create_foreign_key(op.f("fk_sales_shift_id_shifts"), "sales", "shifts", ["shift_id"], ["id"])
        op.create_foreign_key(op.f("fk_sales_cashier_id_users"), "sales", "users", ["cashier_id"], ["id"])
    op.create_index(op.f("ix_sales_shift_id"), "sales", ["shift_id"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f("ix_sales_shift_id"), table_name="sales")
    with op.batch_alter_table("sales", schema=None) as batch_op:
        if op.get_bind().dialect.name != "sqlite":
            batch_op.drop_constraint(op.f("fk_sales_cashier_id_users"), type_="foreignkey")
            batch_op.drop_constraint(op.f("fk_sales_shift_id_shifts"), type_="foreignkey")
        batch_op.drop_column("cashier_id")
        batch_op.drop_column("shift_id")
    op.drop_table("audit_head")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))
        batch_op.drop_index(batch_op.f("ix_audit_log_action"))
    op.drop_table("audit_log")
    op.drop_table("approvals")
    with op.batch_alter_table("cash_movements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cash_movements_shift_id"))
    op.drop_table("cash_movements")
    with op.batch_alter_table("shifts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shifts_till_code"))
    op.drop_table("shifts")
    op.drop_table("users")
