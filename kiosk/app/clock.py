"""The post's wall clock: the time at the post, whatever time zone the machine is set to."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from kiosk.domain.appointment import wall_clock

if TYPE_CHECKING:  # the kiosk builds its clock before SQLAlchemy is loaded (Welcome paints first)
    from kiosk.store.db import Database


def post_timezone(db: Database) -> str | None:
    """The post's IANA zone as its database records it; None before the post is known (an empty cache)."""
    from kiosk.store.post_zone import post_zone  # SQLAlchemy loads after Welcome has painted (see above)

    with db.session() as s:
        return post_zone(s)


class PostClock:
    """Now at the post, to the minute (or the second): naive wall-clock time in the post's zone.

    Reading it never touches a database (the GUI thread reads it): the zone is learnt with
    `learn` on a worker, once the database is open, and again after a sync has brought the post.
    Until then (an empty cache before its first sync, a database before its first import) it
    is the machine's own wall clock, as nothing better is known.
    """

    def __init__(self, timezone: str | None = None, *, seconds: bool = False) -> None:
        self.timezone = timezone
        self._seconds = seconds

    def learn(self, db: Database) -> PostClock:
        """Read the post's zone from `db` (a zone no validation wrote raises: the time is never guessed)."""
        zone = post_timezone(db)
        if zone is not None:
            ZoneInfo(zone)
            self.timezone = zone
        return self

    def __call__(self) -> datetime:
        return wall_clock(self.timezone, seconds=self._seconds)


def post_now(db: Database, *, seconds: bool = False) -> datetime:
    """Now at the post whose database `db` is (one read; for a command that runs once)."""
    return PostClock(seconds=seconds).learn(db)()
