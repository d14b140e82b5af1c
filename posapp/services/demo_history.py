"""The demo shop's past — restocks, sales and refunds — written in bulk with the checkout's own arithmetic."""

from __future__ import annotations

from bisect import bisect
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from itertools import accumulate
from random import Random
from typing import Any

from sqlalchemy import bindparam, case, func, insert, literal_column, null, select, update
from sqlalchemy.orm import Session

from posapp.domain.cart import CartLine, SaleItem, price_lines
from posapp.domain.money import QTY_SCALE, div_round_half_up
from posapp.domain.tender import PaymentMethod, Tender, settle
from posapp.services.clock import ShopClock
from posapp.services.demo_bulk import TABLES, BulkRows
from posapp.services.demo_catalogue import Stocking, round_up

SALES, SALE_LINES, PAYMENTS = TABLES["sales"], TABLES["sale_lines"], TABLES["payments"]
MOVEMENTS, PRODUCTS, TILLS = TABLES["stock_movements"], TABLES["products"], TABLES["tills"]
CASHIERS = {"Q1": ("Nguyễn Thị Lan", "Trần Văn Hùng"), "Q2": ("Lê Thị Mai", "Phạm Minh Tuấn")}
SHIFT_CHANGE = 14 * 3600 + 30 * 60  # seconds after midnight, shop time
WEEKDAY_FACTOR = (0.85, 0.85, 0.85, 0.9, 1.0, 1.5, 1.4)  # Monday .. Sunday: tourists come at weekends
REFUND_SHARE, RECENT_DAYS, DELIVERY_DAYS = 0.004, 3, 2


class Weighted:
    """A weighted random pick, cheaper than Random.choices when drawn a million times."""

    def __init__(self, values: Sequence[Any], weights: Iterable[float]) -> None:
        self.values = list(values)
        self.cum = list(accumulate(weights))
        self.total = self.cum[-1]

    def pick(self, rng: Random) -> Any:
        return self.values[bisect(self.cum, rng.random() * self.total)]

    def table(self, size: int = 1 << 20) -> list[Any]:
        """`size` slots, each value in as many as its share of the weight: one random index picks."""
        slots: list[Any] = []
        for value, reach in zip(self.values, self.cum, strict=True):
            slots.extend([value] * (round(reach / self.total * size) - len(slots)))
        return slots

    def mean(self) -> float:
        weights = [b - a for a, b in zip([0.0, *self.cum], self.cum, strict=False)]
        return float(sum(v * w for v, w in zip(self.values, weights, strict=True)) / self.total)


HOURS = Weighted(range(8, 21), (2, 4, 7, 7, 4, 3, 4, 6, 8, 9, 9, 7, 4))  # open 8:00-21:00, two peaks
BASKET = Weighted((1, 2, 3, 4, 5, 6), (30, 28, 20, 12, 6, 4))
BASKET_SIZES = BASKET.table(100)
CHEAP_QTY = Weighted((1_000, 2_000, 3_000, 4_000, 5_000), (60, 22, 10, 4, 4)).table(100)  # under 100.000 ₫
DEAR_QTY = Weighted((1_000, 2_000, 3_000), (85, 12, 3)).table(100)
NOTES = Weighted((1_000, 10_000, 50_000, 100_000, 500_000), (25, 20, 20, 25, 10))
_LINE = SALE_LINES.c
LEDGER_FOR_LINES = insert(MOVEMENTS).from_select(  # each sale line's own movement, as move_stock writes it
    ["product_id", "at", "kind", "qty_milli", "unit_cost", "reason", "sale_line_id"],
    select(
        _LINE.product_id,
        _LINE.at,
        case((_LINE.refund_of_line_id.is_(None), literal_column("'sale'")), else_=literal_column("'refund'")),
        -_LINE.qty_milli,
        null(),
        literal_column("''"),
        _LINE.id,
    )
    .where(_LINE.id.between(bindparam("first"), bindparam("last")))
    .order_by(_LINE.id),
)
ADD_ON_HAND = (
    update(PRODUCTS)
    .where(PRODUCTS.c.id == bindparam("pid"))
    .values(on_hand_milli=PRODUCTS.c.on_hand_milli + bindparam("delta"))
)


