"""Clerk console fixtures: offscreen Qt, a real demo database per test (seeded once, copied), staff accounts."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before pytest-qt creates the QApplication

import shutil
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from kiosk.services.clerk import StaffView, add_staff
from kiosk.services.demo import seed_demo
from kiosk.store.db import Database, sqlite_url
from kiosk.store.staff import StaffRole

TODAY = date(2026, 11, 2)  # a Monday; the demo is laid out relative to it
NOW = datetime(2026, 11, 2, 9, 0)
PASSWORD = "counter three by the east window"
CLERK = StaffView("wang", "Wang Li", StaffRole.CLERK)
SUPERVISOR = StaffView("chen", "Chen Yu", StaffRole.SUPERVISOR)


@pytest.fixture(scope="session")
def clerk_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("clerk-demo") / "template.db"
    db = Database(sqlite_url(path))
    db.init_schema()
    seed_demo(db, TODAY)
    add_staff(db, CLERK.username, PASSWORD, role="clerk", display_name=CLERK.display_name, now=NOW)
    add_staff(db, SUPERVISOR.username, PASSWORD, role="supervisor", display_name=SUPERVISOR.display_name, now=NOW)
    with db.engine.connect() as conn:  # fold the WAL into the file so a plain copy is complete
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture
def cdb(clerk_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "clerk.db"
    shutil.copyfile(clerk_template, path)
    db = Database(sqlite_url(path))
    yield db
    db.dispose()
