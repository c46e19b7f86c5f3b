"""The facts of one appointment at one moment: when, the last day to change it, whether it still can be.

Every screen, the printed confirmation and the clerk console read these same facts, so they can
never disagree. Times are the post's wall clock (naive); `post_now` gives it whatever the
machine's own clock is set to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from kiosk.domain.calendar import PostCalendar
from kiosk.domain.model import Policy


@dataclass(frozen=True)
class AppointmentFacts:
    start: datetime  # naive, the post's wall clock
    deadline: date  # the last day it may be changed or cancelled (three working days before)
    can_change: bool  # at the moment these facts were taken: today is on or before `deadline`

    @property
    def final(self) -> bool:
        return not self.can_change


def appointment_facts(start: datetime, now: datetime, calendar: PostCalendar, policy: Policy) -> AppointmentFacts:
    """The facts of an appointment at `start`, seen at `now` (both post-local)."""
    return facts_at(start, calendar.change_deadline(start.date(), policy), now)


def facts_at(start: datetime, deadline: date, now: datetime) -> AppointmentFacts:
    """The facts from a deadline already worked out (a slot or booking carries it), seen at `now`."""
    return AppointmentFacts(start, deadline, now.date() <= deadline)


def post_now(timezone: str, utc_now: datetime | None = None) -> datetime:
    """The post's wall-clock time to the minute (naive), from the real UTC time, not the machine's zone."""
    moment = utc_now if utc_now is not None else datetime.now(UTC)
    if moment.tzinfo is None:  # a naive argument is UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ZoneInfo(timezone)).replace(tzinfo=None, second=0, microsecond=0)


def wall_clock(timezone: str | None, *, seconds: bool = False) -> datetime:
    """Now to the minute (or the second) at the post in `timezone`; None (no post known yet: an empty
    database or cache) leaves only the machine's own wall clock, the one place it is read."""
    if timezone:
        now = datetime.now(UTC).astimezone(ZoneInfo(timezone)).replace(tzinfo=None, microsecond=0)
    else:
        now = datetime.now().replace(microsecond=0)
    return now if seconds else now.replace(second=0)


def to_post_time(moment: datetime, timezone: str) -> datetime:
    """An aware moment on the post's wall clock (naive); a naive one is already post-local."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(ZoneInfo(timezone)).replace(tzinfo=None)
