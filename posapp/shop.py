"""Composition of the Qt-free core: settings -> engine -> session factory -> services."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from posapp.db.engine import SessionFactory, default_url, make_engine, make_session_factory
from posapp.db.migrate import upgrade
from posapp.services.catalog import CatalogService
from posapp.services.checkout import CheckoutService
from posapp.services.clock import ShopClock
from posapp.services.inventory import InventoryService
from posapp.services.parking import ParkingService
from posapp.settings import Settings


@dataclass
class Shop:
    settings: Settings
    engine: Engine
    sessions: SessionFactory
    clock: ShopClock
    catalog: CatalogService
    checkout: CheckoutService
    inventory: InventoryService
    parking: ParkingService

    def apply_settings(self, settings: Settings) -> None:
        """Saved settings, in force at once for what the services check (the staff rules at checkout).

        The database, the till's devices and the language stay as the shop was opened, until a restart.
        """
        self.settings = settings
        self.checkout = CheckoutService(self.sessions, self.clock, settings.staff)

    def close(self) -> None:
        self.engine.dispose()


def open_shop(settings: Settings, migrate: bool = True) -> Shop:
    """Connect to the shop's database (bringing its schema up to date) and build the services."""
    engine = make_engine(settings.database_url or default_url())
    if migrate:
        upgrade(engine)
    sessions = make_session_factory(engine)
    clock = ShopClock(ZoneInfo(settings.timezone))
    return Shop(
        settings=settings,
        engine=engine,
        sessions=sessions,
        clock=clock,
        catalog=CatalogService(sessions),
        checkout=CheckoutService(sessions, clock, settings.staff),
        inventory=InventoryService(sessions, clock),
        parking=ParkingService(sessions, clock),
    )
