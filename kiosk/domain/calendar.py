"""The post's working days (holidays library + clerk closures), closing time, horizon, change window."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.domain.errors import InputError
from kiosk.domain.model import Policy

NOT_A_WORKING_DAY = "NOT_A_WORKING_DAY"
SLOT_CLOSED = "SLOT_CLOSED"
OUTSIDE_HORIZON = "OUTSIDE_HORIZON"

CLOSURE_NAME = "Post closed"
US = "US"  # the post observes US federal holidays wherever it is
_ONE_DAY = timedelta(days=1)


def _elapsed_before(a: datetime, b: datetime) -> bool:
    """a < b in elapsed time: naive values are wall-clock; aware ones are compared in UTC."""
    if a.tzinfo is not None and b.tzinfo is not None:
        # Python compares same-tzinfo aware datetimes by wall clock; go through UTC for elapsed time.
        return a.astimezone(UTC) < b.astimezone(UTC)
    return a < b


def _plus_hours(now: datetime, hours: int) -> datetime:
    if now.tzinfo is None:
        return now + timedelta(hours=hours)
    return (now.astimezone(UTC) + timedelta(hours=hours)).astimezone(now.tzinfo)


@lru_cache(maxsize=64)
def _country_year(code: str, year: int) -> tuple[tuple[date, str], ...]:
    """One country's public holidays in one year; fixed once computed, so shared process-wide."""
    import holidays  # loaded on first use (~0.2 s): the kiosk's Welcome page is painted without it

    return tuple(holidays.country_holidays(code, years=year).items())


@lru_cache(maxsize=16)
def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):  # checked at import; a stray value leaves wall-clock arithmetic
        return None


def _check_country(code: str) -> None:
    import holidays  # loaded on first use, as above

    holidays.country_holidays(code)


class PostCalendar:
    """Working days of one post: Mon–Fri minus US and host-country holidays minus clerk closures."""

    def __init__(self, country: str, closures: Iterable[date] = (),
                 extra_holidays: Mapping[date, str] | None = None, timezone: str | None = None) -> None:
        # The post's zone: the 48-hour closing time is elapsed time, so across a daylight-saving change
        # naive post-local times are placed in it before they are compared (RULES.md, Vocabulary).
        self.zone = _zone(timezone)
        self.country = country.strip().upper() if isinstance(country, str) else ""
        try:
            _check_country(self.country)
        except NotImplementedError:
            raise InputError(f"the holidays library knows no country {country!r}", field="country") from None
        self.closures = frozenset(closures)
        self._extra = dict(extra_holidays or {})
        self._years: dict[int, dict[date, str]] = {}  # filled lazily, one year at a time

    def _holidays_of(self, year: int) -> dict[date, str]:
        names = self._years.get(year)
        if names is None:
            names = {}
            for code in dict.fromkeys((US, self.country)):  # a US post: ask once
                for day, name in _country_year(code, year):
                    names[day] = f"{names[day]}; {name}" if day in names and name not in names[day] else name
            for day, name in self._extra.items():
                if day.year == year:
                    names[day] = name
            self._years[year] = names
        return names

    def holiday_name(self, d: date) -> str | None:
        """Why the post is closed on a weekday: a holiday's name, or the closure; None otherwise."""
        if d in self.closures:
            return CLOSURE_NAME
        return self._holidays_of(d.year).get(d)

    def is_working_day(self, d: date) -> bool:
        # Never Saturday/Sunday, even when the host country moves a working day onto one (China).
        return d.weekday() < 5 and d not in self.closures and d not in self._holidays_of(d.year)

    def working_days_before(self, d: date, n: int) -> date:
        """The n-th working day before d (d itself does not count); n = 0 gives d."""
        if n < 0:
            raise ValueError("n must not be negative")
        while n and d > date.min:  # the calendar's first day has nothing before it
            d -= _ONE_DAY
            n -= self.is_working_day(d)
        return d

    def working_days_after(self, d: date, n: int) -> date:
        """The n-th working day after d (d itself does not count)."""
        while n > 0:
            d += _ONE_DAY
            n -= self.is_working_day(d)
        return d

    def change_deadline(self, appointment_day: date, policy: Policy) -> date:
        """The last day a booking may be changed: the third (policy) working day before it."""
        return self.working_days_before(appointment_day, policy.change_window_working_days)

    def can_change(self, appointment_start: datetime, now: datetime, policy: Policy) -> bool:
        """True until the end of the change deadline day, post time."""
        return now.date() <= self.change_deadline(appointment_start.date(), policy)

    def _placed(self, moment: datetime) -> datetime:
        """A naive post-local time placed in the post's zone (when known), for elapsed-time arithmetic."""
        return moment.replace(tzinfo=self.zone) if self.zone is not None and moment.tzinfo is None else moment

    def slot_refusal(self, slot_start: datetime, now: datetime, policy: Policy) -> str | None:
        """The RULES code that forbids booking this slot at `now`, or None when it may be booked."""
        if not self.is_working_day(slot_start.date()):
            return NOT_A_WORKING_DAY
        if _elapsed_before(self._placed(slot_start), _plus_hours(self._placed(now), policy.closing_hours)):
            return SLOT_CLOSED
        if slot_start.date() > now.date() + timedelta(days=policy.horizon_days):
            return OUTSIDE_HORIZON
        return None

    def bookable_days(self, now: datetime, policy: Policy) -> list[date]:
        """Working days from the first day the closing time leaves open through the horizon."""
        day = _plus_hours(self._placed(now), policy.closing_hours).date()
        last = now.date() + timedelta(days=policy.horizon_days)
        days = []
        while day <= last:
            if self.is_working_day(day):
                days.append(day)
            day += _ONE_DAY
        return days
