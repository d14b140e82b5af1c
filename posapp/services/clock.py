"""The shop's clock: instants in UTC, days counted in the shop's time zone."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from posapp.domain.errors import InvalidInput
from posapp.i18n import _

SHOP_TIMEZONE = "Asia/Ho_Chi_Minh"


@dataclass(frozen=True)
class ShopClock:
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo(SHOP_TIMEZONE))

    def now(self) -> datetime:
        return datetime.now(UTC)

    def resolve(self, at: datetime | None) -> datetime:
        """`at` as an aware UTC instant (now when None; naive means shop local time)."""
        if at is None:
            return self.now()
        if at.tzinfo is None:
            at = at.replace(tzinfo=self.timezone)
        return at.astimezone(UTC)

    def local_day(self, at: datetime) -> date:
        return at.astimezone(self.timezone).date()

    def local(self, at: datetime) -> datetime:
        return at.astimezone(self.timezone)

    def day_start(self, day: date) -> datetime:
        return datetime.combine(day, time.min, tzinfo=self.timezone).astimezone(UTC)

    def parse(self, text: str) -> datetime:
        """`YYYY-MM-DDTHH:MM` (shop local time unless an offset is given) as UTC."""
        try:
            value = datetime.fromisoformat(text.strip())
        except ValueError:
            raise InvalidInput(
                _("“{text}” is not a date and time; write it as YYYY-MM-DDTHH:MM.").format(text=text)
            ) from None
        return self.resolve(value)
