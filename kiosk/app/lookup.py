"""Where a lookup goes, one policy for the kiosk and `kiosk-admin --config`: the cache, then central.

A kiosk's cache may not have a case yet (imported on central since the last sync); only
then is central asked, and only "no such case" sends the question on: every other answer of
the cache (a refusal, a lockout) stands. Central unreachable: the cache's answer stands.
Without central (one database, the demo) the database's answer is the answer.

The core is imported inside the functions (run on the worker thread): SQLAlchemy stays out of
the kiosk's start-up, as in kiosk.app.visit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from kiosk.domain.errors import CASE_NOT_FOUND, InputError

if TYPE_CHECKING:  # SQLAlchemy loads when the first lookup runs (on the kiosk's worker)
    from kiosk.app.central import Central
    from kiosk.domain.model import Evaluation
    from kiosk.services.letter import LetterLookup
    from kiosk.store.db import Database


def look_up_letter(db: Database, central: Central | None, case_text: str, dob_text: str, *, today: date,
                   now: datetime, actor: str, kiosk_id: str = "local", visit_id: str = "", offline: bool = False,
                   on_damage: Callable[[BaseException], None] | None = None) -> LetterLookup:
    """The case behind a letter.

    With central answering, central admits the lookup and counts its misses (its budgets); the
    cache shows the case, and a case (or date) the cache lacks is looked up on central. Offline,
    or without central, the database counts the misses itself (a cache sends its lockouts and
    alerts to central as commands). A cache that fails as corrupt is reported to `on_damage`.
    """
    from kiosk.services.letter import look_up_letter as look_up
    from kiosk.sync.errors import CentralUnreachable
    from kiosk.sync.heal import is_corruption
    from kiosk.sync.outbox import alerts_via_outbox, lockout_via_outbox

    if central is not None and not offline:
        try:
            central.admit_look_up(case_text, visit_id=visit_id, now=now)
            try:
                return look_up(db, case_text, dob_text, today=today, now=now, count=False)
            except InputError as exc:
                if exc.code != CASE_NOT_FOUND:
                    raise
            except Exception as exc:  # only a damaged cache is answered by central instead
                if not is_corruption(exc):
                    raise
                if on_damage is not None:
                    on_damage(exc)
            # Not in the cache (or not this date), or the cache is damaged: central answers and counts the miss.
            return central.look_up_letter(case_text, dob_text, today=today, now=now, actor=actor, visit_id=visit_id)
        except CentralUnreachable:
            pass
    linked = central is not None
    return look_up(db, case_text, dob_text, today=today, now=now, actor=actor, kiosk_id=kiosk_id,
                   visit_id=visit_id, on_lockout=lockout_via_outbox(actor, now) if linked else None,
                   on_alert=alerts_via_outbox(now) if linked else None)


def evaluate(db: Database, central: Central | None, case_number: str, *, today: date | None, local_today: date,
             has_letter: bool = True) -> Evaluation:
    """The case's evaluation from `db`, else (a case the cache does not have, or keeps sealed) from central.

    `today` is a what-if date; without one the cache judges at `local_today` (its post's clock) and central
    at its own date.
    """
    from kiosk.services.evaluation import evaluate_case
    from kiosk.sync.errors import CentralUnreachable

    try:
        with db.session() as s:
            return evaluate_case(s, case_number, today=today or local_today, has_letter=has_letter)
    except InputError as exc:
        if central is None or exc.code != CASE_NOT_FOUND:
            raise
        missing = exc
    try:
        return central.evaluate_case(case_number, today=today, has_letter=has_letter)
    except CentralUnreachable:
        raise missing from None
