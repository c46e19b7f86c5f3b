"""An expected error in the words its reader is shown: one place, above the worker and the link status."""

from __future__ import annotations

import logging

from kiosk.domain.errors import InputError, RuleError
from ui.sync_status import offline_message

log = logging.getLogger(__name__)


def plain_message(exc: BaseException) -> str | None:
    """The applicant-facing text of an expected error; None for a bug (never show a traceback)."""
    if isinstance(exc, RuleError):
        return offline_message(exc.code) or exc.message
    if isinstance(exc, InputError):
        return exc.reason
    log.error("unexpected error in a background job", exc_info=exc)
    return None
