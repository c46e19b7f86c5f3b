"""One unit of work: a use case's writes commit together — in a transaction of their own, or inside the caller's.

Every write use case is written once, against a Session (`work(session)`); how it is run is
chosen here, never by handing it a stand-in database:
- `in_transaction(db, work)`: its own write transaction (a kiosk, a clerk, kiosk-admin);
- `in_caller(session, work)`: inside the caller's transaction, so its writes commit with the
  caller's (central applying a kiosk's command records the command's id with it).
After a deadlock, a serialization failure, a busy SQLite file or a twin request's answer
(kiosk.services.retries) the whole transaction runs again: `in_transaction` retries it
itself, the caller of `in_caller` runs its own transaction through `with_retries` (no
savepoint: on central's booking path each is two round trips). `work` must only write
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


def in_caller(session: Session, work: Callable[[Session], T]) -> T:
    """`work` in `session`'s transaction: it commits (or not) with the caller's, who retries the whole of it."""
    return work(session)
