"""App-layer fixtures: the demo post on each engine, and a kiosk's cache linked to a PostgreSQL central; no Qt."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest

from kiosk.app.in_process import InProcessCentral
from kiosk.services.accounts import HASHER
from kiosk.services.demo import seed_demo
from kiosk.store.db import Database, sqlite_url
from kiosk.store.staff import Staff
from tests.clerk.conftest import CLERK, PASSWORD, SUPERVISOR
from tests.clock import Clock
from tests.pg_scratch import scratch_db

TODAY = date(2026, 11, 2)  # a Monday; the demo is laid out relative to it
NOW = datetime(2026, 11, 2, 9, 0)
CASE, DOB = "GUZ2019000001", "1988-07-30"  # the demo's bookable case and its principal's date of birth
SLOT = "2026-11-09T08:30"


@pytest.fixture
def demo(db: Database) -> Database:
    """The demo post, cases and slots on each engine (SQLite file, PostgreSQL schema)."""
    seed_demo(db, TODAY)
    return db


@pytest.fixture(scope="session")
def staff_hash() -> str:
    return HASHER.hash(PASSWORD)  # once: Argon2id takes a noticeable fraction of a second


@pytest.fixture
def staffed(demo: Database, staff_hash: str) -> Database:
    """The demo with a clerk (wang) and a supervisor (chen), on each engine."""
    with demo.transaction() as s:
        s.add_all(Staff(username=w.username, display_name=w.display_name, role=w.role.value,
                        password_hash=staff_hash, failed_count=0, created_at=NOW) for w in (CLERK, SUPERVISOR))
    return demo


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def central_db() -> Iterator[Database]:
    """Central: a PostgreSQL database of its own, with the demo."""
    with scratch_db("a linked kiosk's central", "kiosk_app_central") as db:
        seed_demo(db, TODAY)
        yield db


@pytest.fixture
def cache(tmp_path) -> Iterator[Database]:
    db = Database(sqlite_url(tmp_path / "cache.db"))
    db.init_schema()
    yield db
    db.dispose()


@pytest.fixture
def link(central_db: Database, cache: Database) -> InProcessCentral:
    """The kiosk hall-1's link to central, not yet synced (its cache is empty)."""
    return InProcessCentral(central_db, kiosk_id="hall-1")


@pytest.fixture
def down() -> InProcessCentral:
    """A link whose central cannot be opened (no password): every question meets an unreachable central."""
    return InProcessCentral(None, kiosk_id="hall-1", error="central is not configured")
