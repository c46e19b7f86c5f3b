"""The one failure sync expects: central cannot be reached (down, network gone, connection killed)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError


class CentralUnreachable(Exception):
    """Central could not be reached or dropped the connection; nothing half-done stays behind."""


def is_connection_error(exc: BaseException) -> bool:
    if isinstance(exc, (OperationalError, InterfaceError)):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


@contextmanager
def talking_to_central() -> Iterator[None]:
    """Turn connection failures of central (only) into CentralUnreachable.

    Wrap central calls alone: a locked SQLite cache raises OperationalError too, and that is
    not "central is offline".
    """
    try:
        yield
    except DBAPIError as exc:
        if is_connection_error(exc):
            raise CentralUnreachable(f"{exc.__class__.__name__}: {str(exc.orig).strip().splitlines()[0]}") from exc
        raise
