"""Migration 0009: the `throttles` table matches its model on SQLite and PostgreSQL, and is not synced."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from kiosk.store import schema  # noqa: F401  (every table on Base.metadata)
from kiosk.store.base import Base
from kiosk.store.sync_tables import SYNCED_TABLES


def test_the_throttles_table_matches_its_model(db) -> None:
    def ours(_obj, name, type_, _reflected, _compare_to) -> bool:  # other tables are their migrations' to check
        return type_ != "table" or name == "throttles"

    with db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn, opts={"include_object": ours}), Base.metadata) == []


def test_throttles_stay_where_they_are_counted() -> None:
    assert "throttles" not in SYNCED_TABLES  # central's count and a cache's count are separate on purpose
