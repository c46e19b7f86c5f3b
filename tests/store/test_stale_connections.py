"""A pooled server connection that went stale while idle is replaced, not handed to the caller."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from kiosk.store import db as db_module
from tests.conftest import pg_url

pytestmark = pytest.mark.postgres


def _backend_pid(db) -> int:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return s.execute(text("SELECT pg_backend_pid()")).scalar_one()


def _terminate(pid: int) -> None:
    admin = create_engine(pg_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        assert conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar() is True
    admin.dispose()


def test_an_idle_connection_killed_on_the_server_is_replaced_on_checkout(pg_db, monkeypatch) -> None:
    monkeypatch.setattr(db_module, "IDLE_PING_SECONDS", 0.0)  # every pooled connection counts as idle
    first = _backend_pid(pg_db)
    _terminate(first)  # what a central restart does to every pooled connection
    with pg_db.transaction() as s:
        assert s.execute(text("SELECT 1")).scalar() == 1  # no error reaches the caller
    assert _backend_pid(pg_db) != first


def test_a_connection_in_steady_use_is_not_pinged(pg_db, monkeypatch) -> None:
    monkeypatch.setattr(db_module, "IDLE_PING_SECONDS", 3600.0)
    pings = []
    original = pg_db.engine.dialect.do_ping
    monkeypatch.setattr(pg_db.engine.dialect, "do_ping", lambda conn: pings.append(1) or original(conn))
    for _ in range(5):
        _backend_pid(pg_db)
    assert pings == []
    monkeypatch.setattr(db_module, "IDLE_PING_SECONDS", 0.0)
    _backend_pid(pg_db)
    assert pings == [1]
