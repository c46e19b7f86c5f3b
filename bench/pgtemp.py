"""A scratch PostgreSQL database for a benchmark run, created and dropped around it."""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def server_url() -> str:
    base = os.environ.get("KIOSK_TEST_PG_URL")
    if not base:
        sys.exit("set KIOSK_TEST_PG_URL to a PostgreSQL server (its role must be allowed to CREATE DATABASE)")
    return base


@contextmanager
def scratch_database(prefix: str) -> Iterator[str]:
    """Yields the URL of a new, empty database; drops it afterwards, even after an error."""
    base = server_url()
    name = f"{prefix}_{secrets.token_hex(4)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
