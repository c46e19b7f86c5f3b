"""Every clock of the kiosk, the console and the CLI reads the post's time zone, never the machine's."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event

from kiosk.app.clock import PostClock, post_now
from kiosk.app.desk import ClerkServices
from kiosk.app.operator import Operator
from kiosk.app.visit import VisitServices
from kiosk.store.db import Database

POST_ZONE = ZoneInfo("Asia/Shanghai")  # the demo post's


@pytest.fixture
def machine_in_new_york(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The machine's own zone is 12 or 13 hours off the post's (a kiosk whose unit sets no TZ, shipped from afar)."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _at_post() -> datetime:
    return datetime.now(POST_ZONE).replace(tzinfo=None)


def _close(a: datetime, b: datetime) -> bool:
    return abs(a - b) < timedelta(minutes=2)


def test_every_clock_reads_the_post_s_zone(machine_in_new_york, demo: Database, tmp_path) -> None:
    assert not _close(datetime.now(), _at_post())  # the machine's clock is not the post's
    visit = VisitServices(db=None, demo=True)  # as the kiosk starts: the database opens later, on the worker
    visit.learn_clock(demo)
    desk = ClerkServices(db=demo, out_dir=tmp_path, clock=PostClock().learn(demo))
    for now in (visit.now(), desk.now(), Operator(demo).now(), post_now(demo)):
        assert _close(now, _at_post()) and now.second == 0


def test_the_console_s_clock_never_queries_the_database(demo: Database, tmp_path) -> None:
    """The console reads `now()` on the GUI thread: it must not wait on the database."""
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_rest) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    desk = ClerkServices(db=demo, out_dir=tmp_path, clock=PostClock().learn(demo))
    event.listen(demo.engine, "before_cursor_execute", seen)
    try:
        assert all(_close(desk.now(), _at_post()) for _ in range(3))
    finally:
        event.remove(demo.engine, "before_cursor_execute", seen)
    assert statements == []
