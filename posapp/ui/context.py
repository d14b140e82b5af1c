"""What every back-office view is built with: the shop's services, the dialog service and who is signed in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from posapp.domain.staff import Actor
from posapp.settings import Settings
from posapp.shop import Shop
from posapp.ui.dialogs import Dialogs


def nobody_listens(_settings: Settings) -> None:
    """A view built on its own (a test, a dialog): no till to tell about saved settings."""


@dataclass(frozen=True)
class ViewContext:
    shop: Shop
    dialogs: Dialogs
    actor: Callable[[], Actor]  # the person signed in at this till right now
    # Told after saved settings are in force in `shop`, so the till (its header, its receipts) follows at once.
    settings_saved: Callable[[Settings], None] = nobody_listens
