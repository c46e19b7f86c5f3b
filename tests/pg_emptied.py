"""This test process's PostgreSQL schema, migrated once and emptied between tests (not dropped and migrated again).

Migrating costs 0.3 s on an idle machine and several seconds on a busy one, for each of ~170 PostgreSQL cases;
emptying costs a few milliseconds. A test gets exactly what a fresh migration leaves: every row the migrations
wrote (put back as they were), sequences where they were, triggers as they were. A test that changed the schema
itself (a migration test, an extra trigger) leaves another fingerprint, and the next one migrates afresh.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.engine import Connection

from kiosk.store.db import Database

_FINGERPRINT = """
SELECT md5(string_agg(x, ',' ORDER BY x)) FROM (
  SELECT 'r:' || relname || ':' || relkind::text AS x FROM pg_class WHERE relnamespace = to_regnamespace(:s)
  UNION ALL SELECT 'a:' || c.relname || '.' || a.attname || ':' || format_type(a.atttypid, a.atttypmod)
            || ':' || a.attnotnull::text || ':' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE c.relnamespace = to_regnamespace(:s) AND a.attnum > 0 AND NOT a.attisdropped
  UNION ALL SELECT 't:' || c.relname || '.' || t.tgname || ':' || t.tgenabled::text
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = to_regnamespace(:s)
  UNION ALL SELECT 'k:' || conname || ':' || pg_get_constraintdef(oid)
    FROM pg_constraint WHERE connamespace = to_regnamespace(:s)
  UNION ALL SELECT 'i:' || indexrelid::regclass::text || ':' || pg_get_indexdef(indexrelid)
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relnamespace = to_regnamespace(:s)
  UNION ALL SELECT 'f:' || proname || ':' || md5(prosrc) FROM pg_proc WHERE pronamespace = to_regnamespace(:s)
) parts
"""


@dataclass
class _Migrated:
    fingerprint: str
    version: list[str]
    rows: dict[str, list[str]] = field(default_factory=dict)  # table -> its rows as JSON, as migrated
    sequences: dict[str, tuple[int, bool]] = field(default_factory=dict)  # sequence -> (last_value, is_called)


def _tables(conn: Connection, schema: str) -> list[str]:
    return list(conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = :s AND tablename <> "
                                  "'alembic_version' ORDER BY tablename"), {"s": schema}).scalars())


def _version(conn: Connection) -> list[str]:
    return list(conn.execute(text("SELECT version_num FROM alembic_version ORDER BY 1")).scalars())


class EmptiedSchema:
    """`schema` (reached through `url`, whose search_path names it): migrated on first use, then emptied."""

    def __init__(self, schema: str) -> None:
        self.schema = schema
        self._migrated: _Migrated | None = None

    def forget(self) -> None:
        """The schema was dropped or changed behind our back: the next `open` migrates afresh."""
        self._migrated = None

    def open(self, url: str, reset: Callable[[], object]) -> Database:
        """A migrated database with no rows but the migrations' own; `reset()` drops and recreates the schema."""
        if self._migrated is not None:
            db = Database(url)
            with db.engine.begin() as conn:
                if self._matches(conn):
                    self._empty(conn)
                    return db
            db.dispose()
        reset()
        db = Database(url)
        db.init_schema()
        with db.engine.begin() as conn:
            self._migrated = self._remember(conn)
        return db

    def _matches(self, conn: Connection) -> bool:
        assert self._migrated is not None
        try:
            same = conn.execute(text(_FINGERPRINT), {"s": self.schema}).scalar() == self._migrated.fingerprint
            return same and _version(conn) == self._migrated.version
        except Exception:  # noqa: BLE001  (no alembic_version any more: a test dropped it; migrate afresh)
            return False

    def _remember(self, conn: Connection) -> _Migrated:
        migrated = _Migrated(conn.execute(text(_FINGERPRINT), {"s": self.schema}).scalar(), _version(conn))
        for table in _tables(conn, self.schema):
            rows = list(conn.execute(text(f'SELECT row_to_json(t)::text FROM "{table}" t')).scalars())
            if rows:
                migrated.rows[table] = rows
        for name, last, called in conn.execute(text(
                "SELECT sequencename, coalesce(last_value, start_value), last_value IS NOT NULL "
                "FROM pg_sequences WHERE schemaname = :s"), {"s": self.schema}):
            migrated.sequences[name] = (last, called)
        return migrated

    def _empty(self, conn: Connection) -> None:
        assert self._migrated is not None
        # Triggers off for this transaction (a superuser's URL, as the tests need): audit_log refuses deletes,
        # and the change log must not record the emptying; foreign keys are triggers too, so order is free.
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(text("; ".join(f'DELETE FROM "{t}"' for t in _tables(conn, self.schema))))
        for table, rows in self._migrated.rows.items():
            conn.execute(text(f'INSERT INTO "{table}" SELECT * FROM json_populate_recordset(NULL::"{table}", '
                              f'CAST(:rows AS json))'), {"rows": "[" + ",".join(rows) + "]"})
        for name, (last, called) in self._migrated.sequences.items():
            conn.execute(text("SELECT setval(:q, :v, :c)"), {"q": f'"{self.schema}"."{name}"', "v": last, "c": called})
