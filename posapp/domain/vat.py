"""VAT by tax category with date-effective rates, extracted from VAT-inclusive totals."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from posapp.domain.errors import InvalidInput
from posapp.domain.money import div_round_half_up
from posapp.i18n import _


class TaxCategory(StrEnum):
    STANDARD = "standard"
    ESSENTIAL = "essential"
    EXEMPT = "exempt"
    EXCISE = "excise"


@dataclass(frozen=True)
class RatePeriod:
    category: TaxCategory
    rate: int
    start: date | None = None
    end: date | None = None  # inclusive

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


# Most specific first: a dated period wins over the open-ended default for its category.
RATE_TABLE: tuple[RatePeriod, ...] = (
    # Decree 174/2025/ND-CP: standard-rated goods at 8% from 1 July 2025 to 31 December 2026.
    RatePeriod(TaxCategory.STANDARD, 8, date(2025, 7, 1), date(2026, 12, 31)),
    RatePeriod(TaxCategory.STANDARD, 10),
    RatePeriod(TaxCategory.ESSENTIAL, 5),
    RatePeriod(TaxCategory.EXEMPT, 0),
    # Goods under special consumption tax never had the reduction.
    RatePeriod(TaxCategory.EXCISE, 10),
)


def parse_tax_category(text: str) -> TaxCategory:
    try:
        return TaxCategory(text.strip().lower())
    except ValueError:
        raise InvalidInput(
            _("Unknown tax category “{text}”: use standard, essential, exempt or excise.").format(text=text)
        ) from None


def vat_rate(category: TaxCategory | str, day: date) -> int:
    """The VAT rate in percent for goods of `category` sold on `day` (shop local date)."""
    category = TaxCategory(category)
    for period in RATE_TABLE:
        if period.category == category and period.covers(day):
            return period.rate
    raise LookupError(f"no VAT rate for {category} on {day}")


def vat_rate_label(rate: int) -> str:
    """`8%`, or the exempt label for goods outside VAT (KCT, không chịu thuế)."""
    return _("Exempt") if rate == 0 else f"{rate}%"


def vat_included(gross: int, rate: int) -> int:
    """The VAT inside a VAT-inclusive amount: round_half_up(gross * r / (100 + r))."""
    return div_round_half_up(gross * rate, 100 + rate)


@dataclass(frozen=True)
class VatGroup:
    rate: int
    gross: int
    net: int
    vat: int


def vat_breakdown(amounts: Iterable[tuple[int, int]]) -> list[VatGroup]:
    """Group (rate, VAT-inclusive amount) pairs by rate and extract VAT from each group's total."""
    gross_by_rate: dict[int, int] = {}
    for rate, gross in amounts:
        gross_by_rate[rate] = gross_by_rate.get(rate, 0) + gross
    groups = []
    for rate in sorted(gross_by_rate, reverse=True):
        gross = gross_by_rate[rate]
        vat = vat_included(gross, rate)
        groups.append(VatGroup(rate=rate, gross=gross, net=gross - vat, vat=vat))
    return groups
