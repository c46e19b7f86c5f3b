"""Calendar arithmetic the rules need: ages, anniversaries, "more than a year", case numbers."""

from __future__ import annotations

import re
from datetime import date, timedelta

from kiosk.domain.errors import InputError

_CASE_NUMBER = re.compile(r"[A-Z]{3}[0-9]{10}")


def day_after(d: date) -> date:
    """The next day; the last representable date (9999-12-31) has none and stays itself."""
    return d if d == date.max else d + timedelta(days=1)


def birthday_on_year(dob: date, year: int) -> date:
    """The birthday in `year`; 29 February falls on 1 March in common years (RULES.md).

    Past the calendar's end (year 10000) it is the calendar's last day: never reached.
    """
    if year > date.max.year:
        return date.max
    try:
        return dob.replace(year=year)
    except ValueError:  # 29 February, common year
        return date(year, 3, 1)


def age_on(dob: date, today: date) -> int:
    """Age in whole years on `today`."""
    return today.year - dob.year - (birthday_on_year(dob, today.year) > today)


def years_before(today: date, years: int) -> date:
    """The same calendar date `years` earlier; 29 February counts as 28 February in common years."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return date(today.year - years, 2, 28)


def one_year_before(today: date) -> date:
    """The same calendar date a year earlier (29 February → 28 February)."""
    return years_before(today, 1)


def more_than_years_before(d: date, today: date, years: int) -> bool:
    """"More than N years": strictly before the same calendar date N years earlier."""
    return d < years_before(today, years)


def parse_case_number(text: str) -> str:
    """Normalise a typed or scanned case number ("guz 2019 541234\\n" → "GUZ2019541234")."""
    if not isinstance(text, str):
        raise InputError("a case number is text: three letters and ten digits", field="case_number")
    compact = "".join(text.split())
    # isascii first: str.upper() turns some non-ASCII letters (e.g. "ﬀ") into ASCII ones.
    if compact.isascii() and _CASE_NUMBER.fullmatch(compact.upper()):
        return compact.upper()
    shown = text.strip() or "(empty)"
    shown = repr(shown) if len(shown) <= 40 else f"{shown[:37]!r}…"  # never echo a whole hostile blob
    raise InputError(
        f"{shown} is not a case number: expected three letters and ten digits, e.g. GUZ2019541234",
        field="case_number",
    )
