"""Staff: users with hashed PINs and roles, signing in with a lockout, managers approving protected actions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from posapp.db.engine import SessionFactory
from posapp.db.staff_models import ApprovalRecord, User
from posapp.domain.errors import InvalidInput, NotFound, PermissionRequired, SignInFailed
from posapp.domain.staff import Actor, Approval, Permission, Role, allowed, check_pin, permission_label
from posapp.domain.text import nfc
from posapp.i18n import _
from posapp.services.audit_chain import record
from posapp.services.authority import authorize, refusal
from posapp.services.clock import ShopClock
from posapp.settings import StaffRules

NAME_LENGTH = 100


@dataclass(frozen=True)
class UserView:
    id: int
    name: str
    role: Role
    active: bool
    failed_attempts: int
    locked_until: datetime | None


def user_key(name: str) -> str:
    """How user names are compared: NFC, case-folded, spaces collapsed (diacritics count)."""
    return " ".join(nfc(name).casefold().split())


def user_view(user: User) -> UserView:
    return UserView(
        id=user.id,
        name=user.name,
        role=Role(user.role),
        active=user.active,
        failed_attempts=user.failed_attempts,
        locked_until=user.locked_until,
    )


def actor_of(user: User) -> Actor:
    return Actor(user_id=user.id, name=user.name, role=Role(user.role))


def _check_name(name: str) -> str:
    name = " ".join(nfc(name).split())
    if not name:
        raise InvalidInput(_("A user needs a name."))
    if len(name) > NAME_LENGTH:
        raise InvalidInput(_("A user's name can be at most {n} characters.").format(n=NAME_LENGTH))
    return name


def _user_named(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.name_key == user_key(name)))
    if user is None:
        raise NotFound(_("There is no user named “{name}”.").format(name=name.strip()))
    return user


class StaffService:
    def __init__(
        self,
        sessions: SessionFactory,
        clock: ShopClock | None = None,
        rules: StaffRules | None = None,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self._sessions = sessions
        self._clock = clock or ShopClock()
        self._rules = rules or StaffRules()
        # argon2id with the library's default cost; tests pass a cheaper one.
        self._hasher = hasher or PasswordHasher()

    # --- users --------------------------------------------------------------------------
    def has_users(self) -> bool:
        with self._sessions() as session:
            return session.scalar(select(func.count()).select_from(User)) != 0

    def users(self, include_inactive: bool = True) -> list[UserView]:
        query = select(User).order_by(User.name_key)
        if not include_inactive:
            query = query.where(User.active.is_(True))
        with self._sessions() as session:
            return [user_view(user) for user in session.scalars(query)]

    def create_owner(self, name: str, pin: str) -> UserView:
        """The shop's first user, made at first start; refused once anyone exists."""
        name, pin = _check_name(name), check_pin(pin)
        with self._sessions.begin() as session:
            if session.scalar(select(func.count()).select_from(User)):
                raise PermissionRequired(
                    _("The shop already has users: the owner adds new ones."), Permission.STAFF.value
                )
            user = self._insert(session, name, Role.OWNER, pin)
            record(session, actor_of(user), "staff", {"added": name, "role": Role.OWNER.value}, self._clock.now())
            return user_view(user)

    def add_user(self, name: str, role: Role, pin: str, actor: Actor) -> UserView:
        name, pin, role = _check_name(name), check_pin(pin), Role(role)
        with self._sessions.begin() as session:
            if session.scalar(select(User).where(User.name_key == user_key(name))) is not None:
                raise InvalidInput(_("A user named “{name}” already exists.").format(name=name))
            user = self._insert(session, name, role, pin)
            authorize(session, actor, Permission.STAFF, None, {"added": name, "role": role.value}, self._clock)
            return user_view(user)

    def _insert(self, session: Session, name: str, role: Role, pin: str) -> User:
        user = User(
            name=name,
            name_key=user_key(name),
            role=role.value,
            pin_hash=self._hasher.hash(pin),
            active=True,
            failed_attempts=0,
            created_at=self._clock.now(),
        )
        session.add(user)
        session.flush()
        return user

    def set_pin(self, name: str, pin: str, actor: Actor) -> None:
        """A new PIN (the owner for anyone, or a user for themself); it also lifts a lockout."""
        pin = check_pin(pin)
        with self._sessions.begin() as session:
            user = _user_named(session, name)
            user.pin_hash = self._hasher.hash(pin)
            user.failed_attempts, user.locked_until = 0, None
            detail = {"pin changed": user.name}
            if actor.user_id is not None and actor.user_id == user.id:
                record(session, actor, "staff", detail, self._clock.now())
            else:
                authorize(session, actor, Permission.STAFF, None, detail, self._clock)

    def set_role(self, name: str, role: Role, actor: Actor) -> UserView:
        role = Role(role)
        with self._sessions.begin() as session:
            user = _user_named(session, name)
            detail = {"user": user.name, "role": [user.role, role.value]}
            user.role = role.value
            authorize(session, actor, Permission.STAFF, None, detail, self._clock)
            return user_view(user)

    def set_active(self, name: str, active: bool, actor: Actor) -> UserView:
        """Stop (or allow again) someone signing in; their past sales keep their name."""
        with self._sessions.begin() as session:
            user = _user_named(session, name)
            user.active = active
            authorize(session, actor, Permission.STAFF, None, {"user": user.name, "active": active}, self._clock)
            return user_view(user)

    def actor(self, name: str) -> Actor:
        """A user as an actor without their PIN: for the command line, which already acts as the owner."""
        with self._sessions() as session:
            user = _user_named(session, name)
            if not user.active:
                raise InvalidInput(_("“{name}” can no longer sign in.").format(name=user.name))
            return actor_of(user)

    # --- signing in ---------------------------------------------------------------------
    def sign_in(self, name: str, pin: str) -> Actor:
        """The person at the till, once their PIN is right. Switching user is signing in again."""
        with self._sessions.begin() as session:
            user, failure = self._attempt(session, name, pin, "sign in")
            if user is not None:
                record(session, actor_of(user), "sign in", {}, self._clock.now())
        # Raised after the commit: the failed attempt and its audit entry must stay written.
        if user is None:
            raise SignInFailed(failure)
        return actor_of(user)

    def approve(
        self, manager_name: str, pin: str, permission: Permission, for_actor: Actor, detail: str = ""
    ) -> Approval:
        """A manager's PIN approving one protected action for `for_actor`; a PIN try like any sign-in."""
        permission = Permission(permission)
        approval: Approval | None = None
        with self._sessions.begin() as session:
            user, failure = self._attempt(session, manager_name, pin, "approval")
            if user is not None and allowed(Role(user.role), permission):
                stored = ApprovalRecord(
                    at=self._clock.now(),
                    permission=permission.value,
                    manager_id=user.id,
                    for_actor=for_actor.name,
                    for_actor_id=for_actor.user_id,
                    detail=detail[:200],
                )
                session.add(stored)
                session.flush()
                approval = Approval(approval_id=stored.id, manager=actor_of(user), permission=permission)
                entry = {"permission": permission.value, "for": for_actor.name, "approval_id": stored.id}
                record(
                    session,
                    actor_of(user),
                    "approval",
                    entry | ({"detail": detail} if detail else {}),
                    self._clock.now(),
                )
        if user is None:
            raise SignInFailed(failure)
        if approval is None:
            raise PermissionRequired(
                _("{name} may not approve this: {action}.").format(name=user.name, action=permission_label(permission)),
                permission.value,
            )
        return approval

    def authorize_action(
        self,
        actor: Actor,
        permission: Permission,
        approval: Approval | None = None,
        detail: Mapping[str, Any] | None = None,
    ) -> None:
        """For till actions with no service call of their own (void a line, open the drawer, override a price).

        Raises PermissionRequired when a manager must approve; otherwise the action is written to the audit trail.
        """
        with self._sessions.begin() as session:
            authorize(session, actor, Permission(permission), approval, detail, self._clock)

    def check(self, actor: Actor, permission: Permission) -> None:
        """Refuse early (before showing a back-office screen, say) without writing anything."""
        if not actor.may(permission):
            raise refusal(actor, permission)

    def _attempt(self, session: Session, name: str, pin: str, purpose: str) -> tuple[User | None, str]:
        """The user if the PIN is right and they may sign in; else None and why, with the try counted."""
        now = self._clock.now()
        user = session.scalar(select(User).where(User.name_key == user_key(name)))
        failed = Actor(user_id=None, name=" ".join(nfc(name).split())[:NAME_LENGTH], role=Role.CASHIER)
        if user is None or not user.active:
            message = (
                _("There is no user named “{name}”.") if user is None else _("“{name}” can no longer sign in.")
            ).format(name=failed.name)
            record(session, failed, "sign in failed", {"purpose": purpose, "reason": "unknown"}, now)
            return None, message
        if user.locked_until is not None and now < user.locked_until:
            record(session, actor_of(user), "sign in failed", {"purpose": purpose, "reason": "locked"}, now)
            return None, self._locked_message(user.locked_until)
        if not self._pin_matches(user, pin):
            user.failed_attempts += 1
            reason = "wrong PIN"
            if user.failed_attempts >= self._rules.lockout_attempts:
                user.locked_until = now + timedelta(minutes=self._rules.lockout_minutes)
                user.failed_attempts = 0
                reason = "wrong PIN, locked"
                message = self._locked_message(user.locked_until)
            else:
                left = self._rules.lockout_attempts - user.failed_attempts
                message = _("Wrong PIN: one try left") if left == 1 else _("Wrong PIN: {n} tries left").format(n=left)
            record(session, actor_of(user), "sign in failed", {"purpose": purpose, "reason": reason}, now)
            return None, message
        user.failed_attempts, user.locked_until = 0, None
        if self._hasher.check_needs_rehash(user.pin_hash):
            user.pin_hash = self._hasher.hash(pin)
        return user, ""

    def _pin_matches(self, user: User, pin: str) -> bool:
        try:
            return self._hasher.verify(user.pin_hash, pin.strip())
        except (VerificationError, InvalidHashError):
            return False

    def _locked_message(self, until: datetime) -> str:
        return _("Locked until {time} after {n} wrong PINs").format(
            time=self._clock.local(until).strftime("%H:%M"), n=self._rules.lockout_attempts
        )
