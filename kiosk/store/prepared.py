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

A round trip costs central's service and server more than a short statement does (system calls
and a context switch on each side). So on PostgreSQL an INSERT whose row count nobody reads
(`later`: the booking, its members, the audit rows, the stored answers) waits for the
transaction's next statement or its COMMIT, and the INSERTs waiting then go as one statement:
`WITH w0 AS (INSERT … VALUES … RETURNING 1), w1 AS (INSERT … SELECT … FROM w0 RETURNING 1) INSERT
… SELECT … FROM w1`. Each inserts its one row after the one before it (it reads that one's row),
so rows are written in the order they were asked for (audit ids, the change log's order);
foreign keys are checked at the statement's end, so a member row may follow its booking; a unique
key they break raises there, inside the same transaction, which then rolls back whole.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, event, insert, select, text
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
        self._sql: dict[tuple[str, frozenset[str]], tuple[str, Any]] = {}  # per dialect (or `_after`'s) and names

    def rows(self, session: Session, params: Params | Sequence[Params]) -> list[tuple[Any, ...]]:
        return self._run(session, params, fetch=True)

    def mappings(self, session: Session, params: Params) -> list[dict[str, Any]]:
        return [dict(zip(self._columns, row, strict=True)) for row in self.rows(session, params)]

    def rowcount(self, session: Session, params: Params | Sequence[Params]) -> int:
        return self._run(session, params, fetch=False)

    def rows_alone(self, engine: Engine, params: Params) -> list[tuple[Any, ...]]:
        """A read outside any transaction: on PostgreSQL in autocommit on a pooled driver connection
        (one round trip, no BEGIN and ROLLBACK; nor SQLAlchemy's Connection around it: asked on every
        request, it cost more than the read itself)."""
        if engine.dialect.name != "postgresql":
            with engine.connect() as conn:
                return self._run_on(conn, params, fetch=True)
        sql, compiled = self._compile(engine.dialect, frozenset(params))
        values = self._values(compiled, params)
        pooled = engine.raw_connection()
        try:
            driver: Any = pooled.driver_connection
            cursor = driver.cursor()
            driver.autocommit = True
            try:
                cursor.execute(sql, values)
                return cursor.fetchall()
            except engine.dialect.loaded_dbapi.Error as exc:
                raise _translated(engine.dialect, pooled.dbapi_connection, pooled.invalidate, exc, sql, values,
                                  cursor) from exc
            finally:
                cursor.close()
                try:
                    driver.autocommit = False
                except engine.dialect.loaded_dbapi.Error:  # it broke meanwhile: the pool opens a new one
                    pooled.invalidate()
        finally:
            pooled.close()

    def later(self, session: Session, params: Params | Sequence[Params]) -> None:
        """An INSERT sent with the transaction's next statement or its COMMIT (on PostgreSQL; elsewhere now).

        Its error (a taken key) is raised there, in the same transaction; a rollback drops it.
        """
        if not isinstance(self.statement, Insert):
            raise TypeError("only an INSERT waits: it reads nothing the statements after it could change")
        if session.autoflush:
            session.flush()
        conn = session.connection()
        if conn.dialect.name != "postgresql":
            self._run(session, params, fetch=False)
            return
        rows = [params] if isinstance(params, Mapping) else list(params)
        names = frozenset(rows[0])
        _, compiled = self._compile(conn.dialect, names)
        waiting = _PENDING.setdefault(conn, [])
        waiting.extend((self, names, self._values(compiled, p)) for p in rows)
        if len(waiting) >= MAX_WAITING:  # a long run of INSERTs (an import): sent in statements of a few
            _send_pending(conn)

    def _after(self, dialect: Dialect, names: frozenset[str], previous: str | None) -> str:
        """This INSERT of one row as `INSERT … SELECT <its values> [FROM <previous>]` (on PostgreSQL)."""
        key = (previous or "", names)
        if key not in self._sql:
            assert isinstance(self.statement, Insert)
            table = self.statement.table
            columns = [table.c[n] for n in sorted(names)]
            values = select(*(bindparam(c.key, type_=c.type) for c in columns))
            if previous is not None:
                values = values.select_from(text(previous))
            self._sql[key] = (insert(table).from_select(columns, values).compile(dialect=dialect).string, None)
        return self._sql[key][0]

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
        _send_pending(conn)
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
            raise _translated(conn.dialect, conn.connection.dbapi_connection, conn.invalidate, exc, sql, values,
                              cursor) from exc
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


# INSERTs waiting (`Prepared.later`), per connection in a session's transaction: (statement, names, driver values).
_PENDING: weakref.WeakKeyDictionary[Connection, list[tuple[Prepared, frozenset[str], dict[str, Any]]]] = \
    weakref.WeakKeyDictionary()
MAX_WAITING = 16
_CHAINS: dict[tuple[tuple[int, frozenset[str]], ...], str] = {}  # the one statement of each sequence of INSERTs
_BIND = re.compile(r"%\((\w+)\)s")


def _chain(dialect: Dialect, pending: list[tuple[Prepared, frozenset[str], dict[str, Any]]]) -> str:
    """The INSERTs as one statement, each after the one before (see above); the i-th one's parameters
    are renamed w{i}_<name>."""
    key = tuple((id(p), names) for p, names, _ in pending)
    if key not in _CHAINS:
        if len(_CHAINS) > 1000:  # sequences seen once (odd sizes of group bookings, imports) are not kept for ever
            _CHAINS.clear()
        parts = [p._after(dialect, names, f"w{i - 1}" if i else None) for i, (p, names, _) in enumerate(pending)]
        parts = [_BIND.sub(f"%(w{i}_\\1)s", sql) for i, sql in enumerate(parts)]
        _CHAINS[key] = "WITH " + ", ".join(f"w{i} AS ({sql} RETURNING 1)" for i, sql in enumerate(parts[:-1])) \
            + " " + parts[-1]
    return _CHAINS[key]


@event.listens_for(Engine, "before_cursor_execute")
def _send_pending(conn: Connection, *_args: Any) -> None:
    """The INSERTs waiting on `conn` go before any other statement, as one."""
    pending = _PENDING.pop(conn, None)
    if not pending:
        return
    prepared, names, values = pending[0]
    sql = prepared._compile(conn.dialect, names)[0]
    if len(pending) > 1:
        sql = _chain(conn.dialect, pending)
        values = {f"w{i}_{k}": v for i, (_, _, vs) in enumerate(pending) for k, v in vs.items()}
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    cursor = dbapi.cursor()
    try:
        cursor.execute(sql, values)
    except conn.dialect.loaded_dbapi.Error as exc:
        raise _translated(conn.dialect, conn.connection.dbapi_connection, conn.invalidate, exc, sql, values,
                          cursor) from exc
    finally:
        cursor.close()


@event.listens_for(Engine, "commit")
def _commit_pending(conn: Connection) -> None:
    _send_pending(conn)


@event.listens_for(Engine, "rollback")
def _drop_pending(conn: Connection) -> None:
    _PENDING.pop(conn, None)


def _refuse_what_needs_sqlalchemy(compiled: Any, dialect: Dialect) -> None:
    """Column defaults made in Python, post-compile parameters, converted result columns."""
    if compiled.insert_prefetch or compiled.update_prefetch:
        raise TypeError(f"give every column a value, Python-side defaults are not run here: {compiled}")
    if compiled.literal_execute_params or any(b.expanding for b in compiled.binds.values()):
        raise TypeError(f"statement has post-compile parameters: {compiled}")
    if any(c.type._cached_result_processor(dialect, None) for c in compiled._result_columns):
        raise TypeError(f"statement's columns need SQLAlchemy's type conversions: {compiled}")


def _translated(dialect: Dialect, dbapi_connection: Any, invalidate: Callable[[BaseException], None],
                exc: DBAPIModule.Error, sql: str, params: Params | list[dict[str, Any]],
                cursor: DBAPICursor) -> StatementError:
    """The driver's error as SQLAlchemy raises it (IntegrityError, OperationalError …).

    A lost connection is invalidated (`invalidate`: the session's Connection, or a bare pooled
    connection's), as SQLAlchemy would do, so the pool hands out a new one.
    """
    lost = dialect.is_disconnect(exc, dbapi_connection, cursor)
    if lost:
        invalidate(exc)
    return DBAPIError.instance(sql, params, exc, dialect.loaded_dbapi.Error, connection_invalidated=lost,
                               dialect=dialect)
