"""Shared fixtures: a fresh database per test, on a SQLite file and on PostgreSQL (KIOSK_TEST_PG_URL)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from kiosk.store.db import Database, sqlite_url

PG_URL_VAR = "KIOSK_TEST_PG_URL"


def pg_url() -> str | None:
    return os.environ.get(PG_URL_VAR) or None


def reset_pg_schema(url: str) -> None:
    """An empty public schema: every table, trigger and function of the previous test gone."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


def _open(kind: str, tmp_path) -> Database:
    if kind == "sqlite":
        return Database(sqlite_url(tmp_path / "kiosk.db"))
    url = pg_url()
    if url is None:
        pytest.skip(f"PostgreSQL tests need {PG_URL_VAR} (e.g. postgresql+psycopg://kiosk:kiosk@127.0.0.1:5432/kiosk_test)")
    reset_pg_schema(url)
    return Database(url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_db(request, tmp_path) -> Iterator[Database]:
    """A database with no schema at all, on each engine."""
    db = _open(request.param, tmp_path)
    yield db
    db.dispose()


@pytest.fixture
def db(empty_db: Database) -> Database:
    """A migrated, empty database, on a fresh SQLite file and on a freshly reset PostgreSQL schema."""
    empty_db.init_schema()
    return empty_db
