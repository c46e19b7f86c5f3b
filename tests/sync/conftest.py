"""Sync fixtures: central behind the real service (or its database alone), SQLite files as kiosk caches."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import select

from kiosk.services.case_keys import petitioner_key
from kiosk.store.db import Database, sqlite_url
from kiosk.sync.pull import tables
from kiosk.sync.rows import for_cache
from kiosk.sync.sealed_rows import Sealer
from tests.central.hub import Hub
from tests.pg_scratch import scratch_db
from tests.sync.via import ServiceCentral


@pytest.fixture
def central_url() -> Iterator[str]:
    """An empty database of its own, no schema yet (migrations, the operators' CLI making its own), dropped after."""
    with scratch_db("central's database", "kiosk_central_test", migrated=False) as db:
        yield db.url


@pytest.fixture
def central_db() -> Iterator[Database]:
    """Central's database alone, for what reaches it without a kiosk: operators' CLI with --db, migrations.
    A database of its own (other suites reset kiosk_test's schema while these run), dropped after."""
    with scratch_db("central's database", "kiosk_central_test") as db:
        yield db


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
    """Every synced table's rows, sorted, for comparing a cache with central.

    Central's rows as a cache keeps them (kiosk.sync.rows.for_cache: inquiry words blanked, names and
    dates of birth sealed); a sealed record compares as "there is one" (each sealing has its own nonce).
    """
    out = {}
    with db.engine.connect() as conn:
        is_central = petitioner_key(conn) is not None  # made by the first pull; a cache never has it
        sealer = Sealer(conn) if is_central else None
        for name, table in tables().items():
            rows = [dict(r) for r in conn.execute(select(table)).mappings()]
            if sealer is not None:
                rows = for_cache(table, rows, sealer)
            for r in rows:
                if "sealed" in r:
                    r["sealed"] = r["sealed"] is not None
            out[name] = sorted(tuple(r.values()) for r in rows)
    return out
