"""Failure counters kept in the database (the `throttles` table), for what has no account row to count on."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from kiosk.store.accounts import Throttle

LETTER = "letter"  # key: the case number
SIGN_IN = "sign_in"  # key: hashed user name that has no account
STAFF_SIGN_IN = "staff_sign_in"  # the same, for the clerk console
SIGN_IN_AT = "sign_in_at"  # key: a user name (known or not) at one kiosk (kiosk.services.accounts)


def hashed(name: str) -> str:
    """The key for a user name: a name typed by mistake may be someone's password, so it is never stored."""
    return hashlib.sha256(name.encode("utf-8")).hexdigest()


def current(session: Session, scope: str, key: str) -> Throttle | None:
    return session.get(Throttle, (scope, key))


def count_failure(session: Session, scope: str, key: str, now: datetime,
                  window: timedelta | None = None) -> Throttle:
    """One more failure, counted under a row lock; with `window`, failures older than it start a new count."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    # Two kiosks failing at once must both count: create the row if missing, then lock and update it.
    session.execute(insert(Throttle).values(scope=scope, key=key, failed_count=0).on_conflict_do_nothing())
    row = session.scalars(select(Throttle).where(Throttle.scope == scope, Throttle.key == key)
                          .with_for_update().execution_options(populate_existing=True)).one()
    if window is not None and (row.window_start is None or now - row.window_start >= window):
        row.failed_count, row.window_start = 0, now
    row.failed_count += 1
    row.last_failed_at = now
    return row


def clear(session: Session, scope: str, key: str) -> None:
    session.execute(delete(Throttle).where(Throttle.scope == scope, Throttle.key == key))
