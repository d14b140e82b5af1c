"""The payments taken so far for one sale, and the cash amounts a customer is likely to hand over."""

from __future__ import annotations

from dataclasses import dataclass, field

from posapp.domain.errors import InvalidInput
from posapp.domain.tender import PaymentMethod, Tender
from posapp.i18n import _

NOTES = (50_000, 100_000, 200_000, 500_000)
"""The Vietnamese notes customers pay with most."""

ROUND_STEPS = (10_000, 50_000, 100_000, 500_000, 1_000_000)
MAX_QUICK = 8


def round_up(amount: int, step: int) -> int:
    return -(-amount // step) * step


def quick_amounts(due: int) -> list[int]:
    """The notes, and the round sums just above what is due (the "Exact" amount has its own button)."""
    if due <= 0:
        return []
    # A step far above the amount (a 1.000.000 note for 35.000) is not how anyone pays.
    above = {round_up(due, step) for step in ROUND_STEPS if step < 2 * due}
    notes = [note for note in NOTES if note != due]
    rounds = sorted(amount for amount in above if amount > due and amount not in NOTES)
    return sorted(set(notes + rounds[: MAX_QUICK - len(notes)]))


@dataclass
class TenderBook:
    """Split tender: several payments towards one total; only cash may go over (it gives change)."""

    total: int
    tenders: list[Tender] = field(default_factory=list)

    @property
    def paid(self) -> int:
        return sum(t.amount for t in self.tenders)

    @property
    def left(self) -> int:
        return max(0, self.total - self.paid)

    @property
    def change(self) -> int:
        return max(0, self.paid - self.total)

    @property
    def fully_paid(self) -> bool:
        return self.total > 0 and self.paid >= self.total

    def add(self, tender: Tender) -> None:
        if tender.amount <= 0:
            raise InvalidInput(_("A payment must be more than zero."))
        if self.fully_paid:
            raise InvalidInput(_("The sale is already paid in full."))
        if tender.method is not PaymentMethod.CASH and tender.amount > self.left:
            raise InvalidInput(_("A card or transfer payment cannot be more than what is left to pay."))
        self.tenders.append(tender)

    def remove(self, index: int) -> Tender:
        if not 0 <= index < len(self.tenders):
            raise InvalidInput(_("There is no such payment in the list."))
        return self.tenders.pop(index)
