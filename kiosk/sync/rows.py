"""Rows of the synced tables by primary key: parse the change log's keys, fetch, test, upsert, insert."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, select, tuple_
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects import sqlite as sqlite_dml

from kiosk.store import schema  # noqa: F401  (every table on Base.metadata)
from kiosk.store.base import Base
from kiosk.store.sync_tables import SYNCED_TABLES
from kiosk.sync.sealed_rows import Sealer

Key = tuple[Any, ...]
CHUNK = 500  # keys per IN (...) list


def tables() -> dict[str, Table]:
    return {name: Base.metadata.tables[name] for name in SYNCED_TABLES}


def parse_key(table: Table, raw: str) -> Key:
    """A change-log `row_key` (JSON array) as the table's typed primary-key tuple."""
    return tuple(_typed(col.type.python_type, v) for col, v in zip(table.primary_key.columns, json.loads(raw), strict=True))


def _typed(kind: type, value: object) -> object:
    if isinstance(value, str) and kind is datetime:
        return datetime.fromisoformat(value)
    if isinstance(value, str) and kind is date:
        return date.fromisoformat(value)
    return value


def pk(table: Table, row: Mapping[Any, Any]) -> Key:
    return tuple(row[c.name] for c in table.primary_key.columns)


def where_keys(table: Table, keys: list[Key]) -> ColumnElement[bool]:
    cols = list(table.primary_key.columns)
    return cols[0].in_([k[0] for k in keys]) if len(cols) == 1 else tuple_(*cols).in_(keys)


def fetch(conn: Connection, table: Table, keys: list[Key]) -> dict[Key, dict]:
    found: dict[Key, dict] = {}
    for i in range(0, len(keys), CHUNK):
        for row in conn.execute(select(table).where(where_keys(table, keys[i:i + CHUNK]))).mappings():
            found[pk(table, row)] = dict(row)
    return found


def existing(conn: Connection, table: Table, keys: Iterable[Key]) -> set[Key]:
    keys, cols = list(keys), list(table.primary_key.columns)
    have: set[Key] = set()
    for i in range(0, len(keys), CHUNK):
        have.update(tuple(r) for r in conn.execute(select(*cols).where(where_keys(table, keys[i:i + CHUNK]))))
    return have


# Columns a kiosk's cache never holds, though central has them: an inquiry's words (written by an
# applicant, at any kiosk) and a clerk's answer to it. The kiosk needs neither to serve a visit.
NOT_IN_CACHE: dict[str, dict[str, object]] = {"inquiries": {"text": "", "outcome": None, "contact": None}}


def for_cache(table: Table, rows: list[dict], sealer: Sealer) -> list[dict]:
    """Central's rows as the cache keeps them (NOT_IN_CACHE blanked, cases sealed); the same dicts, changed in place.

    Once per row, inside the snapshot the rows were read in (the sealer reads the cases' groups there).
    """
    blank = NOT_IN_CACHE.get(table.name)
    if blank:
        for row in rows:
            row.update(blank)
    return sealer.rows(table.name, rows)


def _insert(sqlite: bool, table: Table) -> sqlite_dml.Insert | postgresql.Insert:
    return sqlite_dml.insert(table) if sqlite else postgresql.insert(table)


def upsert(conn: Connection, table: Table, rows: list[dict], sqlite: bool) -> int:
    stmt = _insert(sqlite, table)
    keys = [c.name for c in table.primary_key.columns]
    others = {c.name: stmt.excluded[c.name] for c in table.columns if c.name not in keys}
    # An upsert, never REPLACE: REPLACE deletes first, and the delete would cascade to the children.
    stmt = stmt.on_conflict_do_update(index_elements=keys, set_=others) if others else stmt.on_conflict_do_nothing()
    conn.execute(stmt, rows)
    return len(rows)


def insert_new(conn: Connection, table: Table, rows: list[dict], sqlite: bool) -> int:
    """Insert rows, leaving out any that would break a key or unique index; how many went in."""
    if not rows:
        return 0
    inserted = 0
    stmt = _insert(sqlite, table).on_conflict_do_nothing()
    for i in range(0, len(rows), CHUNK):
        inserted += conn.execute(stmt, rows[i:i + CHUNK]).rowcount
    return inserted
