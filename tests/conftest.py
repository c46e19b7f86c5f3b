"""Shared fixtures: a fresh database per test, on a SQLite file and on PostgreSQL (KIOSK_TEST_PG_URL)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from kiosk.store.db import Database, sqlite_url
from tests.pg_emptied import EmptiedSchema
from tests.pg_scratch import PG_URL_VAR as PG_URL_VAR  # re-exported: modules import them from here too
from tests.pg_scratch import pg_server_url
from tests.pg_scratch import pg_url as pg_url
from tests.sqlite_templates import build_template, copy_of

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


def _scoped(url: str, schema: str) -> str:
    """`url` with connections working in `schema`."""
    return make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


def reset_pg_schema(url: str, schema: str = PG_SCHEMA) -> str:
    """A freshly dropped and recreated empty schema; returns a URL whose connections work in it."""
    _execute(url, f'DROP SCHEMA IF EXISTS "{schema}" CASCADE', f'CREATE SCHEMA "{schema}"')
    if schema == PG_SCHEMA:
        _PG_MIGRATED.forget()
    return _scoped(url, schema)


_PG_MIGRATED = EmptiedSchema(PG_SCHEMA)
_PG_NEEDS = "this test's PostgreSQL case"


def _open(kind: str, tmp_path) -> Database:
    if kind == "sqlite":
        return Database(sqlite_url(tmp_path / "kiosk.db"))
    return Database(reset_pg_schema(pg_server_url(_PG_NEEDS)))


def _open_migrated(kind: str, tmp_path, sqlite_template) -> Database:  # type: ignore[no-untyped-def]
    if kind == "sqlite":
        return copy_of(sqlite_template(), tmp_path / "kiosk.db")
    url = pg_server_url(_PG_NEEDS)
    return _PG_MIGRATED.open(_scoped(url, PG_SCHEMA), lambda: reset_pg_schema(url))


def _close(db: Database) -> None:
    db.dispose()
    url = pg_url()
    if not db.is_sqlite and url is not None:
        _execute(url, f'DROP SCHEMA IF EXISTS "{PG_SCHEMA}" CASCADE')
        _PG_MIGRATED.forget()


@pytest.fixture(scope="session", autouse=True)
def _drop_pg_schema_at_the_end() -> Iterator[None]:
    """The migrated schema outlives each test (emptied, not dropped, between them): dropped once, at the end."""
    yield
    url = pg_url()
    if url is not None:
        _execute(url, f'DROP SCHEMA IF EXISTS "{PG_SCHEMA}" CASCADE')


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A migrated, empty SQLite file, made on first use; each test's `db` is a copy of it."""
    made: list[Path] = []

    def template() -> Path:
        if not made:
            made.append(build_template(tmp_path_factory.mktemp("migrated") / "empty.db", lambda _db: None))
        return made[0]

    return template


ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=ENGINES)
def empty_db(request, tmp_path) -> Iterator[Database]:
    """A database with no schema at all, on each engine (PostgreSQL: an empty schema of this run)."""
    db = _open(request.param, tmp_path)
    yield db
    _close(db)


@pytest.fixture(params=ENGINES)
def db(request, tmp_path, sqlite_template) -> Iterator[Database]:  # type: ignore[no-untyped-def]
    """A migrated, empty database: a copy of a migrated SQLite file, and this run's PostgreSQL schema, migrated
    once and emptied to what the migrations left (tests/pg_emptied.py)."""
    db = _open_migrated(request.param, tmp_path, sqlite_template)
    yield db
    db.dispose()


@pytest.fixture
def pg_db(tmp_path, sqlite_template) -> Iterator[Database]:  # type: ignore[no-untyped-def]
    """A migrated, empty PostgreSQL database only (for races that need real row locks)."""
    db = _open_migrated("postgresql", tmp_path, sqlite_template)
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def service_hub(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The session's real central service (tests.central.hub), started on first use, stopped at the end."""
    from tests.central.hub import running_hub

    with running_hub(pg_server_url("the central service"), tmp_path_factory.mktemp("hub")) as hub:
        yield hub


# The longest files first: with two workers (each file on one, pyproject.toml's addopts) they run beside the
# rest instead of alone at the end (the layout test, ~75 s, was collected among the last).
LONGEST_FIRST = ("tests/ui/test_layout.py", "tests/escrow/test_offline_random.py", "tests/security/test_stolen_disk.py",
                 "tests/sync/test_resilience.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        path = item.nodeid.split("::")[0]
        return LONGEST_FIRST.index(path) if path in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: every other test keeps its order