# fmt: off
SALE = ("id", "receipt_no", "till_code", "seq", "kind", "at", "subtotal", "discount_bp", "discount", "total", "change",
        "cashier")
LINE = ("id", "sale_id", "position", "at", "qty_milli", "gross", "line_discount", "discount_share", "total",
        "vat_rate")  # then the product's snapshot
# fmt: on
PAYMENT = ("id", "sale_id", "method", "amount", "reference")
MOVEMENT = ("product_id", "at", "kind", "qty_milli", "unit_cost", "reason")  # sale_line_id: see LEDGER_FOR_LINES
Snapshot = tuple[tuple[str, ...], tuple[Any, ...]]


def line_snapshot(item: SaleItem, rows: BulkRows) -> Snapshot:
    """The columns of a sale line that copy the product as rung up, as checkout.complete_sale writes them
    (None left out: the column stays NULL)."""
    values = {
        "product_id": item.product_id,
        "barcode": item.barcode,
        "name": item.name,
        "name_en": item.name_en,
        "unit": item.unit,
        "weighed": rows.bind(_LINE.weighed, item.weighed),
        "unit_price": item.unit_price,
        "tax_category": item.tax_category.value,
        "cooperative_id": item.cooperative_id,
        "cooperative_name": item.cooperative,
        "province": item.province,
        "ocop_group": item.ocop_group,
        "ocop_stars": item.ocop_stars,
        "unit_cost": item.unit_cost,
        "supply_kind": item.supply_kind,
        "payout": item.payout,
    }
    kept = {name: value for name, value in values.items() if value is not None}
    return tuple(kept), tuple(kept.values())


def cash_given(due: int, rng: Random) -> int:
    """What a customer hands over in notes for `due` dong."""
    return max(round_up(due, NOTES.pick(rng)), 1_000)


def refund_part(amount: int, before: int, after: int, qty_milli: int) -> int:
    """checkout.refund's cumulative rounding: refunds of a line add up to exactly the line."""
    return div_round_half_up(amount * after, qty_milli) - div_round_half_up(amount * before, qty_milli)


def _next_id(session: Session, table: str) -> int:
    return int(session.scalar(select(func.coalesce(func.max(TABLES[table].c.id), 0))) or 0) + 1


