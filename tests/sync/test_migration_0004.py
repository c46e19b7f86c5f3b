"""Migration 0004: the sync tables match their models; central (PostgreSQL) logs changes, the cache does not."""

from __future__ import annotations

import importlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from kiosk.store.sync_tables import SYNC_TABLES, SYNCED_TABLES
from kiosk.sync.pull import tables
from tests.factories import seed_post, seed_post_sql

MIGRATION = importlib.import_module("kiosk.store.migrations.versions.0004_sync")
NAMES = {t.name for t in SYNC_TABLES}


def _diff(db) -> list:
    def ours(_obj, name, type_, _reflected, _compare_to) -> bool:
        return type_ != "table" or name in NAMES

    with db.engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn, opts={"include_object": ours}), _metadata())


def _metadata():  # type: ignore[no-untyped-def]
    from kiosk.store.base import Base

    return Base.metadata


def test_sync_tables_on_the_cache_match_the_models_and_log_nothing(cache):
    assert _diff(cache) == []
    seed_post(cache)
    with cache.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM change_log")).scalar() == 0


@pytest.mark.postgres
def test_sync_tables_on_central_match_the_models_and_every_synced_table_logs(central):
    assert _diff(central) == []
    assert list(MIGRATION.SYNCED) == list(SYNCED_TABLES)
    for name, table in tables().items():  # the trigger's key columns are the pull's key columns
        assert MIGRATION.SYNCED[name] == tuple(c.name for c in table.primary_key.columns)
    with central.engine.connect() as conn:
        triggers = conn.execute(text("SELECT event_object_table FROM information_schema.triggers "
                                     "WHERE trigger_name = 'sync_change'")).scalars().all()
    assert set(triggers) == set(SYNCED_TABLES)


@pytest.mark.postgres
def test_rows_older_than_the_migration_are_logged_once(central_url):
    from alembic import command
    from alembic.config import Config

    from kiosk.store.db import MIGRATIONS, Database

    db = Database(central_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
    seed_post_sql(db)
    db.init_schema()
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT table_name, row_key, deleted FROM change_log")).all() == \
            [("posts", '["GUZ"]', False)]
    db.dispose()
