"""Sync fixtures: central behind the real service (or its database alone), SQLite files as kiosk caches."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import select

from kiosk.store.db import Database, sqlite_url
from kiosk.sync.pull import tables
from kiosk.sync.rows import for_cache
from tests.conftest import PG_URL_VAR, pg_url
from tests.central.hub import Hub
from tests.pg_scratch import scratch_database
from tests.sync.via import ServiceCentral


@pytest.fixture
def central_url() -> Iterator[str]:
    """A database of its own (other suites reset kiosk_test's schema while these run), dropped after."""
    url = pg_url()
    if url is None:
        pytest.skip(f"sync tests need PostgreSQL as central: set {PG_URL_VAR} "
                    "(e.g. postgresql+psycopg://kiosk:kiosk@127.0.0.1:5432/kiosk_test)")
    with scratch_database(url, "kiosk_central_test") as central:
        yield central.render_as_string(hide_password=False)


@pytest.fixture
def central_db(central_url: str) -> Iterator[Database]:
    """Central's database alone, for what reaches it without a kiosk: operators' CLI with --db, migrations."""
    db = Database(central_url)
    db.init_schema()
    yield db
    db.dispose()


@pytest.fixture
def central(service_hub: Hub) -> ServiceCentral:
    """Central behind the session's real service, emptied for this test; kiosks reach it through tests.sync.via."""
    service_hub.reset()
    return ServiceCentral(service_hub)


@pytest.fixture
def make_cache(tmp_path) -> Iterator[Callable[[str], Database]]:
    opened: list[Database] = []

    def make(name: str = "hall-1") -> Database:
        db = Database(sqlite_url(tmp_path / f"cache-{name}.db"))
        db.init_schema()
        opened.append(db)
        return db

    yield make
    for db in opened:
        db.dispose()


@pytest.fixture
def cache(make_cache) -> Database:
    return make_cache("hall-1")


def rows_of(db: Database) -> dict[str, list[tuple]]:
    """Every synced table's rows, sorted, for comparing a cache with central."""
    out = {}
    with db.engine.connect() as conn:
        for name, table in tables().items():
            # As the cache keeps them: some columns never leave central (kiosk.sync.rows.NOT_IN_CACHE).
            out[name] = sorted(tuple(for_cache(table, [dict(r)])[0].values())
                               for r in conn.execute(select(table)).mappings())
    return out
