"""Shifts: a till's opening float, cash in and out, the X report so far and the counted Z report at close."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from posapp.db.engine import SessionFactory
from posapp.db.models import Payment, Sale, SaleLine
from posapp.db.staff_models import CashMovement, Shift
from posapp.domain.cart import Cart
from posapp.domain.cash import counted_total
from posapp.domain.errors import InvalidInput, NotFound
from posapp.domain.money import TYPED_MAX
from posapp.domain.staff import Actor, Approval, Permission, over_discount_limit
from posapp.domain.tender import PaymentMethod
from posapp.domain.vat import VatGroup, vat_breakdown
from posapp.i18n import _
from posapp.services.audit_chain import record
from posapp.services.authority import authorize
from posapp.services.clock import ShopClock
from posapp.services.ledger import check_till, make_till
from posapp.settings import StaffRules

METHODS = tuple(method.value for method in PaymentMethod)


@dataclass(frozen=True)
class ShiftView:
    id: int
    till: str
    opened_at: datetime
    opened_by: str
    float_amount: int
    closed_at: datetime | None
    closed_by: str


@dataclass(frozen=True)
class CashMovementView:
    id: int
    shift_id: int
    at: datetime
    kind: str  # "in" or "out"
    amount: int
    reason: str
    actor: str


@dataclass(frozen=True)
class ZReport:
    """A shift's figures: the X report while open (`closed_at` None, nothing counted), the Z report once closed."""

    shift_id: int
    till: str
    opened_at: datetime
    opened_by: str
    closed_at: datetime | None
    closed_by: str
    float_amount: int
    sales_count: int
    by_method: dict[str, int]  # taken on sales, cash net of the change handed back
    refunds_count: int
    refunds_amount: int  # paid back, positive
    refunds_by_method: dict[str, int]
    discounts: int  # line and sale discounts given on the shift's sales
    net_sales: int  # sales less refunds
    vat: tuple[VatGroup, ...]  # sales less refunds, by rate
    cash_in: int
    cash_out: int
    expected_cash: int
    counted_cash: int | None
    variance: int | None  # counted − expected: negative when cash is missing
    counts: dict[int, int]  # notes counted, when counted note by note
    first_receipt: str | None
    last_receipt: str | None


def shift_view(shift: Shift) -> ShiftView:
    return ShiftView(
        id=shift.id,
        till=shift.till_code,
        opened_at=shift.opened_at,
        opened_by=shift.opened_by,
        float_amount=shift.float_amount,
        closed_at=shift.closed_at,
        closed_by=shift.closed_by,
    )


def open_shift_id(session: Session, till_code: str) -> int | None:
    """The till's open shift, for a sale to join (None: no shift open, the sale stands alone).

    On PostgreSQL the row is share-locked until the sale commits, so a close waits for sales in flight
    and its Z report includes them; sales never wait for each other.
    """
    query = select(Shift.id).where(Shift.open_till == check_till(till_code)).with_for_update(read=True)
    return session.scalar(query)


def check_discount(
    session: Session,
    actor: Actor,
    approval: Approval | None,
    discount: int,
    gross: int,
    rules: StaffRules,
    clock: ShopClock,
) -> None:
    """A discount (dong off `gross`) above the shop's limit needs DISCOUNT; such discounts are audited."""
    if not over_discount_limit(discount, gross, rules.discount_limit_bp):
        return
    detail = {"discount": discount, "gross": gross, "limit_bp": rules.discount_limit_bp}
    authorize(session, actor, Permission.DISCOUNT, approval, detail, clock)


def check_cart_discount(
    session: Session, actor: Actor, approval: Approval | None, cart: Cart, rules: StaffRules, clock: ShopClock
) -> None:
    """check_discount for everything taken off a cart: line discounts and the sale discount together."""
    gross = sum(line.gross for line in cart.lines)
    check_discount(session, actor, approval, gross - cart.total, gross, rules, clock)




def _open_shift(session: Session, till: str) -> Shift:
    shift = session.scalar(select(Shift).where(Shift.open_till == check_till(till)))
    if shift is None:
        raise InvalidInput(_("Till {till} has no open shift: open one first.").format(till=check_till(till)))
    return shift


def _sum(value: Any) -> int:
    return int(value or 0)  # PostgreSQL sums big integers as numeric


