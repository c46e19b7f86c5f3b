"""Run a write transaction again after a deadlock, a serialization failure or a locked SQLite file."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_ATTEMPTS = 8
_TRANSIENT_SQLSTATES = {"40001", "40P01"}  # serialization failure, deadlock detected


def is_transient(exc: DBAPIError) -> bool:
    if getattr(exc.orig, "sqlstate", None) in _TRANSIENT_SQLSTATES:
        return True
    text = str(exc.orig).lower()
    return "database is locked" in text or "database is busy" in text


class TwinAnswered(Exception):
    """A twin request with the same idempotency key committed while this one worked."""


def with_retries(work: Callable[[], T]) -> T:
    """Run one transaction, again after a deadlock, a serialization failure or a locked SQLite file."""
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            return work()
        except (IntegrityError, TwinAnswered):
            # A twin request with the same idempotency key committed first: the next try reads its answer.
            if attempt == MAX_ATTEMPTS:
                raise
        except DBAPIError as exc:
            if not is_transient(exc) or attempt == MAX_ATTEMPTS:
                raise
            log.info("transient database error, retry %d: %s", attempt, exc.orig)
        time.sleep(random.uniform(0, 0.02 * 2**attempt))
    raise AssertionError("unreachable")
