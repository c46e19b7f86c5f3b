"""CSPA age: a derivative child's age on the day a visa became available, less the time the petition was pending."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kiosk.domain.categories import IMMEDIATE_RELATIVE, NOT_HANDLED, category_of
from kiosk.domain.cutoffs import ALL_CHARGEABILITY, is_current
from kiosk.domain.dates import birthday_on_year
from kiosk.domain.errors import InputError
from kiosk.domain.model import Cutoff

AGE_LIMIT = 21


class CspaStatus(StrEnum):
    AVAILABLE = "available"  # a visa became available: the CSPA age is known
    IMMEDIATE_RELATIVE = "immediate_relative"  # age frozen on the petition's filing date
    NOT_YET_AVAILABLE = "not_yet_available"  # never current in the recorded bulletin months


@dataclass(frozen=True)
class CspaAge:
    status: CspaStatus
    category: str
    visa_available: date | None = None  # the later of approval and the first day of the current month
    current_month: str | None = None  # "YYYY-MM": the first bulletin month the priority date was current
    pending_days: int = 0  # petition filing to approval, subtracted from the age
    age_date: date | None = None  # the date the CSPA age is measured on (available date less pending time)
    years: int | None = None
    days: int | None = None  # days past the last birthday
    deadline: date | None = None  # "sought to acquire": one year after the visa became available

    @property
    def under_21(self) -> bool | None:
        return None if self.years is None else self.years < AGE_LIMIT


def years_after(day: date, years: int) -> date:
    """The same calendar date `years` later; 29 February → 28 February (never past the true anniversary)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 2, 28)


def age_in_years_and_days(dob: date, on: date) -> tuple[int, int]:
    """Whole years on `on` and the days since the last birthday (29 February turns a year older on 1 March)."""
    if on < dob:
        raise InputError(f"{on} is before the date of birth {dob}", field="date_of_birth")
    years = on.year - dob.year
    if birthday_on_year(dob, on.year) > on:
        years -= 1
    return years, (on - birthday_on_year(dob, dob.year + years)).days


def first_current_month(cutoffs: Sequence[Cutoff], category: str, chargeability: str,
                        priority_date: date) -> str | None:
    """The first recorded month whose Final Action Date (own chargeability row, else ALL) makes the PD current."""
    rows: dict[str, dict[str, Cutoff]] = {}
    for c in cutoffs:
        if c.category.strip().upper() == category:
            rows.setdefault(c.month, {})[c.chargeability.strip().upper()] = c
    want = (chargeability or ALL_CHARGEABILITY).strip().upper()
    for month in sorted(rows):
        row = rows[month].get(want) or rows[month].get(ALL_CHARGEABILITY)
        if row is not None and is_current(priority_date, row.final_action):
            return month
    return None


def cspa_age(*, date_of_birth: date | None, visa_class: str, chargeability: str, priority_date: date | None,
             petition_filed: date | None, petition_approved: date | None,
             cutoffs: Sequence[Cutoff]) -> CspaAge:
    """The child's CSPA age (INA 203(h)): for immediate relatives, the age on the filing date."""
    if date_of_birth is None:
        raise InputError("the child has no date of birth on file", field="date_of_birth")
    if petition_filed is None:
        raise InputError("the petition's filing date is not on file", field="petition.filed")
    category = category_of(visa_class)
    if category == NOT_HANDLED:
        raise InputError(f"visa class {visa_class} is not handled by this service", field="visa_class")
    if category == IMMEDIATE_RELATIVE:
        years, days = age_in_years_and_days(date_of_birth, petition_filed)
        return CspaAge(CspaStatus.IMMEDIATE_RELATIVE, category, age_date=petition_filed, years=years, days=days)
    if petition_approved is None:
        raise InputError("the petition's approval date is not on file", field="petition.approved")
    if priority_date is None:
        raise InputError("the case has no priority date", field="priority_date")
    if petition_approved < petition_filed:
        raise InputError(f"approved {petition_approved} before it was filed {petition_filed}",
                         field="petition.approved")
    pending = (petition_approved - petition_filed).days
    month = first_current_month(cutoffs, category, chargeability, priority_date)
    if month is None:
        return CspaAge(CspaStatus.NOT_YET_AVAILABLE, category, pending_days=pending)
    year, mon = map(int, month.split("-"))
    available = max(petition_approved, date(year, mon, 1))
    # Subtracting the pending days from the available date is the same as subtracting them from the age.
    measured = date.fromordinal(max(available.toordinal() - pending, date_of_birth.toordinal()))
    years, days = age_in_years_and_days(date_of_birth, measured)
    return CspaAge(CspaStatus.AVAILABLE, category, visa_available=available, current_month=month,
                   pending_days=pending, age_date=measured, years=years, days=days,
                   deadline=years_after(available, 1))
