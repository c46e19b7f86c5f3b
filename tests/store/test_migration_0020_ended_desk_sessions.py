"""Migration 0020: `ended_desk_sessions` matches its model on SQLite and PostgreSQL, and is central's only."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from kiosk.store import schema  # noqa: F401  (every table on Base.metadata)
from kiosk.store.base import Base
from kiosk.store.sync_tables import SYNCED_TABLES


def test_the_ended_desk_sessions_table_matches_its_model(db) -> None:
    def ours(_obj, name, type_, _reflected, _compare_to) -> bool:  # other tables are their migrations' to check
        table = name if type_ == "table" else getattr(getattr(_obj, "table", None), "name", None)
        return type_ not in ("table", "index") or table == "ended_desk_sessions"

    with db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn, opts={"include_object": ours}), Base.metadata) == []


def test_ended_sessions_are_never_pulled() -> None:
    assert "ended_desk_sessions" not in SYNCED_TABLES  # which staff signed out where stays on central