class History:
    """Writes the shop's days in order: morning deliveries, then sales and refunds through the day."""

    def __init__(self, session: Session, rows: BulkRows, clock: ShopClock, rng: Random, stock: Sequence[Stocking]):
        self._session, self._rows, self._clock, self._rng = session, rows, clock, rng
        self._next_sale, self._next_line = _next_id(session, "sales"), _next_id(session, "sale_lines")
        self._next_payment = _next_id(session, "payments")
        self._ledgered = self._queued = self._next_line - 1  # the last line with a movement / in the queue
        self._when = rows.binder(_LINE.at)
        self._by_id = {s.item.product_id: s for s in stock}
        self._popular = Weighted(stock, (s.weight for s in stock)).table()
        self._snapshots = {s.item.product_id: line_snapshot(s.item, rows) for s in stock}
        self._on_hand = {s.item.product_id: s.opening_milli for s in stock}
        self._delta: dict[int, int] = {}  # what the movements written in bulk add to on-hand
        self._due: dict[int, date] = {}  # deliveries on order
        # Recent sales a customer may still bring back: when, till, how paid, and the lines as written.
        self._recent: dict[int, tuple[datetime, str, set[str], list[tuple[tuple[str, ...], tuple[Any, ...]]]]] = {}
        self._ghost_days: dict[date, list[Stocking]] = {}
        known = dict(session.execute(select(TILLS.c.code, TILLS.c.last_seq)).all())
        for till in CASHIERS:
            if till not in known:
                session.execute(insert(TILLS).values(code=till, name=till, last_seq=0))
        self._seq = {till: int(known.get(till, 0)) for till in CASHIERS}
        self.sales = self.lines = 0
        rows.written[SALE_LINES.name] = self._ledger_for_lines

    def open_stock(self, at: datetime, reason: str) -> None:
        """The opening delivery of every product, written in bulk (the small demo uses move_stock)."""
        for s in self._by_id.values():
            self._ledger(s.item.product_id, s.opening_milli, at, s.item.unit_cost, reason)

    def write(self, first_day: date, last_day: date, now: datetime, lines_per_day: float) -> None:
        base = lines_per_day / BASKET.mean() / (sum(WEEKDAY_FACTOR) / 7)
        days = (last_day - first_day).days + 1
        for s in self._by_id.values():  # the unbooked products sell a few times, one piece at a time
            if not s.restocked:
                for _ in range(self._rng.randint(3, 5)):
                    day = first_day + timedelta(days=self._rng.randrange(max(1, days - 1)))
                    self._ghost_days.setdefault(day, []).append(s)
        for offset in range(days):
            self._day(first_day + timedelta(days=offset), now, base)

    def finish(self) -> None:
        """Write what is buffered, then on-hand and the tills' counters to match."""
        self._rows.flush()
        changes = [{"pid": pid, "delta": delta} for pid, delta in sorted(self._delta.items()) if delta]
        if changes:
            self._rows.execute(ADD_ON_HAND, changes)
        for till, seq in self._seq.items():
            self._session.execute(update(TILLS).where(TILLS.c.code == till).values(last_seq=seq))

    # --- one day -----------------------------------------------------------------------
    def _day(self, day: date, now: datetime, base: float) -> None:
        rng = self._rng
        midnight = self._clock.day_start(day)
        self._deliver(day, midnight + timedelta(hours=7, minutes=30))
        too_old = midnight - timedelta(days=RECENT_DAYS)
        self._recent = {i: sold for i, sold in self._recent.items() if sold[0] >= too_old}
        count = max(1, round(base * WEEKDAY_FACTOR[day.weekday()] * rng.uniform(0.85, 1.15)))
        expected_refunds = max(0.3, count * REFUND_SHARE)
        refunds = int(expected_refunds) + (rng.random() < expected_refunds % 1)
        hours, cum, total = HOURS.values, HOURS.cum, HOURS.total
        moments = [hours[bisect(cum, rng.random() * total)] * 3600 + int(rng.random() * 3600) for _ in range(count)]
        returns = [HOURS.pick(rng) * 3600 + int(rng.random() * 3600) for _ in range(refunds)]
        ghosts: dict[int, list[Stocking]] = {}
        for s in self._ghost_days.get(day, []):
            ghosts.setdefault(rng.randrange(count), []).append(s)
        events = sorted([(seconds, False) for seconds in moments] + [(seconds, True) for seconds in returns])
        sale_index = 0
        for seconds, is_refund in events:
            at = midnight + timedelta(seconds=seconds)
            if at > now:
                break
            if is_refund:
                self._refund(at, day, seconds)
            else:
                self._sale(at, day, seconds, ghosts.get(sale_index, ()))
                sale_index += 1

    def _deliver(self, day: date, at: datetime) -> None:
        for pid in sorted(pid for pid, due in self._due.items() if due <= day):
            del self._due[pid]
            s = self._by_id[pid]
            target = max(2 * s.reorder_point_milli, s.pack_size_milli, 14 * s.daily_milli)
            qty = round_up(max(target - self._on_hand[pid], s.pack_size_milli), s.pack_size_milli)
            self._ledger(pid, qty, at, s.item.unit_cost)
            self._on_hand[pid] += qty

    def _ledger(self, pid: int, qty: int, at: datetime, unit_cost: int, reason: str = "") -> None:
        """Goods received, as ledger.move_stock writes the movement (a sale line's own come from LEDGER_FOR_LINES)."""
        self._rows.add(MOVEMENTS, MOVEMENT, (pid, self._when(at), "receive", qty, unit_cost, reason))
        self._delta[pid] = self._delta.get(pid, 0) + qty

    def _ledger_for_lines(self) -> None:
        if self._ledgered < self._queued:
            self._rows.execute(LEDGER_FOR_LINES, [{"first": self._ledgered + 1, "last": self._queued}])
            self._ledgered = self._queued

    def _took(self, pid: int, qty: int, day: date) -> None:
        """Follow a line's own movement: on-hand, and a delivery ordered when the product runs low."""
        self._delta[pid] = self._delta.get(pid, 0) + qty
        on_hand = self._on_hand[pid] = self._on_hand[pid] + qty
        s = self._by_id[pid]
        if qty < 0 and s.restocked and on_hand <= s.reorder_point_milli and pid not in self._due:
            self._due[pid] = day + timedelta(days=DELIVERY_DAYS)

    def _receipt(self, till: str, seconds: int) -> tuple[int, str, str]:
        """The till's next number, receipt number and the cashier on shift."""
        seq = self._seq[till] = self._seq[till] + 1
        return seq, f"{till}-{seq:06d}", CASHIERS[till][seconds >= SHIFT_CHANGE]

    # --- a sale, as checkout.complete_sale writes it -----------------------------------
    def _basket(self, extra: Iterable[Stocking]) -> list[CartLine]:
        rng, on_hand = self._rng, self._on_hand
        popular, slots = self._popular, len(self._popular)
        size = BASKET_SIZES[int(rng.random() * 100)]
        chosen: dict[int, CartLine] = {}
        for _ in range(size * 3):
            if len(chosen) == size:
                break
            s: Stocking = popular[int(rng.random() * slots)]
            item = s.item
            if item.weighed:
                qty = 100 + int(rng.random() * 900)  # grams off the scale
            else:
                qty = (CHEAP_QTY if item.unit_price < 100_000 else DEAR_QTY)[int(rng.random() * 100)]
            # Nobody buys what is not on the shelf — except the goods that never went through the books.
            if item.product_id not in chosen and (on_hand[item.product_id] >= qty or not s.restocked):
                chosen[item.product_id] = CartLine(item=item, qty_milli=qty)
        for s in extra:
            held = chosen[s.item.product_id].qty_milli if s.item.product_id in chosen else 0
            chosen[s.item.product_id] = CartLine(item=s.item, qty_milli=held + QTY_SCALE)
        return list(chosen.values())

    def _tenders(self, total: int) -> list[Tender]:
        rng, pick = self._rng, self._rng.random()
        if pick < 0.55:
            return [Tender(PaymentMethod.CASH, cash_given(total, rng))]
        if pick < 0.80:
            return [Tender(PaymentMethod.TRANSFER, total)]
        on_card = total // 200_000 * 100_000
        if pick < 0.95 or on_card == 0:
            return [Tender(PaymentMethod.CARD, total)]
        method = PaymentMethod.CARD if rng.random() < 0.5 else PaymentMethod.TRANSFER
        return [Tender(method, on_card), Tender(PaymentMethod.CASH, cash_given(total - on_card, rng))]

    def _sale(self, at: datetime, day: date, seconds: int, extra: Iterable[Stocking]) -> None:
        rng, add = self._rng, self._rows.add
        lines = self._basket(extra)
        if not lines:
            return
        discount_bp, pick = 0, rng.random()
        if pick < 0.06:
            discount_bp = 500 if pick < 0.04 else 1000
        elif pick < 0.07:  # a dented box: 10% off one line, as Cart.set_line_discount_percent gives it
            index = int(rng.random() * len(lines))
            line = lines[index]
            lines[index] = CartLine(line.item, line.qty_milli, div_round_half_up(line.gross * 1000, 10_000))
        # Cart.subtotal, .discount and .total, then the checkout's own pricing and settling.
        subtotal = sum(line.total for line in lines)
        discount = div_round_half_up(subtotal * discount_bp, 10_000)
        total = subtotal - discount
        priced = price_lines(lines, discount, day)
        settlement = settle(total, self._tenders(total))
        till = "Q1" if rng.random() < 0.6 else "Q2"
        seq, receipt_no, cashier = self._receipt(till, seconds)
        sale_id, when = self._next_sale, self._when(at)
        self._next_sale += 1
        add(
            SALES,
            SALE,
            (
                sale_id,
                receipt_no,
                till,
                seq,
                "sale",
                when,
                subtotal,
                discount_bp,
                discount,
                total,
                settlement.change,
                cashier,
            ),
        )
        written = []
        for position, p in enumerate(priced, start=1):
            item = p.line.item
            columns, snapshot = self._snapshots[item.product_id]
            values = (
                self._next_line,
                sale_id,
                position,
                when,
                p.line.qty_milli,
                p.line.gross,
                p.line.discount,
                p.discount_share,
                p.total,
                p.vat_rate,
                *snapshot,
            )
            self._queued = self._next_line
            self._next_line += 1
            add(SALE_LINES, LINE + columns, values)
            written.append((LINE + columns, values))
            self._took(item.product_id, -p.line.qty_milli, day)
        for tender in settlement.tenders:
            add(PAYMENTS, PAYMENT, (self._next_payment, sale_id, tender.method.value, tender.amount, tender.reference))
            self._next_payment += 1
        self._recent[sale_id] = (at, till, {t.method.value for t in settlement.tenders}, written)
        self.sales += 1
        self.lines += len(written)

    # --- a refund, as checkout.refund writes it ----------------------------------------
    def _refund(self, at: datetime, day: date, seconds: int) -> None:
        rng = self._rng
        if not self._recent:
            return
        original_id = rng.choice(list(self._recent))  # every one was rung up before `at`
        sold_at, sold_till, methods, lines = self._recent.pop(original_id)
        if sold_at >= at:
            return
        returned = lines if rng.random() < 0.6 else [rng.choice(lines)]
        till = sold_till if rng.random() < 0.7 else next(t for t in CASHIERS if t != sold_till)
        seq, receipt_no, cashier = self._receipt(till, seconds)
        refund_id, when = self._next_sale, self._when(at)
        self._next_sale += 1
        rows = []
        for position, (columns, values) in enumerate(returned, start=1):
            line = dict(zip(columns, values, strict=True))
            qty = line["qty_milli"]  # the whole line comes back
            gross, line_discount, share = (
                refund_part(line[k], 0, qty, qty) for k in ("gross", "line_discount", "discount_share")
            )
            line.update(
                id=self._next_line,
                sale_id=refund_id,
                position=position,
                at=when,
                qty_milli=-qty,
                gross=-gross,
                line_discount=-line_discount,
                discount_share=-share,
                total=-(gross - line_discount - share),
                refund_of_line_id=line["id"],
            )
            self._next_line += 1
            rows.append(line)
        subtotal = sum(row["gross"] - row["line_discount"] for row in rows)
        discount = sum(row["discount_share"] for row in rows)
        total = subtotal - discount
        method = next(iter(methods)) if len(methods) == 1 else PaymentMethod.CASH.value
        self._rows.add(
            SALES,
            (*SALE, "original_sale_id"),
            (
                refund_id,
                receipt_no,
                till,
                seq,
                "refund",
                when,
                subtotal,
                0,
                discount,
                total,
                0,
                cashier,
                original_id,
            ),
        )
        for row in rows:
            self._queued = row["id"]
            self._rows.add_row(SALE_LINES, row)
            self._took(row["product_id"], -row["qty_milli"], day)
        self._rows.add(PAYMENTS, PAYMENT, (self._next_payment, refund_id, method, total, ""))
        self._next_payment += 1
        self.sales += 1
        self.lines += len(rows)
