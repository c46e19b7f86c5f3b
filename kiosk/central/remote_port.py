"""`RemoteKioskCentral`: what a kiosk asks central, through the kiosk-central service (the `Central` port's shape).

The same questions as the in-process implementation (kiosk.app.in_process once the application
layer has landed), answered over HTTPS: central decides identity (the certificate), time (its
clock) and permission; the kiosk's cache answers what only shows (a letter's case and its
evaluation once central has confirmed the letter; the calendar).

Outcome unknown is a state here: a booking or cancellation whose answer was lost raises
RuleError(OUTCOME_UNKNOWN) — "could not be confirmed, ask at the counter", never "nothing was
booked" — and its command stays pending. Booking again with the same key (the Review page asking
again, or Confirm pressed again) asks central about that same command by its id, never sends a
second one; the next sync also asks and records what central did.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select

from kiosk.central import link
from kiosk.central.client import OutcomeUnknown, RemoteCentral
from kiosk.domain.errors import CASE_NOT_FOUND, InputError, RuleError
from kiosk.domain.model import Evaluation
from kiosk.i18n.refusals import CANCEL_OUTCOME_UNKNOWN, OUTCOME_UNKNOWN, RULES
from kiosk.sync.loans import KioskBooking
from kiosk.sync.offline import UNAVAILABLE, book_offline
from kiosk.services import letter
from kiosk.services.account_cases import YourCase
from kiosk.services.accounts import AccountView
from kiosk.services.results import BookingResult, CancelResult
from kiosk.services.evaluation import evaluate_case
from kiosk.services.slots import SlotView
from kiosk.store.db import Database
from kiosk.store.loans import HeldLoan
from kiosk.store.models import CaseRow
from kiosk.store.sync_tables import OutboxCommand, OutboxStatus
from kiosk.sync.commands import CommandKind
from kiosk.sync.errors import CentralUnreachable
from kiosk.sync.link import SyncReport
from kiosk.sync.online import OFFLINE_MESSAGE
from kiosk.sync.outbox import Answer, enqueue
from kiosk.sync.pull import set_state

OUTCOME_UNKNOWN_MESSAGE = " ".join(RULES[OUTCOME_UNKNOWN])  # the catalogue's words, in every place


class RemoteKioskCentral:
    """One kiosk (`kiosk_id`, the id its certificate names) talking to the service.

    `cache` is the kiosk's cache, which letters and evaluations are shown from once central has
    answered; book, cancel and sync take the cache as the port's other implementation does (the
    same one, on a kiosk).
    """

    def __init__(self, remote: RemoteCentral, cache: Database, *, kiosk_id: str) -> None:
        self.remote, self.cache, self.kiosk_id = remote, cache, kiosk_id

    def admit_look_up(self, case_text: str, *, visit_id: str, now: datetime) -> None:
        """Nothing to ask first: the service admits and counts a lookup in `look_up_letter` (check_letter)."""

    def look_up_letter(self, case_text: str, dob_text: str, *, today: date, now: datetime, actor: str,
                       visit_id: str = "") -> letter.LetterLookup:
        """Central checks the letter and counts misses; the cache (pulled first if it lacks the case) shows it."""
        number = self.remote.check_letter(case_text, dob_text, visit=visit_id)  # the visit's budget too
        with self.cache.session() as s:
            known = s.get(CaseRow, number) is not None
        if not known:
            link.pull(self.remote, self.cache)
        return letter.look_up_letter(self.cache, number, dob_text, today=today, now=now, actor=actor)

    def evaluate_case(self, case_number: str, *, today: date | None, has_letter: bool) -> Evaluation:
        """The cache's evaluation on a given date; a case it lacks or keeps sealed (not opened), or no date given
        (the caller asked the cache at the kiosk's date already: kiosk.app.lookup), central's at `today` or its own
        date (CentralUnreachable if away)."""
        if today is not None:
            try:
                with self.cache.session() as s:
                    return evaluate_case(s, case_number, today=today, has_letter=has_letter)
            except InputError as exc:
                if exc.code != CASE_NOT_FOUND:
                    raise
        return self.remote.evaluation(case_number, today=today, has_letter=has_letter)

    def sign_in(self, username: str, password: str, *, now: datetime) -> AccountView:
        return self.remote.sign_in(username, password)

    def create_account(self, username: str, password: str, *, now: datetime) -> AccountView:
        return self.remote.create_account(username, password)

    def link_case(self, username: str, case_number: str, *, now: datetime) -> None:
        """Central keeps it, on its grants of this visit's sign-in and letter check (kiosk.central.grants)."""
        self.remote.link_case(username, case_number)

    def cases_of(self, username: str, *, now: datetime) -> list[YourCase]:
        """Central's list, on its grant of this visit's sign-in; away, the applicant types the case number."""
        return self.remote.cases_of(username)

    def bookable_slots(self, *, now: datetime, need: int, start: date | None = None,
                       end: date | None = None) -> list[SlotView]:
        """Central's free times at its own now (when the kiosk's cache cannot be read)."""
        return self.remote.slots(need=need, start=start, end=end)

    def book(self, cache: Database, case_number: str, slot_id: str, *, now: datetime, key: str | None,
             with_cases: Sequence[str] = ()) -> KioskBooking:
        """Central's answer; unreachable (nothing sent), a seat of this kiosk's loan; lost answer, OUTCOME_UNKNOWN."""
        payload: dict = {"case_number": case_number, "slot_id": slot_id, "with_cases": list(with_cases)}
        if key:
            payload["key"] = key
        sent = self._sent_with(cache, key) if key else None
        try:
            answer = self._again(cache, sent, now) if sent else self._now(cache, CommandKind.BOOK, payload, now)
        except CentralUnreachable as exc:
            self._link_state(cache, False)  # the slot picker offers the loans' times until central answers again
            return self._from_loan(cache, case_number, slot_id, now=now, key=key, with_cases=with_cases, why=str(exc))
        except RuleError as exc:
            if exc.code == "SLOT_FULL" and not with_cases and self._holds(cache, slot_id):
                return self._from_loan(cache, case_number, slot_id, now=now, key=key, with_cases=(), why=exc.message,
                                       refusal=exc)
            raise
        self._link_state(cache, True)
        return KioskBooking(BookingResult.from_dict(answer), False, self.kiosk_id)

    def cancel(self, cache: Database, case_number: str, *, now: datetime) -> CancelResult:
        try:
            return CancelResult(**self._now(cache, CommandKind.CANCEL, {"case_number": case_number}, now))
        except CentralUnreachable as exc:
            raise RuleError("OFFLINE", OFFLINE_MESSAGE.replace("booked or changed", "cancelled")) from exc
        except RuleError as exc:  # a lost answer: said as a cancellation's (the next sync learns what central did)
            if exc.code != OUTCOME_UNKNOWN:
                raise
            raise RuleError(CANCEL_OUTCOME_UNKNOWN, " ".join(RULES[CANCEL_OUTCOME_UNKNOWN])) from exc

    def confirmation_pdf(self, case_number: str, *, now: datetime, language: str, account: str | None = None) -> bytes:
        return self.remote.confirmation_pdf(case_number, language=language, account=account)

    def sync(self, cache: Database, *, now: datetime) -> SyncReport:
        return link.sync_once(self.remote, cache, kiosk_id=self.kiosk_id, now=now)

    def dispose(self) -> None:
        self.remote.close()

    # -- plumbing -------------------------------------------------------------------------------------

    def _now(self, cache: Database, kind: CommandKind, payload: dict, now: datetime) -> dict:
        """Queue and send at once (after anything older). CentralUnreachable: nothing was sent and the command
        is closed as OFFLINE; a lost answer: RuleError OUTCOME_UNKNOWN and the command stays pending."""
        link.push(self.remote, cache, now=now)  # older commands first (an unknown one raises: not sent)
        with cache.transaction() as s:
            command_id = enqueue(s, kind, payload, now=now)
        try:
            answer = link.push_one(self.remote, cache, command_id, now=now)
        except OutcomeUnknown as exc:
            raise RuleError(OUTCOME_UNKNOWN, OUTCOME_UNKNOWN_MESSAGE) from exc
        except CentralUnreachable:
            with cache.transaction() as s:  # never sent: the applicant is told so, and it never will be
                row = s.get(OutboxCommand, command_id)
                if row is not None and row.status == OutboxStatus.PENDING.value:
                    row.status, row.pushed_at = OutboxStatus.REFUSED.value, now
                    row.result = json.dumps({"error": "OFFLINE", "message": "central unreachable"})
                set_state(s, "central_reachable", "false")
            raise
        return self._result(answer)

    def _sent_with(self, cache: Database, key: str) -> str | None:
        """The booking command already queued with this idempotency key (Confirm pressed again, or the page asking
        again after a lost reply): pending, or answered by central. One refused without being sent does not count."""
        with cache.session() as s:
            rows = s.execute(select(OutboxCommand.id, OutboxCommand.payload).where(
                OutboxCommand.kind == CommandKind.BOOK.value,
                OutboxCommand.status.in_((OutboxStatus.PENDING.value, OutboxStatus.DONE.value)))
                .order_by(OutboxCommand.created_at.desc())).all()
        return next((command_id for command_id, payload in rows if json.loads(payload).get("key") == key), None)

    def _again(self, cache: Database, command_id: str, now: datetime) -> dict:
        """A booking already sent: central's answer asked by its command id (sent again under that id if central
        never had it), never a second command. Still no answer: RuleError OUTCOME_UNKNOWN (it may have been done)."""
        try:
            answer = link.push_one(self.remote, cache, command_id, now=now)
        except CentralUnreachable as exc:  # OutcomeUnknown among them
            raise RuleError(OUTCOME_UNKNOWN, OUTCOME_UNKNOWN_MESSAGE) from exc
        return self._result(answer)

    @staticmethod
    def _result(answer: Answer) -> dict:
        if answer.status is OutboxStatus.DONE:
            return answer.result
        if answer.result.get("error") == "BAD_INPUT":
            raise InputError(answer.result["message"], field=answer.result.get("field"))
        raise RuleError(answer.result["error"], answer.result["message"])

    @staticmethod
    def _link_state(cache: Database, reachable: bool) -> None:
        with cache.transaction() as s:
            set_state(s, "central_reachable", "true" if reachable else "false")

    def _holds(self, cache: Database, slot_id: str) -> bool:
        with cache.session() as s:
            return s.get(HeldLoan, (self.kiosk_id, slot_id)) is not None

    def _from_loan(self, cache: Database, case_number: str, slot_id: str, *, now: datetime, key: str | None,
                   with_cases: Sequence[str], why: str, refusal: RuleError | None = None) -> KioskBooking:
        refused = refusal or RuleError("OFFLINE", OFFLINE_MESSAGE)
        if with_cases:
            raise refused  # group bookings need central
        try:
            result = book_offline(cache, kiosk_id=self.kiosk_id, case_number=case_number, slot_id=slot_id,
                                  now=now, key=key)
        except RuleError as exc:
            if exc.code != UNAVAILABLE:
                raise
            raise RuleError(refused.code, f"{refused.message} {exc.message}") from exc
        try:  # sent at once when central answers (SLOT_FULL case); otherwise with the next sync
            link.push(self.remote, cache, now=now)
            offline = refusal is None
        except CentralUnreachable:
            offline = True
        return KioskBooking(result, offline, self.kiosk_id)
