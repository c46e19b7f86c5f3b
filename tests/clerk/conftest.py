"""Clerk fixtures: the demo with staff on SQLite and PostgreSQL (services), a copied SQLite demo and offscreen Qt (console)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before pytest-qt creates the QApplication

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from kiosk.services.accounts import HASHER
from kiosk.services.clerk import StaffView, add_staff
from kiosk.services.demo import seed_demo
from kiosk.store.db import Database
from kiosk.store.staff import Staff, StaffRole
from tests.clock import Clock
from tests.sqlite_templates import build_template, copy_of

TODAY = date(2026, 11, 2)  # a Monday; the demo is laid out relative to it
NOW = datetime(2026, 11, 2, 9, 0)
PASSWORD = "counter three by the east window"
CLERK = StaffView("wang", "Wang Li", StaffRole.CLERK)
SUPERVISOR = StaffView("chen", "Chen Yu", StaffRole.SUPERVISOR)


@pytest.fixture(scope="session")
def staff_hash() -> str:
    return HASHER.hash(PASSWORD)  # once: Argon2id takes a noticeable fraction of a second


def _seed_clerk_demo(db: Database, staff_hash: str) -> Database:
    seed_demo(db, TODAY)
    with db.transaction() as s:
        s.add_all(Staff(username=w.username, display_name=w.display_name, role=w.role.value, password_hash=staff_hash,
                        failed_count=0, created_at=NOW) for w in (CLERK, SUPERVISOR))
    return db


@pytest.fixture
def sdb(db: Database, staff_hash: str) -> Database:
    """The demo post, cases and slots plus a clerk and a supervisor, on each engine of the shared `db` fixture."""
    return _seed_clerk_demo(db, staff_hash)


@pytest.fixture
def pg_sdb(pg_db: Database, staff_hash: str) -> Database:
    """The same, on PostgreSQL only."""
    return _seed_clerk_demo(pg_db, staff_hash)


@pytest.fixture(scope="session")
def clerk_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def seed(db: Database) -> None:
        seed_demo(db, TODAY)
        add_staff(db, CLERK.username, PASSWORD, role="clerk", display_name=CLERK.display_name, now=NOW)
        add_staff(db, SUPERVISOR.username, PASSWORD, role="supervisor", display_name=SUPERVISOR.display_name,
                  now=NOW)

    return build_template(tmp_path_factory.mktemp("clerk-demo") / "template.db", seed)


@pytest.fixture
def cdb(clerk_template: Path, tmp_path: Path) -> Iterator[Database]:
    db = copy_of(clerk_template, tmp_path / "clerk.db")
    yield db
    db.dispose()


@pytest.fixture
def console(qtbot, cdb: Database, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A real clerk window on the copied demo database, not yet signed in."""
    from kiosk.app.desk import ClerkServices
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
