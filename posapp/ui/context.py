"""What every back-office view is built with: the shop's services, the dialog service and who is signed in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from posapp.domain.staff import Actor
from posapp.shop import Shop
from posapp.ui.dialogs import Dialogs


@dataclass(frozen=True)
class ViewContext:
    shop: Shop
    dialogs: Dialogs
    actor: Callable[[], Actor]  # the person signed in at this till right now
