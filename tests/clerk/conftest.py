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


class Clock:
    """The console's wall clock in tests: fixed."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def console(qtbot, cdb: Database, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A real clerk window on the copied demo database, not yet signed in."""
    from ui.clerk.services import ClerkServices
    from ui.clerk.window import ClerkWindow
    from ui.worker import Runner

    services = ClerkServices(db=cdb, out_dir=tmp_path / "reprints", demo=True, clock=Clock(NOW))
    runner = Runner()
    window = ClerkWindow(services, runner)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    yield window
    runner.wait_for_done()


def settle(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Wait until the worker has delivered every answer (chained calls included)."""
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10_000)


def sign_in(qtbot, window, username: str = "wang") -> None:  # type: ignore[no-untyped-def]
    window.signin.username.setText(username)
    window.signin.password.setText(PASSWORD)
    window.signin.button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.tabs, timeout=10_000)
    settle(qtbot, window)
