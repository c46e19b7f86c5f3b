"""Scratch PostgreSQL databases: created under a random name (optionally as a copy of a template), dropped after."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url


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
