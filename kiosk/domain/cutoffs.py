"""Visa Bulletin cut-offs: which Final Action Date is in force, and whether a case is current."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from kiosk.domain.errors import InputError
from kiosk.domain.model import Cutoff, FinalAction

CURRENT = "C"
UNAVAILABLE = "U"
ALL_CHARGEABILITY = "ALL"  # "All chargeability areas except those listed"

_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_BULLETIN_DATE = re.compile(r"([0-9]{2})([A-Z]{3})([0-9]{2})")


def month_of(today: date) -> str:
    """The "YYYY-MM" key of the bulletin month containing `today`."""
    return f"{today.year:04d}-{today.month:02d}"


def _key(text: str) -> str:
    return text.strip().upper()


def cutoff_in_force(cutoffs: Sequence[Cutoff], category: str, chargeability: str, today: date) -> Cutoff | None:
    """The row for today's month, the category and the chargeability, else its ALL row, else None."""
    month, category = month_of(today), _key(category)
    rows = {_key(c.chargeability): c for c in cutoffs if c.month == month and _key(c.category) == category}
    return rows.get(_key(chargeability or ALL_CHARGEABILITY)) or rows.get(ALL_CHARGEABILITY)


def is_current(priority_date: date, final_action: FinalAction) -> bool:
    """"C" is current, "U" is not; a date is current iff the priority date is strictly earlier."""
    if isinstance(final_action, date):
        return priority_date < final_action
    value = _key(final_action)
    if value == CURRENT:
        return True
    if value == UNAVAILABLE:
        return False
    raise InputError(f"{final_action!r} is not a final action value (a date, C or U)", field="final_action")


def parse_final_action(text: str | date) -> FinalAction:
    """Read "C", "U", an ISO date or a Visa Bulletin date such as "22NOV15"."""
    if isinstance(text, date):
        return text
    value = _key(text) if isinstance(text, str) else ""
    if value in (CURRENT, UNAVAILABLE):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    match = _BULLETIN_DATE.fullmatch(value)
    if match and match[2] in _MONTHS:
        day, month, yy = int(match[1]), _MONTHS.index(match[2]) + 1, int(match[3])
        year = 2000 + yy if yy < 69 else 1900 + yy  # the POSIX %y pivot; bulletins reach back to the 1990s
        try:
            return date(year, month, day)
        except ValueError:
            pass
    raise InputError(
        f"{text!r} is not a final action value: expected C, U, a date YYYY-MM-DD or a bulletin date like 22NOV15",
        field="final_action",
    )
