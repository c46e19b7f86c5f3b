"""Engines and transactions: one `Database` per URL, SQLite tuned for many writers (WAL, BEGIN IMMEDIATE).

Alembic loads only when a schema is migrated, platformdirs only for the demo's default path:
neither is needed to open a database that is up to date (start-up time matters at a kiosk).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
import time
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Connection, CursorResult, Engine, Result, create_engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection

from kiosk.store.opened import OpenedRecords

MIGRATIONS = Path(__file__).with_name("migrations")


class Transactions(Protocol):
    """What a use case needs of a database: transactions it owns (a Database, or one composed in another's)."""

    def transaction(self) -> AbstractContextManager[Session]: ...


class Database:
    """An engine plus the two ways to use it: read (`session`) and write (`transaction`)."""

    def __init__(self, url: str, *, pool_size: int | None = None) -> None:
        """`pool_size`: server connections kept open (a threaded server's threads; default SQLAlchemy's 5)."""
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        self.engine: Engine = _make_engine(url, immediate=False, pool_size=pool_size)
        # SQLite writers take the write lock up front (BEGIN IMMEDIATE); readers don't.
        self._write_engine = _make_engine(url, immediate=True) if self.is_sqlite else self.engine
        # What look-ups opened of this database's sealed case records (a kiosk's cache): memory only.
        self.opened = OpenedRecords()
        info = {"opened": self.opened}
        self._sessions = sessionmaker(self.engine, expire_on_commit=False, info=info)
        self._write_sessions = sessionmaker(self._write_engine, expire_on_commit=False, info=info)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reading; nothing is committed."""
        with self._sessions() as s:
            yield s

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One write transaction: commits on success, leaves nothing behind on error.

        On SQLite it starts with BEGIN IMMEDIATE, so concurrent writers queue on the
        busy timeout instead of failing with "database is locked" half-way.
        """
        with self._write_sessions() as s, s.begin():
            yield s

    def init_schema(self) -> None:
        """Create or migrate the schema to the newest revision (Alembic)."""
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with self._write_engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def dispose(self) -> None:
        self.engine.dispose()
        self._write_engine.dispose()


# A pooled server connection unused for longer than this is tested before it is handed out.
IDLE_PING_SECONDS = 1.0


def _make_engine(url: str, *, immediate: bool, pool_size: int | None = None) -> Engine:
    # hide_parameters on every engine: an error's text would otherwise quote the row (names, dates of birth).
    if not url.startswith("sqlite"):
        return _server_engine(url, pool_size)
    engine = create_engine(url, connect_args={"timeout": 30}, hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        # Let SQLAlchemy, not pysqlite, decide when transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA secure_delete=ON")  # freed pages are zeroed: nothing deleted lingers on disk
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _server_engine(url: str, pool_size: int | None = None) -> Engine:
    """A pooled engine that pings only connections which sat idle (`IDLE_PING_SECONDS`).

    `pool_pre_ping` would ping on every checkout: a round trip per transaction, ~15% of a
    booking's cost. A connection that went stale (central restarted, link cut) has sat idle;
    one in steady use has just proved itself. A failed ping makes the pool open a new one.
    """
    engine = create_engine(url, hide_parameters=True, **({"pool_size": pool_size} if pool_size else {}))

    @event.listens_for(engine, "checkin")
    def _idle_from(_dbapi_conn: DBAPIConnection, record: ConnectionPoolEntry) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_idle(dbapi_conn: DBAPIConnection, record: ConnectionPoolEntry, _proxy: PoolProxiedConnection) -> None:
        since = record.info.pop("idle_since", None)
        if since is not None and time.monotonic() - since > IDLE_PING_SECONDS:
            try:
                alive = engine.dialect.do_ping(dbapi_conn)
            except Exception as exc:  # the driver's own error for a dead connection
                raise DisconnectionError(str(exc)) from exc
            if not alive:
                raise DisconnectionError("the pooled connection did not answer a ping")

    return engine


def open_database(url: str) -> Database:
    return Database(url)


def sqlite_url(path: Path | str) -> str:
    return f"sqlite:///{Path(path).resolve()}"


def demo_database_path() -> Path:
    """The embedded demo's SQLite file, in the user data folder."""
    from platformdirs import user_data_path

    return user_data_path("consular-kiosk", appauthor=False) / "demo.db"


def rowcount(result: Result[Any]) -> int:
    """The rows an UPDATE or DELETE touched (Session.execute is typed as returning a plain Result)."""
    assert isinstance(result, CursorResult)  # what a DML statement's execution gives
    return result.rowcount
