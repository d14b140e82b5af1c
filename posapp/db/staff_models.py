"""Staff, shifts and the audit trail (issue 7): users with hashed PINs, till shifts, cash movements, approvals."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from posapp.db.models import Base
from posapp.db.types import UtcDateTime


class User(Base):
    """Someone who signs in at a till. The PIN is kept only as an argon2id hash."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    # The name case-folded in Python (SQL lower() leaves Vietnamese capitals alone): one user per name.
    name_key: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Shift(Base):
    """A till's working period, from the opening float to the counted close (the Z report)."""

    __tablename__ = "shifts"
    __table_args__ = (CheckConstraint("float_amount >= 0", name="float_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    till_code: Mapped[str] = mapped_column(ForeignKey("tills.code"), index=True)
    # The till's code while the shift is open, NULL once closed: the database keeps one open shift per till.
    open_till: Mapped[str | None] = mapped_column(String(20), unique=True)
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime)
    opened_by: Mapped[str] = mapped_column(String(100))
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    float_amount: Mapped[int] = mapped_column(BigInteger)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_by: Mapped[str] = mapped_column(String(100), default="")
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    counted_cash: Mapped[int | None] = mapped_column(BigInteger)
    expected_cash: Mapped[int | None] = mapped_column(BigInteger)
    counts: Mapped[str] = mapped_column(Text, default="")  # JSON {note: count} when counted note by note


class CashMovement(Base):
    """Cash put into or taken out of a till's drawer outside a sale (change float top-up, paying a supplier)."""

    __tablename__ = "cash_movements"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("kind IN ('in', 'out')", name="kind_in_or_out"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("shifts.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    kind: Mapped[str] = mapped_column(String(10))
    amount: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(String(200), default="")
    actor: Mapped[str] = mapped_column(String(100))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class ApprovalRecord(Base):
    """A manager's PIN approving one protected action for one person; used once, then spent."""

    __tablename__ = "approvals"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    permission: Mapped[str] = mapped_column(String(30))
    manager_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    for_actor: Mapped[str] = mapped_column(String(100))
    for_actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    detail: Mapped[str] = mapped_column(String(200), default="")
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class AuditEntry(Base):
    """One line of the append-only audit trail, chained to the one before by its hash.

    `id` is handed out under the chain-head lock (no sequence) so entries are numbered without gaps;
    `actor_id` has no foreign key on purpose: the trail must stand on its own whatever happens to users.
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    actor_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(40), index=True)
    detail: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The chain's newest entry. Appending locks this one row, so two tills never fork the chain."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_id: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))
