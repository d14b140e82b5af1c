"""Cash in the drawer: the Vietnamese notes a till counts and the total of a count."""

from __future__ import annotations

from collections.abc import Mapping

from posapp.domain.errors import InvalidInput
from posapp.domain.money import format_vnd
from posapp.i18n import _

# Notes in circulation; coins are no longer used in shops.
DENOMINATIONS = (500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000)
MAX_NOTES = 100_000  # per denomination: a typo, not a drawer


def counted_total(counts: Mapping[int, int]) -> int:
    """The cash counted, from how many of each note are in the drawer."""
    total = 0
    for note, count in counts.items():
        if note not in DENOMINATIONS:
            raise InvalidInput(_("There is no {note} note.").format(note=format_vnd(note)))
        if not 0 <= count <= MAX_NOTES:
            raise InvalidInput(
                _("The count of {note} notes must be between 0 and {most}.").format(
                    note=format_vnd(note), most=MAX_NOTES
                )
            )
        total += note * count
    return total