def shift_figures(session: Session, shift: Shift) -> ZReport:
    """Every figure of a shift, from its sales, refunds and cash movements."""
    of_shift = Sale.shift_id == shift.id
    counts: dict[str, int] = {}
    totals: dict[str, int] = {}
    change = 0
    for kind, count, total, change_sum in session.execute(
        select(Sale.kind, func.count(), func.sum(Sale.total), func.sum(Sale.change)).where(of_shift).group_by(Sale.kind)
    ):
        counts[kind], totals[kind] = count, _sum(total)
        change += _sum(change_sum)
    taken = dict.fromkeys(METHODS, 0)
    refunded = dict.fromkeys(METHODS, 0)
    for kind, method, amount in session.execute(
        select(Sale.kind, Payment.method, func.sum(Payment.amount))
        .join(Payment, Payment.sale_id == Sale.id)
        .where(of_shift)
        .group_by(Sale.kind, Payment.method)
    ):
        if kind == "refund":
            refunded[method] = refunded.get(method, 0) - _sum(amount)
        else:
            taken[method] = taken.get(method, 0) + _sum(amount)
    taken["cash"] -= change
    by_rate = session.execute(
        select(SaleLine.vat_rate, func.sum(SaleLine.total))
        .join(Sale, SaleLine.sale_id == Sale.id)
        .where(of_shift)
        .group_by(SaleLine.vat_rate)
    ).all()
    vat = tuple(group for group in vat_breakdown((rate, _sum(t)) for rate, t in by_rate) if group.gross)
    discounts = _sum(
        session.scalar(
            select(func.sum(SaleLine.line_discount + SaleLine.discount_share))
            .join(Sale, SaleLine.sale_id == Sale.id)
            .where(of_shift, Sale.kind == "sale")
        )
    )
    moved = {
        kind: _sum(amount)
        for kind, amount in session.execute(
            select(CashMovement.kind, func.sum(CashMovement.amount))
            .where(CashMovement.shift_id == shift.id)
            .group_by(CashMovement.kind)
        )
    }
    cash_in, cash_out = _sum(moved.get("in")), _sum(moved.get("out"))
    receipts = select(Sale.receipt_no).where(of_shift).limit(1)
    expected = shift.float_amount + taken["cash"] - refunded["cash"] + cash_in - cash_out
    counted = shift.counted_cash
    return ZReport(
        shift_id=shift.id,
        till=shift.till_code,
        opened_at=shift.opened_at,
        opened_by=shift.opened_by,
        closed_at=shift.closed_at,
        closed_by=shift.closed_by,
        float_amount=shift.float_amount,
        sales_count=counts.get("sale", 0),
        by_method=taken,
        refunds_count=counts.get("refund", 0),
        refunds_amount=-totals.get("refund", 0),
        refunds_by_method=refunded,
        discounts=discounts,
        net_sales=totals.get("sale", 0) + totals.get("refund", 0),
        vat=vat,
        cash_in=cash_in,
        cash_out=cash_out,
        expected_cash=expected,
        counted_cash=counted,
        variance=None if counted is None else counted - expected,
        counts={int(note): n for note, n in json.loads(shift.counts).items()} if shift.counts else {},
        first_receipt=session.scalar(receipts.order_by(Sale.seq)),
        last_receipt=session.scalar(receipts.order_by(Sale.seq.desc())),
    )


