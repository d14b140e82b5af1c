"""Users and signing in: PINs kept only as argon2id hashes, a lockout after wrong PINs, roles on the actor."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from posapp.db.staff_models import AuditEntry, User
from posapp.domain.errors import InvalidInput, NotFound, PermissionRequired, SignInFailed
from posapp.domain.staff import COMMAND_LINE, Actor, Permission, Role
from posapp.services.audit import AuditService
from posapp.services.staff import StaffService
from posapp.settings import StaffRules
from posapp.shop import Shop
from tests.helpers.staff import CHEAP_HASHER, PINS, FakeClock, hire_team, staff_service


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def stored_users(shop: Shop) -> list[User]:
    with shop.sessions() as session:
        return list(session.scalars(select(User).order_by(User.id)))


def actions(shop: Shop) -> list[tuple[str, str]]:
    with shop.sessions() as session:
        return [(e.actor, e.action) for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_the_pin_is_stored_only_as_an_argon2id_hash(shop: Shop, clock: FakeClock) -> None:
    staff = staff_service(shop, clock)
    view = staff.add_user("Nguyễn Thị Lan", Role.CASHIER, "123456", COMMAND_LINE)
    (user,) = stored_users(shop)
    assert (view.name, view.role, view.active) == ("Nguyễn Thị Lan", Role.CASHIER, True)
    assert user.name_key == "nguyễn thị lan"
    assert user.pin_hash.startswith("$argon2id$")
    assert "123456" not in user.pin_hash
    assert CHEAP_HASHER.verify(user.pin_hash, "123456")


def test_the_app_hashes_with_argon2s_default_cost(shop: Shop, clock: FakeClock) -> None:
    StaffService(shop.sessions, clock, StaffRules()).add_user("Lan", Role.CASHIER, "1234", COMMAND_LINE)
    (user,) = stored_users(shop)
    assert user.pin_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "", "１２３４"])
def test_a_pin_is_4_to_8_digits(shop: Shop, clock: FakeClock, pin: str) -> None:
    with pytest.raises(InvalidInput, match="A PIN is 4 to 8 digits"):
        staff_service(shop, clock).add_user("Lan", Role.CASHIER, pin, COMMAND_LINE)
    assert stored_users(shop) == []


def test_names_are_unique_whatever_their_case(shop: Shop, clock: FakeClock) -> None:
    staff = staff_service(shop, clock)
    staff.add_user("Đức", Role.CASHIER, "1234", COMMAND_LINE)
    with pytest.raises(InvalidInput, match="A user named “đức” already exists"):
        staff.add_user("đức", Role.MANAGER, "1234", COMMAND_LINE)
    assert staff.sign_in("ĐỨC", "1234").name == "Đức"


def test_signing_in_gives_the_actor_with_its_role_and_is_audited(shop: Shop, clock: FakeClock) -> None:
    staff = staff_service(shop, clock)
    team = hire_team(staff)
    assert team.manager == Actor(user_id=2, name="Minh", role=Role.MANAGER)
    assert team.manager.may(Permission.REFUND) and not team.cashier.may(Permission.REFUND)
    assert actions(shop)[-3:] == [("Lan", "sign in"), ("Minh", "sign in"), ("Hoa", "sign in")]


def test_wrong_pins_count_down_then_lock_until_the_time_passes(shop: Shop, clock: FakeClock) -> None:
    staff = staff_service(shop, clock)
    hire_team(staff)
    messages = []
    for _attempt in range(5):
        with pytest.raises(SignInFailed) as failed:
            staff.sign_in("Lan", "9999")
        messages.append(str(failed.value))
    # 02:00 UTC is 09:00 in the shop; locked for five minutes.
    assert messages == [
        "Wrong PIN: 4 tries left",
        "Wrong PIN: 3 tries left",
        "Wrong PIN: 2 tries left",
        "Wrong PIN: one try left",
        "Locked until 09:05 after 5 wrong PINs",
    ]
    clock.advance(minutes=4, seconds=59)
    with pytest.raises(SignInFailed, match="Locked until 09:05 after 5 wrong PINs"):
        staff.sign_in("Lan", PINS["Lan"])
    assert staff.users()[1].locked_until == clock.moments[0].replace(minute=5)
    clock.advance(seconds=1)
    assert staff.sign_in("Lan", PINS["Lan"]).name == "Lan"
    # A right PIN starts the count again.
    with pytest.raises(SignInFailed, match="Wrong PIN: 4 tries left"):
        staff.sign_in("Lan", "9999")
    failures = [a for a in actions(shop) if a == ("Lan", "sign in failed")]
    assert len(failures) == 7


def test_the_lockout_follows_the_shops_rules(shop: Shop, clock: FakeClock) -> None:
    staff = staff_service(shop, clock, StaffRules(lockout_attempts=2, lockout_minutes=15))
    hire_team(staff)
    with pytest.raises(SignInFailed, match="Wrong PIN: one try left"):
        staff.sign_in("Minh", "0000")
    with pytest.raises(SignInFailed, match="Locked until 09:15 after 2 wrong PINs"):
        staff.sign_in("Minh", "0000")


def test_an_approval_is_a_pin_try_like_any_other(shop: Shop, clock: FakeClock) -> None:
    staff = staff_service(shop, clock)
    team = hire_team(staff)
    for _attempt in range(4):
        with pytest.raises(SignInFailed):
            staff.approve("Minh", "0000", Permission.REFUND, team.cashier)
    with pytest.raises(SignInFailed, match="Locked until"):
        staff.sign_in("Minh", "0000")
    with pytest.raises(SignInFailed, match="Locked until"):
        staff.approve("Minh", PINS["Minh"], Permission.REFUND, team.cashier)


def test_unknown_and_inactive_users_cannot_sign_in(shop: Shop, clock: FakeClock) -> None:
    staff = staff_service(shop, clock)
    team = hire_team(staff)
    with pytest.raises(SignInFailed, match="There is no user named “Tuấn”"):
        staff.sign_in("Tuấn", "1234")
    staff.set_active("Lan", False, team.owner)
    with pytest.raises(SignInFailed, match="“Lan” can no longer sign in"):
        staff.sign_in("Lan", PINS["Lan"])
    assert [u.name for u in staff.users(include_inactive=False)] == ["Hoa", "Minh"]
    staff.set_active("Lan", True, team.owner)
    assert staff.sign_in("Lan", PINS["Lan"]).role is Role.CASHIER


def test_a_new_pin_works_and_lifts_a_lockout(shop: Shop, clock: FakeClock) -> None:
    staff = staff_service(shop, clock)
    team = hire_team(staff)
    for _attempt in range(5):
        with pytest.raises(SignInFailed):
            staff.sign_in("Lan", "0000")
    with pytest.raises(PermissionRequired):
        staff.set_pin("Lan", "4321", team.manager)
    staff.set_pin("Lan", "4321", team.owner)
    assert staff.sign_in("Lan", "4321").name == "Lan"
    with pytest.raises(SignInFailed, match="Wrong PIN"):
        staff.sign_in("Lan", PINS["Lan"])
    staff.set_pin("Lan", "87654321", team.cashier)  # her own PIN
    assert staff.sign_in("Lan", "87654321").name == "Lan"


def test_roles_change_only_by_the_owner(shop: Shop, clock: FakeClock) -> None:
    staff = staff_service(shop, clock)
    team = hire_team(staff)
    with pytest.raises(PermissionRequired):
        staff.set_role("Lan", Role.MANAGER, team.manager)
    assert staff.set_role("Lan", Role.MANAGER, team.owner).role is Role.MANAGER
    assert staff.sign_in("Lan", PINS["Lan"]).may(Permission.REFUND)
    with pytest.raises(NotFound):
        staff.set_role("Tuấn", Role.MANAGER, team.owner)


def test_the_first_owner_is_made_only_on_an_empty_shop(shop: Shop, clock: FakeClock) -> None:
    staff = staff_service(shop, clock)
    assert not staff.has_users()
    owner = staff.create_owner("Hoa", "246810")
    assert (owner.role, staff.has_users()) == (Role.OWNER, True)
    with pytest.raises(PermissionRequired):
        staff.create_owner("Kẻ lạ", "1111")
    assert [u.name for u in staff.users()] == ["Hoa"]


def test_failed_sign_ins_are_audited_even_though_they_raise(shop: Shop, clock: FakeClock) -> None:
    staff = staff_service(shop, clock)
    hire_team(staff)
    with pytest.raises(SignInFailed):
        staff.sign_in("Hoa", "1111")
    entry = AuditService(shop.sessions, clock).entries(limit=1)[0]
    assert (entry.actor, entry.action, entry.detail) == (
        "Hoa",
        "sign in failed",
        {"purpose": "sign in", "reason": "wrong PIN"},
    )
