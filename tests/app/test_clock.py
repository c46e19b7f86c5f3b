"""Every clock of the kiosk, the console and the CLI reads the post's time zone, never the machine's."""

from __future__ import annotations

import json
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event

from kiosk.app.clock import PostClock, post_now
from kiosk.app.desk import ClerkServices
from kiosk.app.operator import Operator
from kiosk.app.visit import VisitServices
from kiosk.central import pki
from kiosk.central.client import RemoteCentral
from kiosk.cli.main import main
from kiosk.services.casefile import parse_case_file
from kiosk.services.demo import demo_document
from kiosk.services.signing import post_key
from kiosk.store.db import Database, sqlite_url
from kiosk.store.inquiries import PostKey
from kiosk.store.sync_tables import SyncState
from kiosk.sync.central_marks import Mismatch, Why
from kiosk.sync.resync import LAST_RESYNC, full_resync

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


def test_a_post_key_made_without_a_time_is_stamped_on_the_post_s_clock(machine_in_new_york, demo: Database) -> None:
    with demo.transaction() as s:
        post_key(s, "GUZ")
    with demo.session() as s:
        made = s.get(PostKey, "GUZ")
        assert made is not None and _close(made.created_at, _at_post())


def test_a_full_copy_of_central_records_its_time_on_the_post_s_clock(machine_in_new_york, demo: Database,
                                                                       tmp_path) -> None:
    cache = Database(sqlite_url(tmp_path / "cache.db"))
    cache.init_schema()
    try:
        full_resync(demo, cache, Mismatch(Why.REPLACED, "a test's first copy"))
        with cache.session() as s:
            row = s.get(SyncState, LAST_RESYNC)
            assert row is not None
        assert _close(datetime.fromisoformat(json.loads(row.value)["at"]), _at_post())
    finally:
        cache.dispose()


def test_the_central_client_sends_the_post_s_time(machine_in_new_york, tmp_path) -> None:
    pki.init_ca(tmp_path, "GUZ")
    pki.issue_kiosk(tmp_path, tmp_path, "hall-1")
    tls = {"ca": tmp_path / pki.CA_CERT, "cert": tmp_path / "hall-1.pem", "key": tmp_path / "hall-1.key"}
    with RemoteCentral(["https://central.invalid"], timezone="Asia/Shanghai", **tls) as remote:
        sent = remote.clock()
    assert sent.utcoffset() == POST_ZONE.utcoffset(sent.replace(tzinfo=None))
    assert _close(sent.replace(tzinfo=None), _at_post())


@pytest.fixture
def machine_a_day_behind(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The machine at UTC-12: its date is never the date of a post at UTC+14 (26 hours apart), whenever the test runs."""
    monkeypatch.setenv("TZ", "Etc/GMT+12")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_case_file_s_dates_are_judged_on_the_post_s_date(machine_a_day_behind, tmp_path) -> None:
    """kiosk-admin import into an empty database: a child born today at the post is not born "in the future"."""
    zone = "Pacific/Kiritimati"  # UTC+14
    today = datetime.now(ZoneInfo(zone)).date()
    assert date.today() < today  # the machine's date is behind the post's
    doc = demo_document(today)
    doc["post"]["timezone"] = zone
    doc["cases"][0]["applicants"][0]["date_of_birth"] = today.isoformat()
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(doc), "utf-8")
    assert parse_case_file(doc).cases[0].applicants[0].date_of_birth == today
    assert main(["--db", sqlite_url(tmp_path / "empty.db"), "import", str(path)]) == 0


def test_kiosk_admin_demo_is_dated_at_the_demo_post(machine_a_day_behind, tmp_path, capsys) -> None:
    assert main(["--db", sqlite_url(tmp_path / "demo.db"), "demo", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["today"] == datetime.now(POST_ZONE).date().isoformat()
