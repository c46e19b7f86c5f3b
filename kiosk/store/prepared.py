"""Prebuilt statements that run on the driver's own cursor on PostgreSQL: the booking hot path.

Through a Session an execution costs ~0.14 ms of client CPU, of which psycopg itself needs
~0.05: SQLAlchemy builds an execution context and a result object every time. A booking runs
eight statements, so that overhead was about a third of its cost on central
(bench/bench_booking.py). A `Prepared` statement is compiled once per set of parameter names,
then each run only binds values and reads plain tuples, in the session's own transaction.

It takes only what the driver handles alone: a statement whose parameters or columns need
SQLAlchemy's conversions (or an expanding IN list) is refused when compiled. SQLite runs the
statement through the session as usual: there dates are text that SQLAlchemy converts, and a
kiosk's cache books a few times an hour.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.engine.interfaces import DBAPICursor, DBAPIModule
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.orm import Session

from kiosk.store.db import rowcount
from sqlalchemy.sql import CompoundSelect, Delete, Insert, Select, Update

Params = Mapping[str, Any]
Statement = Select[Any] | CompoundSelect | Insert | Update | Delete


class Prepared:
    """One Core statement; `rows`, `mappings` and `rowcount` run it in a session's transaction."""

    def __init__(self, statement: Statement) -> None:
        self.statement = statement
        self._columns = list(getattr(statement, "exported_columns", {}).keys())
        self._sql: dict[tuple[str, frozenset[str]], tuple[str, Any]] = {}

    def rows(self, session: Session, params: Params | Sequence[Params]) -> list[tuple[Any, ...]]:
        return self._run(session, params, fetch=True)

    def mappings(self, session: Session, params: Params) -> list[dict[str, Any]]:
        return [dict(zip(self._columns, row, strict=True)) for row in self.rows(session, params)]

    def rowcount(self, session: Session, params: Params | Sequence[Params]) -> int:
        return self._run(session, params, fetch=False)

    def rows_on(self, conn: Connection, params: Params) -> list[tuple[Any, ...]]:
        """Run on a connection outside any session (a read in autocommit: no BEGIN and ROLLBACK round trips)."""
        return self._run_on(conn, params, fetch=True)

    def _run(self, session: Session, params: Params | Sequence[Params], *, fetch: bool) -> Any:
        if session.autoflush:
            session.flush()  # as Session.execute would: the statement sees the ORM's pending changes
        conn = session.connection()
        if conn.dialect.name != "postgresql":
            result = session.execute(self.statement, params)
            return [tuple(r) for r in result] if fetch else rowcount(result)
        return self._run_on(conn, params, fetch=fetch)

    def _run_on(self, conn: Connection, params: Params | Sequence[Params], *, fetch: bool) -> Any:
        if conn.dialect.name != "postgresql":
            result = conn.execute(self.statement, params)
            return [tuple(r) for r in result] if fetch else rowcount(result)
        dbapi = conn.connection.dbapi_connection
        assert dbapi is not None  # the session's connection is checked out, so it has its driver connection
        cursor = dbapi.cursor()
        values: dict[str, Any] | list[dict[str, Any]]
        if not isinstance(params, Mapping) and len(params) == 1:
            params = params[0]  # psycopg runs executemany in pipeline mode: costly for the usual one row
        try:
            if isinstance(params, Mapping):
                sql, compiled = self._compile(conn.dialect, frozenset(params))
                values = self._values(compiled, params)
                cursor.execute(sql, values)
            else:
                sql, compiled = self._compile(conn.dialect, frozenset(params[0]))
                values = [self._values(compiled, p) for p in params]
                cursor.executemany(sql, values)
            return cursor.fetchall() if fetch else cursor.rowcount
        except conn.dialect.loaded_dbapi.Error as exc:
            raise _translated(conn, exc, sql, values, cursor) from exc
        finally:
            cursor.close()

    def _compile(self, dialect: Dialect, names: frozenset[str]) -> tuple[str, Any]:
        key = (dialect.name, names)
        if key not in self._sql:
            compiled = self.statement.compile(dialect=dialect, column_keys=sorted(names))
            _refuse_what_needs_sqlalchemy(compiled, dialect)
            self._sql[key] = (compiled.string, compiled)
        return self._sql[key]

    @staticmethod
    def _values(compiled: Any, params: Params) -> dict[str, Any]:
        values = compiled.construct_params(params)
        for name, process in compiled._bind_processors.items():
            if name in values:
                values[name] = process(values[name])
        return values


def _refuse_what_needs_sqlalchemy(compiled: Any, dialect: Dialect) -> None:
    """Column defaults made in Python, post-compile parameters, converted result columns."""
    if compiled.insert_prefetch or compiled.update_prefetch:
        raise TypeError(f"give every column a value, Python-side defaults are not run here: {compiled}")
    if compiled.literal_execute_params or any(b.expanding for b in compiled.binds.values()):
        raise TypeError(f"statement has post-compile parameters: {compiled}")
    if any(c.type._cached_result_processor(dialect, None) for c in compiled._result_columns):
        raise TypeError(f"statement's columns need SQLAlchemy's type conversions: {compiled}")


def _translated(conn: Connection, exc: DBAPIModule.Error, sql: str, params: Params | list[dict[str, Any]],
                cursor: DBAPICursor) -> StatementError:
    """The driver's error as SQLAlchemy raises it (IntegrityError, OperationalError …).

    A lost connection is invalidated, as SQLAlchemy would do, so the pool hands out a new one.
    """
    lost = conn.dialect.is_disconnect(exc, conn.connection.dbapi_connection, cursor)
    if lost:
        conn.invalidate(exc)
    return DBAPIError.instance(sql, params, exc, conn.dialect.loaded_dbapi.Error, connection_invalidated=lost,
                               dialect=conn.dialect)
