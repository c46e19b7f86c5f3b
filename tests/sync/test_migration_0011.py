"""Migration 0011: `sync_identity` and `kiosk_progress` match their models on SQLite and PostgreSQL; each
database gets one identity of its own, made once."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from kiosk.store import schema  # noqa: F401  (every table on Base.metadata)
from kiosk.store.base import Base
from kiosk.store.sync_marks import SYNC_MARK_TABLES, SyncIdentity
from kiosk.store.sync_tables import SYNCED_TABLES

NAMES = {t.name for t in SYNC_MARK_TABLES}


def _identities(db) -> list[str]:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return list(s.scalars(select(SyncIdentity.database_id)))


def test_the_tables_match_their_models(db) -> None:
    def ours(_obj, name, type_, _reflected, _compare_to) -> bool:  # other tables are their migrations' to check
        return type_ != "table" or name in NAMES

    with db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn, opts={"include_object": ours}), Base.metadata) == []


def test_each_database_has_one_identity_made_once(db, make_cache) -> None:
    (mine,) = _identities(db)
    db.init_schema()
    assert _identities(db) == [mine]  # migrating again keeps it
    (other,) = _identities(make_cache("another"))
    assert len(mine) == 36 and other != mine


def test_marks_are_not_synced() -> None:
    assert not NAMES & set(SYNCED_TABLES)  # a cache's identity is its own; central's is read, never copied