class ShiftService:
    def __init__(self, sessions: SessionFactory, clock: ShopClock | None = None) -> None:
        self._sessions = sessions
        self._clock = clock or ShopClock()

    def open(self, till: str, float_amount: int, actor: Actor) -> ShiftView:
        """Start the till's shift with the cash float counted into the drawer."""
        till = check_till(till)
        if not 0 <= float_amount < TYPED_MAX:
            raise InvalidInput(_("The float must be zero or more."))
        now = self._clock.now()
        with self._sessions.begin() as session:
            current = session.scalar(select(Shift).where(Shift.open_till == till))
            if current is not None:
                raise InvalidInput(
                    _("Till {till} already has a shift open since {time}, by {name}.").format(
                        till=till,
                        time=self._clock.local(current.opened_at).strftime("%d/%m %H:%M"),
                        name=current.opened_by,
                    )
                )
            make_till(session, till)
            shift = Shift(
                till_code=till,
                open_till=till,
                opened_at=now,
                opened_by=actor.name,
                opened_by_id=actor.user_id,
                float_amount=float_amount,
                closed_by="",
                counts="",
            )
            session.add(shift)
            session.flush()
            record(session, actor, "shift open", {"shift": shift.id, "till": till, "float": float_amount}, now)
            return shift_view(shift)

    def current(self, till: str) -> ShiftView | None:
        with self._sessions() as session:
            shift = session.scalar(select(Shift).where(Shift.open_till == check_till(till)))
            return shift_view(shift) if shift is not None else None

    def recent(self, till: str | None = None, limit: int = 50) -> list[ShiftView]:
        query = select(Shift).order_by(Shift.opened_at.desc(), Shift.id.desc()).limit(limit)
        if till is not None:
            query = query.where(Shift.till_code == check_till(till))
        with self._sessions() as session:
            return [shift_view(shift) for shift in session.scalars(query)]

    def cash_in(self, till: str, amount: int, reason: str, actor: Actor) -> CashMovementView:
        return self._move_cash(till, "in", amount, reason, actor)

    def cash_out(self, till: str, amount: int, reason: str, actor: Actor) -> CashMovementView:
        return self._move_cash(till, "out", amount, reason, actor)

    def _move_cash(self, till: str, kind: str, amount: int, reason: str, actor: Actor) -> CashMovementView:
        if not 0 < amount < TYPED_MAX:
            raise InvalidInput(_("An amount of cash must be more than zero."))
        reason = " ".join(reason.split())
        if not reason:
            raise InvalidInput(_("Say why cash goes into or out of the drawer."))
        now = self._clock.now()
        with self._sessions.begin() as session:
            shift = _open_shift(session, till)
            movement = CashMovement(
                shift_id=shift.id,
                at=now,
                kind=kind,
                amount=amount,
                reason=reason[:200],
                actor=actor.name,
                actor_id=actor.user_id,
            )
            session.add(movement)
            session.flush()
            detail = {"shift": shift.id, "till": shift.till_code, "amount": amount, "reason": reason}
            record(session, actor, f"cash {kind}", detail, now)
            return CashMovementView(
                id=movement.id,
                shift_id=shift.id,
                at=now,
                kind=kind,
                amount=amount,
                reason=movement.reason,
                actor=actor.name,
            )

    def x_report(self, till: str) -> ZReport:
        """The open shift's figures so far; nothing is closed or counted."""
        with self._sessions() as session:
            return shift_figures(session, _open_shift(session, till))

    def report(self, shift_id: int) -> ZReport:
        with self._sessions() as session:
            shift = session.get(Shift, shift_id)
            if shift is None:
                raise NotFound(_("There is no shift {number}.").format(number=shift_id))
            return shift_figures(session, shift)

    def close(self, till: str, counted: Mapping[int, int] | int, actor: Actor) -> ZReport:
        """Close the till's shift with the cash counted (note by note, or a total): the Z report."""
        if isinstance(counted, int):
            if not 0 <= counted < TYPED_MAX:
                raise InvalidInput(_("The cash counted must be zero or more."))
            total, notes = counted, {}
        else:
            total, notes = counted_total(counted), {note: n for note, n in sorted(counted.items()) if n}
        now = self._clock.now()
        with self._sessions.begin() as session:
            shift = _open_shift(session, till)
            # Close first: from here no sale joins the shift, and sales in flight have committed.
            closed = session.execute(
                update(Shift)
                .where(Shift.id == shift.id, Shift.open_till.is_not(None))
                .values(open_till=None, closed_at=now, closed_by=actor.name, closed_by_id=actor.user_id)
                .returning(Shift.id)
                .execution_options(synchronize_session=False)
            ).scalar_one_or_none()
            if closed is None:
                raise InvalidInput(_("That shift has just been closed at another till."))
            session.refresh(shift)
            shift.counted_cash = total
            shift.counts = json.dumps({str(note): n for note, n in notes.items()}) if notes else ""
            session.flush()
            report = shift_figures(session, shift)
            shift.expected_cash = report.expected_cash
            record(
                session,
                actor,
                "shift close",
                {
                    "shift": shift.id,
                    "till": shift.till_code,
                    "expected": report.expected_cash,
                    "counted": total,
                    "variance": report.variance,
                },
                now,
            )
            return report
