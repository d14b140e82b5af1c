"""Who may do what, checked inside the service doing it: the actor's role, or a manager's one-time approval."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from posapp.db.staff_models import ApprovalRecord
from posapp.domain.errors import PermissionRequired
from posapp.domain.staff import APPROVAL_MINUTES, Actor, Approval, Permission, permission_label
from posapp.i18n import _
from posapp.services.audit_chain import record
from posapp.services.clock import ShopClock

# Seeing reports changes nothing; everything else a manager guards is written down.
NOT_AUDITED = frozenset({Permission.REPORTS})


def refusal(actor: Actor, permission: Permission) -> PermissionRequired:
    return PermissionRequired(
        _("{name} may not {action} alone: a manager must approve.").format(
            name=actor.name, action=permission_label(permission)
        ),
        permission.value,
    )


def _use_approval(session: Session, actor: Actor, permission: Permission, approval: Approval, clock: ShopClock) -> None:
    """Spend the approval on this action, or refuse it; concurrent uses of one approval: only one wins."""
    stored = session.get(ApprovalRecord, approval.approval_id)
    if (
        stored is None
        or stored.permission != permission.value
        or approval.permission != permission
        or stored.manager_id != approval.manager.user_id
        or stored.for_actor_id != actor.user_id
        or stored.for_actor != actor.name
    ):
        raise PermissionRequired(
            _("That approval was given for something else: a manager must approve this."), permission.value
        )
    now = clock.now()
    if stored.used_at is None and now - stored.at > timedelta(minutes=APPROVAL_MINUTES):
        raise PermissionRequired(
            _("That approval is more than {minutes} minutes old: a manager must approve again.").format(
                minutes=APPROVAL_MINUTES
            ),
            permission.value,
        )
    spent = session.execute(
        update(ApprovalRecord)
        .where(ApprovalRecord.id == stored.id, ApprovalRecord.used_at.is_(None))
        .values(used_at=now)
        .returning(ApprovalRecord.id)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    if spent is None:
        raise PermissionRequired(
            _("That approval has already been used: a manager must approve again."), permission.value
        )


def authorize(
    session: Session,
    actor: Actor,
    permission: Permission,
    approval: Approval | None,
    detail: Mapping[str, Any] | None,
    clock: ShopClock,
) -> None:
    """Let the action go ahead inside the caller's transaction, or raise PermissionRequired (nothing written).

    Allowed by role, or by an unused approval for this very action and person, which is spent here. The
    action is recorded in the audit trail with `detail` and who approved it.
    """
    entry: dict[str, Any] = dict(detail or {})
    if not actor.may(permission):
        if approval is None:
            raise refusal(actor, permission)
        _use_approval(session, actor, permission, approval, clock)
        entry |= {"approved_by": approval.manager.name, "approval_id": approval.approval_id}
    if permission not in NOT_AUDITED or "approval_id" in entry:
        record(session, actor, permission.value, entry, clock.now())


def dataclass_changes(before: object, after: object, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The fields in which two views of one thing differ, as {field: [old, new]}."""
    if not (is_dataclass(before) and is_dataclass(after)):
        raise TypeError("dataclass instances expected")
    changes: dict[str, Any] = {}
    for item in fields(before):
        if item.name not in skip and getattr(before, item.name) != getattr(after, item.name):
            changes[item.name] = [getattr(before, item.name), getattr(after, item.name)]
    return changes
