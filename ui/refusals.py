"""An expected error in the words the clerk console shows (the kiosk's pages use kiosk.i18n.refusals, by code)."""

from __future__ import annotations

import logging

from kiosk.domain.errors import InputError, RuleError

log = logging.getLogger(__name__)


def plain_message(exc: BaseException) -> str | None:
    """The core's own words for an expected error (English, with its details); None for a bug, which is logged."""
    if isinstance(exc, RuleError):
        return exc.message
    if isinstance(exc, InputError):
        return exc.reason
    log.error("unexpected error in a background job", exc_info=exc)
    return None
