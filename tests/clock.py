"""The wall clock handed to the kiosk's and the console's services in tests and screenshot scripts: fixed, moved on by hand."""

from __future__ import annotations

from datetime import datetime


class Clock:
    """Answers `now` when called; a test moves time on by setting `clock.now`."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now
