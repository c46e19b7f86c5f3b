"""The `Central` port: everything a kiosk asks of central, and nothing else.

A kiosk keeps a cache of central's data and works from it; it asks central only what the
cache cannot answer or must not decide: a letter or case the cache does not have yet, an
account's password, a booking or cancellation (central's answer is the one that counts), a
confirmation signed with the post's key, and the sync that pushes its outbox (queued
inquiries, accounts and audit events travel that way) and pulls central's changes.

The kiosk's cache (its outbox, its seat loans) is passed to the calls that use it: the
kiosk may replace a damaged cache while the link stays (kiosk.sync.heal).

Every method raises `CentralUnreachable` (kiosk.sync.errors) when central cannot be reached
and nothing was done; rule and input refusals come back as `RuleError` / `InputError`, as
from the core. Implementations: `kiosk.app.in_process.InProcessCentral` (central's database
in this process: the tests and tools on central's machine; a kiosk holds no database
credential) and `kiosk.central.remote_port.RemoteKioskCentral` (the kiosk-central service
over https, what every configured kiosk uses).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # the kiosk loads SQLAlchemy after its first paint; these only name types
    from kiosk.domain.model import Evaluation
    from kiosk.sync.loans import KioskBooking
    from kiosk.services.account_cases import YourCase
    from kiosk.services.accounts import AccountView
    from kiosk.services.results import CancelResult
    from kiosk.services.letter import LetterLookup
    from kiosk.services.slots import SlotView
    from kiosk.store.db import Database
    from kiosk.sync.link import SyncReport


class Central(Protocol):
    """What one kiosk (`kiosk_id`) asks central."""

    kiosk_id: str

    def admit_look_up(self, case_text: str, *, visit_id: str, now: datetime) -> None:
        """Refuse a lookup central's budgets or the case's lock do not allow (before the cache is read)."""
        ...

    def look_up_letter(self, case_text: str, dob_text: str, *, today: date, now: datetime, actor: str,
                       visit_id: str = "") -> LetterLookup:
        """The case behind a letter (central counts the misses); InputError CASE_NOT_FOUND when none matches."""
        ...

    def evaluate_case(self, case_number: str, *, today: date | None, has_letter: bool) -> Evaluation:
        """The case's evaluation on central's data (`today` a what-if date; None: central's own date);
        InputError NOT_FOUND when central has no such case."""
        ...

    def bookable_slots(self, *, now: datetime, need: int, start: date | None = None,
                       end: date | None = None) -> list[SlotView]:
        """Central's free times (when the kiosk's cache cannot be read)."""
        ...

    def sign_in(self, username: str, password: str, *, now: datetime) -> AccountView:
        ...

    def create_account(self, username: str, password: str, *, now: datetime) -> AccountView:
        ...

    def link_case(self, username: str, case_number: str, *, now: datetime) -> None:
        """Remember on the account that its holder found this case's letter (for the next visit)."""
        ...

    def cases_of(self, username: str, *, now: datetime) -> list[YourCase]:
        """The account's cases and their appointments."""
        ...

    def book(self, cache: Database, case_number: str, slot_id: str, *, now: datetime, key: str | None,
             with_cases: Sequence[str] = ()) -> KioskBooking:
        """Book on central; unreachable, from the seat loan kept in `cache` (final either way, `.offline` says which).

        No loan to book from: RuleError OFFLINE, and nothing was booked.
        """
        ...

    def cancel(self, cache: Database, case_number: str, *, now: datetime) -> CancelResult:
        """Cancel on central; unreachable: RuleError OFFLINE, and nothing was cancelled."""
        ...

    def confirmation_pdf(self, case_number: str, *, now: datetime, language: str, account: str | None = None) -> bytes:
        """The confirmation of the case's active booking, signed with the post's key; `account`: the user name
        this visit signed in with, printed on it (as the screen showed it)."""
        ...

    def sync(self, cache: Database, *, now: datetime) -> SyncReport:
        """Push the cache's outbox, pull central's changes into it; never raises for a lost link (the report says so)."""
        ...

    def dispose(self) -> None:
        """Close the connections (the kiosk is shutting down)."""
        ...
