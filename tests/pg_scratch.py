"""Scratch PostgreSQL databases: created under a random name (optionally as a copy of a template), dropped after.

The one place a test asks for the PostgreSQL server (KIOSK_TEST_PG_URL) and skips, saying what to set, without it.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from kiosk.store.db import Database

PG_URL_VAR = "KIOSK_TEST_PG_URL"
PG_URL_EXAMPLE = "postgresql+psycopg://kiosk:kiosk@127.0.0.1:5432/kiosk_test"


def pg_url() -> str | None:
    """The test server's URL (a superuser's), or None when KIOSK_TEST_PG_URL is unset."""
    return os.environ.get(PG_URL_VAR) or None


def pg_server_url(needs: str) -> str:
    """The test server's URL; without one the test is skipped, naming what `needs` it and the variable to set."""
    url = pg_url()
    if url is None:
        pytest.skip(f"{needs} needs a PostgreSQL server: set {PG_URL_VAR} to a superuser's URL (e.g. {PG_URL_EXAMPLE})")
    return url


@contextmanager
def scratch_database(server_url: str, prefix: str, *, template: str | None = None) -> Iterator[URL]:
    """A database of its own on the server of `server_url` (a superuser URL); yields its URL.

    A database rather than a schema, because other suites reset kiosk_test's schema while
    these run; dropped WITH (FORCE), so a connection still open cannot keep it.
    """
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")  # CREATE DATABASE refuses a transaction
    name = f"{prefix}_{secrets.token_hex(4)}"
    copy = f' TEMPLATE "{template}"' if template else ""
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))
        try:
            yield make_url(server_url).set(database=name)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@contextmanager
def scratch_db(needs: str, prefix: str, *, template: str | None = None, migrated: bool = True) -> Iterator[Database]:
    """A scratch database opened as the kiosk opens one: migrated to the newest schema (unless `migrated` is
    False or it copies `template`), disposed of and dropped after; skipped, saying why, without a server."""
    with scratch_database(pg_server_url(needs), prefix, template=template) as url:
        db = Database(url.render_as_string(hide_password=False))
        try:
            if migrated and template is None:
                db.init_schema()
            yield db
        finally:
            db.dispose()
