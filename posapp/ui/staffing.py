"""The staff services a screen uses, built on the shop's session factory with today's settings."""

from __future__ import annotations

from posapp.services.audit import AuditService
from posapp.services.shifts import ShiftService
from posapp.services.staff import StaffService
from posapp.shop import Shop


def staff_service(shop: Shop) -> StaffService:
    return StaffService(shop.sessions, shop.clock, shop.settings.staff)


def shift_service(shop: Shop) -> ShiftService:
    return ShiftService(shop.sessions, shop.clock)


def audit_service(shop: Shop) -> AuditService:
    return AuditService(shop.sessions, shop.clock)
