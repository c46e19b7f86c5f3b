"""A seeded SQLite file built once per session and copied per test (far cheaper than seeding each test)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from kiosk.store.db import Database, sqlite_url


def build_template(path: Path, seed: Callable[[Database], None]) -> Path:
    """Migrate and seed a database at `path`, folded into one file so a plain copy is complete."""
    db = Database(sqlite_url(path))
    db.init_schema()
    seed(db)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


def copy_of(template: Path, path: Path) -> Database:
    """A private, writable copy of a template; the caller disposes of it."""
    shutil.copyfile(template, path)
    return Database(sqlite_url(path))
