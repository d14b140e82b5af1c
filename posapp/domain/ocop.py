"""OCOP programme facts: product groups (Decision 148/2023/QĐ-TTg) and star ratings."""

from __future__ import annotations

from enum import StrEnum

from posapp.domain.errors import InvalidInput
from posapp.i18n import _


class OcopGroup(StrEnum):
    FOOD = "food"
    BEVERAGE = "beverage"
    HERBAL = "herbal"
    HANDICRAFT = "handicraft"
    ORNAMENTAL = "ornamental"
    TOURISM = "tourism"


class SupplyKind(StrEnum):
    PURCHASE = "purchase"
    CONSIGNMENT = "consignment"


STAR_RANGE = range(3, 6)


def group_label(group: OcopGroup) -> str:
    labels = {
        OcopGroup.FOOD: _("Food"),
        OcopGroup.BEVERAGE: _("Beverage"),
        OcopGroup.HERBAL: _("Herbal"),
        OcopGroup.HANDICRAFT: _("Handicraft"),
        OcopGroup.ORNAMENTAL: _("Flowers and ornamental plants"),
        OcopGroup.TOURISM: _("Rural tourism and services"),
    }
    return labels[group]


def parse_group(text: str) -> OcopGroup:
    try:
        return OcopGroup(text.strip().lower())
    except ValueError:
        raise InvalidInput(
            _(
                "Unknown OCOP group “{text}”: use food, beverage, herbal, handicraft, ornamental or tourism."
            ).format(text=text)
        ) from None


def parse_supply(text: str) -> SupplyKind:
    try:
        return SupplyKind(text.strip().lower())
    except ValueError:
        raise InvalidInput(
            _("Unknown supply kind “{text}”: use purchase or consignment.").format(text=text)
        ) from None


def check_stars(stars: int) -> int:
    if stars not in STAR_RANGE:
        raise InvalidInput(_("OCOP stars must be 3, 4 or 5."))
    return stars


def stars_text(stars: int | None) -> str:
    return "★" * stars if stars else ""
