"""Shared fixtures: a fresh database per test, on a SQLite file and on PostgreSQL (KIOSK_TEST_PG_URL)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, make_url, text

from kiosk.store.db import Database, sqlite_url
from tests.pg_scratch import PG_URL_VAR as PG_URL_VAR  # re-exported: modules import them from here too
from tests.pg_scratch import pg_server_url
from tests.pg_scratch import pg_url as pg_url

# Qt tests run without a display anywhere: `uv run pytest` needs no X server.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Sealed case records (kiosk.sealed_cases) with a cheap Argon2 (64 KiB, one pass): every record carries its
# parameters, so kiosks open them the same way; the real cost is measured in bench/bench_sealed_cases.py.
os.environ.setdefault("KIOSK_SEAL_ARGON2", "64,1,1")
# kiosk-admin and the kiosk log to a folder of this test process (each worker its own), not the user's log folder,
# which other test runs on the machine rotate at the same time; removed at exit.
_LOGS = tempfile.mkdtemp(prefix="kiosk-test-logs-")
atexit.register(shutil.rmtree, _LOGS, True)
os.environ["KIOSK_LOG_DIR"] = _LOGS

# Each pytest process works in a schema of its own, so two test runs against one server
# (several engineers, CI jobs) never drop each other's tables.
PG_SCHEMA = f"kiosk_test_{os.getpid()}"


def _execute(url: str, *statements: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        engine.dispose()


def reset_pg_schema(url: str, schema: str = PG_SCHEMA) -> str:
    """A freshly dropped and recreated empty schema; returns a URL whose connections work in it."""
    _execute(url, f'DROP SCHEMA IF EXISTS "{schema}" CASCADE', f'CREATE SCHEMA "{schema}"')
    scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    return scoped.render_as_string(hide_password=False)


def _open(kind: str, tmp_path) -> Database:
    if kind == "sqlite":
        return Database(sqlite_url(tmp_path / "kiosk.db"))
    return Database(reset_pg_schema(pg_server_url("this test's PostgreSQL case")))


def _close(db: Database) -> None:
    db.dispose()
    url = pg_url()
    if not db.is_sqlite and url is not None:
        _execute(url, f'DROP SCHEMA IF EXISTS "{PG_SCHEMA}" CASCADE')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_db(request, tmp_path) -> Iterator[Database]:
    """A database with no schema at all, on each engine (PostgreSQL: an empty schema of this run)."""
    db = _open(request.param, tmp_path)
    yield db
    _close(db)


@pytest.fixture
def db(empty_db: Database) -> Database:
    """A migrated, empty database, on a fresh SQLite file and on a freshly reset PostgreSQL schema."""
    empty_db.init_schema()
    return empty_db


@pytest.fixture
def pg_db(tmp_path) -> Iterator[Database]:
    """A migrated, empty PostgreSQL database only (for races that need real row locks)."""
    db = _open("postgresql", tmp_path)
    db.init_schema()
    yield db
    _close(db)


@pytest.fixture(scope="session")
def service_hub(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The session's real central service (tests.central.hub), started on first use, stopped at the end."""
    from tests.central.hub import running_hub

    with running_hub(pg_server_url("the central service"), tmp_path_factory.mktemp("hub")) as hub:
        yield hub
