"""The audit trail for people: browse it, verify it, and log settings changes (the chain itself: audit_chain)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy import func, select

from posapp.db.engine import SessionFactory
from posapp.db.staff_models import AuditEntry
from posapp.domain.staff import Actor, Approval, Permission
from posapp.services.audit_chain import AuditEntryView, entry_view, record, verify
from posapp.services.authority import authorize
from posapp.services.clock import ShopClock
from posapp.settings import Settings

__all__ = ["AuditEntryView", "AuditService", "record", "settings_changes", "verify"]

SECRET_SETTINGS = frozenset({"mail.password"})


def flatten_settings(settings: Settings) -> dict[str, Any]:
    """`{"printer.kind": "pdf", "till": "Q1", ...}` for every setting."""
    flat: dict[str, Any] = {}
    for name, value in asdict(settings).items():
        if isinstance(value, dict):
            flat.update({f"{name}.{key}": item for key, item in value.items()})
        else:
            flat[name] = value
    return flat


def settings_changes(before: Settings, after: Settings) -> dict[str, Any]:
    """The keys that changed, each with [old, new] — except secrets, whose values are never written down."""
    old, new = flatten_settings(before), flatten_settings(after)
    changes: dict[str, Any] = {}
    for key in sorted(old.keys() | new.keys()):
        if old.get(key) != new.get(key):
            changes[key] = "changed" if key in SECRET_SETTINGS else [old.get(key), new.get(key)]
    return changes


class AuditService:
    def __init__(self, sessions: SessionFactory, clock: ShopClock | None = None) -> None:
        self._sessions = sessions
        self._clock = clock or ShopClock()

    def entries(
        self, limit: int = 200, before_id: int | None = None, action: str | None = None
    ) -> list[AuditEntryView]:
        """The newest entries first; pass the last id seen as `before_id` for the next page."""
        query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        if before_id is not None:
            query = query.where(AuditEntry.id < before_id)
        if action:
            query = query.where(AuditEntry.action == action)
        with self._sessions() as session:
            return [entry_view(entry) for entry in session.scalars(query)]

    def count(self) -> int:
        with self._sessions() as session:
            return session.scalar(select(func.count()).select_from(AuditEntry)) or 0

    def verify(self) -> int | None:
        with self._sessions() as session:
            return verify(session)

    def record_settings_change(
        self, actor: Actor, before: Settings, after: Settings, approval: Approval | None = None
    ) -> list[str]:
        """Check the actor may change settings and log which ones changed. Call it before saving them."""
        changes = settings_changes(before, after)
        with self._sessions.begin() as session:
            authorize(session, actor, Permission.SETTINGS, approval, {"changes": changes}, self._clock)
        return list(changes)
