"""The audit chain: entries appended under a lock, each hashing the one before; edits, deletions, reorders show."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from posapp.db.staff_models import AuditEntry, AuditHead
from posapp.domain.staff import Actor

GENESIS = "0" * 64
HEAD_ID = 1

_HEAD, _LOG = cast(Table, AuditHead.__table__), cast(Table, AuditEntry.__table__)
# Locks the head row on PostgreSQL and takes SQLite's write lock, whichever till gets there first.
_LOCK_HEAD = (
    update(_HEAD)
    .where(_HEAD.c.id == HEAD_ID)
    .values(last_id=_HEAD.c.last_id)
    .returning(_HEAD.c.last_id, _HEAD.c.last_hash)
)
_NEW_HEAD = (
    sqlite.insert(_HEAD).on_conflict_do_nothing(),
    postgresql.insert(_HEAD).on_conflict_do_nothing(),
)
_MOVE_HEAD = (
    update(_HEAD).where(_HEAD.c.id == HEAD_ID).values(last_id=bindparam("new_id"), last_hash=bindparam("new_hash"))
)


@dataclass(frozen=True)
class AuditEntryView:
    id: int
    at: datetime
    actor: str
    actor_id: int | None
    action: str
    detail: dict[str, Any]


def canonical(data: Any) -> str:
    """One spelling of a JSON value, whatever the order its keys were built in."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def entry_hash(
    prev_hash: str, entry_id: int, at: datetime, actor: str, actor_id: int | None, action: str, detail: str
) -> str:
    fields_ = {
        "id": entry_id,
        "at": at.astimezone(UTC).isoformat(),
        "actor": actor,
        "actor_id": actor_id,
        "action": action,
        "detail": detail,
    }
    return hashlib.sha256((prev_hash + canonical(fields_)).encode("utf-8")).hexdigest()


def record(session: Session, actor: Actor, action: str, detail: Mapping[str, Any], at: datetime | None = None) -> int:
    """Append one entry inside the caller's transaction (it rolls back with the action). Returns its id."""
    connection = session.connection()
    head = connection.execute(_LOCK_HEAD).one_or_none()
    if head is None:  # the shop's first entry: make the head row (two tills may race to it)
        new_head = _NEW_HEAD[connection.dialect.name == "postgresql"]
        connection.execute(new_head, {"id": HEAD_ID, "last_id": 0, "last_hash": GENESIS})
        head = connection.execute(_LOCK_HEAD).one()
    entry_id, prev_hash = int(head.last_id) + 1, str(head.last_hash)
    # Microseconds are kept by both databases, so the hash of what is read back matches what was written.
    when = (at or datetime.now(UTC)).astimezone(UTC)
    text = canonical(dict(detail))
    digest = entry_hash(prev_hash, entry_id, when, actor.name, actor.user_id, action, text)
    connection.execute(
        _LOG.insert(),
        {
            "id": entry_id,
            "at": when,
            "actor": actor.name,
            "actor_id": actor.user_id,
            "action": action,
            "detail": text,
            "prev_hash": prev_hash,
            "hash": digest,
        },
    )
    connection.execute(_MOVE_HEAD, {"new_id": entry_id, "new_hash": digest})
    return entry_id


def verify(session: Session) -> int | None:
    """None when the trail is whole; otherwise the id of the first entry that was changed, moved or removed."""
    expected_id, prev_hash = 1, GENESIS
    # Streamed a thousand at a time (a shop's trail grows for years), the cursor closed on an early return.
    with session.execute(select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=1000)) as rows:
        for entry in rows.scalars():
            if entry.id != expected_id:
                return expected_id  # the entry that should be here was deleted
            digest = entry_hash(prev_hash, entry.id, entry.at, entry.actor, entry.actor_id, entry.action, entry.detail)
            if entry.prev_hash != prev_hash or entry.hash != digest:
                return entry.id
            expected_id, prev_hash = entry.id + 1, entry.hash
    head = session.get(AuditHead, HEAD_ID)
    last_id = expected_id - 1
    if head is None:
        return last_id or None
    if head.last_id > last_id:
        return last_id + 1  # the newest entries were deleted: the first one missing
    if head.last_id < last_id:
        return head.last_id + 1  # entries added behind the log's back
    if head.last_hash != prev_hash:
        return last_id  # the newest entry was rewritten, hash and all
    return None


def entry_view(entry: AuditEntry) -> AuditEntryView:
    detail = json.loads(entry.detail) if entry.detail else {}
    return AuditEntryView(
        id=entry.id,
        at=entry.at,
        actor=entry.actor,
        actor_id=entry.actor_id,
        action=entry.action,
        detail=detail if isinstance(detail, dict) else {"value": detail},
    )
