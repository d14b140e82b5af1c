"""Every protected action is checked in the service: a cashier is refused, a manager may, an approval works once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import pytest
from sqlalchemy import select

from posapp.db.staff_models import ApprovalRecord, AuditEntry
from posapp.domain.errors import PermissionRequired, SignInFailed
from posapp.domain.staff import Actor, Approval, Permission, Role, permission_label
from posapp.services.audit import AuditService
from posapp.services.catalog import CatalogService, CooperativeInput, ProductInput
from posapp.services.checkout import CheckoutService, RefundRequest
from posapp.services.inventory import InventoryService
from posapp.services.shifts import check_discount
from posapp.services.staff import StaffService
from posapp.settings import MailSettings, PrinterSettings, Settings, StaffRules
from posapp.shop import Shop
from tests.helpers.staff import PINS, FakeClock, Team, hire_team, sell, staff_service, stock


@dataclass
class World:
    shop: Shop
    clock: FakeClock
    staff: StaffService
    team: Team
    catalog: CatalogService
    checkout: CheckoutService
    inventory: InventoryService
    audit: AuditService
    tea_id: int
    tea_code: str
    receipt_no: str
    made: int = 0  # actions done so far, to give each a fresh input

    def next(self) -> int:
        self.made += 1
        return self.made


@pytest.fixture
def world(shop: Shop) -> Iterator[World]:
    clock = FakeClock()
    staff = staff_service(shop, clock)
    team = hire_team(staff)
    tea = stock(shop, "Trà móc câu Tân Cương", 120_000)
    receipt = sell(shop, [(tea, 10)])
    yield World(
        shop=shop,
        clock=clock,
        staff=staff,
        team=team,
        catalog=CatalogService(shop.sessions, clock),
        checkout=CheckoutService(shop.sessions, clock),
        inventory=InventoryService(shop.sessions, clock),
        audit=AuditService(shop.sessions, clock),
        tea_id=tea.id,
        tea_code=tea.barcode,
        receipt_no=receipt.receipt_no,
    )


Act = Callable[[World, Actor, Approval | None], Any]
Probe = Callable[[World], Any]


def refund(w: World, actor: Actor, approval: Approval | None) -> Any:
    return w.checkout.refund(w.receipt_no, [RefundRequest(w.tea_code, 1000)], actor=actor, approval=approval)


def refunded(w: World) -> int:
    return w.catalog.product(w.tea_id).on_hand_milli


def adjust(w: World, actor: Actor, approval: Approval | None) -> Any:
    return w.inventory.adjust(w.tea_code, -1000, "damaged", actor=actor, approval=approval)


def reprice(w: World, actor: Actor, approval: Approval | None) -> Any:
    data = ProductInput(name="Trà móc câu Tân Cương", cooperative="HTX Chè Tân Cương", price=120_000 + w.next())
    return w.catalog.save_product(data, w.tea_id, actor=actor, approval=approval)


def price(w: World) -> int:
    return w.catalog.product(w.tea_id).price


def new_cooperative(w: World, actor: Actor, approval: Approval | None) -> Any:
    data = CooperativeInput(name=f"HTX Mới {w.next()}", province="Thái Nguyên")
    return w.catalog.save_cooperative(data, actor=actor, approval=approval)


def cooperatives(w: World) -> int:
    return len(w.catalog.cooperatives())


def deactivate(w: World, actor: Actor, approval: Approval | None) -> Any:
    active = not w.catalog.product(w.tea_id).active
    return w.catalog.set_product_active(w.tea_id, active, actor=actor, approval=approval)


def active(w: World) -> bool:
    return w.catalog.product(w.tea_id).active


def till_action(permission: Permission) -> Act:
    def act(w: World, actor: Actor, approval: Approval | None) -> Any:
        return w.staff.authorize_action(actor, permission, approval, {"receipt": "Q1-000009", "line": 2})

    return act


def big_discount(w: World, actor: Actor, approval: Approval | None) -> Any:
    with w.shop.sessions.begin() as session:
        check_discount(session, actor, approval, 30_000, 100_000, StaffRules(), w.clock)


def change_settings(w: World, actor: Actor, approval: Approval | None) -> Any:
    before = Settings()
    after = replace(before, printer=PrinterSettings(kind="escpos-network", host="10.0.0.9"))
    return w.audit.record_settings_change(actor, before, after, approval)


def audit_entries(w: World) -> int:
    return w.audit.count()


PROTECTED: list[tuple[Permission, Act, Probe]] = [
    (Permission.REFUND, refund, refunded),
    (Permission.STOCK_ADJUST, adjust, refunded),
    (Permission.CATALOG, reprice, price),
    (Permission.CATALOG, new_cooperative, cooperatives),
    (Permission.CATALOG, deactivate, active),
    (Permission.VOID, till_action(Permission.VOID), audit_entries),
    (Permission.OPEN_DRAWER, till_action(Permission.OPEN_DRAWER), audit_entries),
    (Permission.PRICE_OVERRIDE, till_action(Permission.PRICE_OVERRIDE), audit_entries),
    (Permission.DISCOUNT, big_discount, audit_entries),
    (Permission.SETTINGS, change_settings, audit_entries),
]
IDS = [act.__name__ if act.__name__ != "act" else p.value for p, act, _probe in PROTECTED]


def newest(w: World) -> Any:
    return w.audit.entries(limit=1)[0]


@pytest.mark.parametrize(("permission", "act", "probe"), PROTECTED, ids=IDS)
def test_a_cashier_alone_is_refused_and_nothing_is_written(
    world: World, permission: Permission, act: Act, probe: Probe
) -> None:
    before, entries = probe(world), world.audit.count()
    with pytest.raises(PermissionRequired) as refused:
        act(world, world.team.cashier, None)
    assert refused.value.permission == permission.value
    assert str(refused.value) == f"Lan may not {permission_label(permission)} alone: a manager must approve."
    assert (probe(world), world.audit.count()) == (before, entries)


@pytest.mark.parametrize(("permission", "act", "probe"), PROTECTED, ids=IDS)
def test_a_manager_may_and_it_is_in_the_audit_trail(
    world: World, permission: Permission, act: Act, probe: Probe
) -> None:
    before = probe(world)
    act(world, world.team.manager, None)
    assert probe(world) != before
    entry = newest(world)
    assert (entry.action, entry.actor, entry.actor_id) == (permission.value, "Minh", world.team.manager.user_id)
    assert "approved_by" not in entry.detail


@pytest.mark.parametrize(("permission", "act", "probe"), PROTECTED, ids=IDS)
def test_a_managers_approval_lets_a_cashier_once(
    world: World, permission: Permission, act: Act, probe: Probe
) -> None:
    approval = world.staff.approve("Minh", PINS["Minh"], permission, world.team.cashier, "khách đổi hàng")
    before = probe(world)
    act(world, world.team.cashier, approval)
    assert probe(world) != before
    entry = newest(world)
    assert (entry.action, entry.actor) == (permission.value, "Lan")
    assert entry.detail["approved_by"] == "Minh"
    assert entry.detail["approval_id"] == approval.approval_id
    with world.shop.sessions() as session:
        stored = session.get(ApprovalRecord, approval.approval_id)
        assert stored is not None and stored.used_at == world.clock.now()
    after_once = probe(world)
    with pytest.raises(PermissionRequired, match="already been used"):
        act(world, world.team.cashier, approval)
    assert probe(world) == after_once


def test_the_approval_itself_is_in_the_audit_trail(world: World) -> None:
    approval = world.staff.approve("minh", PINS["Minh"], Permission.REFUND, world.team.cashier, "hàng lỗi")
    entry = newest(world)
    assert (entry.action, entry.actor) == ("approval", "Minh")
    assert entry.detail == {
        "permission": "refund",
        "for": "Lan",
        "approval_id": approval.approval_id,
        "detail": "hàng lỗi",
    }


def test_an_approval_is_for_one_action_one_person_and_a_few_minutes(world: World) -> None:
    team = world.team
    for_refund = world.staff.approve("Minh", PINS["Minh"], Permission.REFUND, team.cashier)
    with pytest.raises(PermissionRequired, match="given for something else"):
        adjust(world, team.cashier, for_refund)
    other_cashier = Actor(user_id=None, name="Tuấn", role=team.cashier.role)
    with pytest.raises(PermissionRequired, match="given for something else"):
        refund(world, other_cashier, for_refund)
    world.clock.advance(minutes=6)
    with pytest.raises(PermissionRequired, match="more than 5 minutes old"):
        refund(world, team.cashier, for_refund)
    fresh = world.staff.approve("Minh", PINS["Minh"], Permission.REFUND, team.cashier)
    refund(world, team.cashier, fresh)


def test_a_cashier_cannot_approve_and_a_manager_cannot_manage_staff(world: World) -> None:
    with pytest.raises(PermissionRequired, match="Lan may not approve this: refund"):
        world.staff.approve("Lan", PINS["Lan"], Permission.REFUND, world.team.cashier)
    with pytest.raises(PermissionRequired, match="Minh may not approve this: manage staff"):
        world.staff.approve("Minh", PINS["Minh"], Permission.STAFF, world.team.cashier)
    for actor in (world.team.cashier, world.team.manager):
        with pytest.raises(PermissionRequired, match="may not manage staff"):
            world.staff.add_user("Tuấn", Role.CASHIER, "1111", actor)
    assert [u.name for u in world.staff.users()] == ["Hoa", "Lan", "Minh"]
    world.staff.add_user("Tuấn", Role.CASHIER, "1111", world.team.owner)
    assert newest(world).detail == {"added": "Tuấn", "role": "cashier"}


def test_a_wrong_manager_pin_gives_no_approval(world: World) -> None:
    with pytest.raises(SignInFailed, match="Wrong PIN: 4 tries left"):
        world.staff.approve("Minh", "0000", Permission.REFUND, world.team.cashier)
    with world.shop.sessions() as session:
        assert session.scalars(select(ApprovalRecord)).all() == []


def test_a_price_change_is_audited_old_to_new(world: World) -> None:
    reprice(world, world.team.manager, None)
    assert newest(world).detail["changes"] == {"price": [120_000, 120_001]}


def test_a_discount_within_the_limit_needs_nobody_and_is_not_logged(world: World) -> None:
    entries = world.audit.count()
    with world.shop.sessions.begin() as session:
        check_discount(session, world.team.cashier, None, 10_000, 100_000, StaffRules(), world.clock)
    assert world.audit.count() == entries


def test_settings_changes_list_keys_and_never_the_mail_password(world: World) -> None:
    before = Settings(mail=MailSettings(password="bí mật cũ"))
    after = replace(before, till="Q2", mail=MailSettings(host="smtp.example.vn", password="bí mật mới"))
    changed = world.audit.record_settings_change(world.team.owner, before, after)
    assert changed == ["mail.host", "mail.password", "till"]
    detail = newest(world).detail
    assert detail["changes"] == {"mail.host": ["", "smtp.example.vn"], "mail.password": "changed", "till": ["Q1", "Q2"]}
    with world.shop.sessions() as session:
        stored = " ".join(e.detail for e in session.scalars(select(AuditEntry)))
    assert "bí mật" not in stored
