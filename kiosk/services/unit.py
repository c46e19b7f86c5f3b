"""One unit of work: a use case's writes commit together — in a transaction of their own, or inside the caller's.

Every write use case is written once, against a Session (`work(session)`); how it is run is
chosen here, never by handing it a stand-in database:
- `in_transaction(db, work)`: its own write transaction (a kiosk, a clerk, kiosk-admin);
- `in_savepoint(session, work)`: a savepoint of the caller's transaction, so its writes commit
  with the caller's (central applying a kiosk's command records the command's id with it).
Either way the whole of `work` runs again after a deadlock, a serialization failure, a busy
SQLite file or a twin request's answer (kiosk.services.retries): `work` must only write
through its session.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from kiosk.services.retries import with_retries
from kiosk.store.db import Transactions

T = TypeVar("T")


def in_transaction(db: Transactions, work: Callable[[Session], T]) -> T:
    """`work` in a write transaction of its own: committed when it returns, nothing left when it raises."""

    def once() -> T:
        with db.transaction() as s:
            return work(s)

    return with_retries(once)


def in_savepoint(session: Session, work: Callable[[Session], T]) -> T:
    """`work` in a savepoint of `session`'s transaction: it commits (or not) with the caller's."""

    def once() -> T:
        with session.begin_nested():
            return work(session)

    return with_retries(once)
