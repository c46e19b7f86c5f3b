"""The operator: what `kiosk-admin` does, on one database, or on a kiosk's cache and central (`--config`).

The answers are the same objects the kiosk's pages get; the CLI only words them. A command
given `now` (or `today`) uses it; otherwise the post's clock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from kiosk.app import lookup
from kiosk.app.central import Central
from kiosk.app.clock import PostClock
from kiosk.domain.dates import parse_case_number
from kiosk.domain.errors import CASE_NOT_FOUND, InputError, RuleError
from kiosk.i18n.refusals import OFFLINE
from kiosk.domain.model import Evaluation
from kiosk.sync.loans import KioskBooking
from kiosk.services import booking
from kiosk.services.casefile_json import DEFAULT_MAX_BYTES
from kiosk.services.confirmation import offline_confirmation_pdf, write_atomically, write_confirmation
from kiosk.services.demo import seed_demo
from kiosk.services.case_keys import ensure_keys
from kiosk.services.importer import ImportSummary, import_file
from kiosk.services.letter import open_case
from kiosk.services.slots import SlotView, bookable_slots
from kiosk.store.db import Database
from kiosk.sync.errors import CentralUnreachable
from kiosk.sync.link import SyncReport

ACTOR = "kiosk-admin"


@dataclass
class Operator:
    """`db` is the post's database, or with `central` a kiosk's cache (then bookings need central's answer)."""

    db: Database
    central: Central | None = None
    clock: Callable[[], datetime] = field(default_factory=PostClock)
    demo: bool = False  # `db` is the embedded demo: its confirmations are marked DEMO
    kiosk_id: str | None = None  # with `central`: the kiosk whose cache `db` is

    def __post_init__(self) -> None:
        if isinstance(self.clock, PostClock):
            self.clock.learn(self.db)

    def now(self, given: datetime | None = None) -> datetime:
        return given or self.clock()

    def import_file(self, path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ImportSummary:
        # A database before its first import knows no post: the file's post then says what time it is.
        unknown = isinstance(self.clock, PostClock) and self.clock.timezone is None
        summary = import_file(self.db, path, now=None if unknown else self.now(), max_bytes=max_bytes)
        ensure_keys(self.db)  # the sealing cost, paid here once, not by the next pull (kiosk.services.case_keys)
        return summary

    def seed_demo(self, today: date) -> ImportSummary:
        return seed_demo(self.db, today, now=datetime.combine(today, time(8, 0)))

    def eligibility(self, case_number: str, *, today: date | None = None, has_letter: bool = True,
                    date_of_birth: str | None = None) -> Evaluation:
        """As the kiosk answers it: the cache first, central for a case the cache does not have yet.

        A kiosk's cache keeps each case sealed (kiosk.sealed_cases): it answers only once the
        principal's `date_of_birth` opened the case; without it central answers.
        """
        number = parse_case_number(case_number)
        self._open(number, date_of_birth)
        try:
            return lookup.evaluate(self.db, self.central, number, today=today, local_today=self.now().date(),
                                   has_letter=has_letter)
        except InputError as exc:
            raise self._sealed(number, date_of_birth, exc) from None

    def _sealed(self, number: str, date_of_birth: str | None, exc: InputError) -> InputError:
        """A case the kiosk's cache could not read without its date of birth: say what to give."""
        if date_of_birth is None and self.central is not None and exc.code == CASE_NOT_FOUND:
            return InputError("this kiosk's cache keeps the case sealed (no names or dates of birth in the "
                              "clear): give --dob (the principal's date of birth) to open it here",
                              case_number=number, field="--dob", code=CASE_NOT_FOUND)
        return exc

    def _open(self, number: str, date_of_birth: str | None) -> None:
        if date_of_birth is not None and not open_case(self.db, number, date_of_birth):
            raise InputError("the date of birth does not open this case", case_number=number, field="--dob")

    def slots(self, *, need: int = 1, start: date | None = None, end: date | None = None,
              now: datetime | None = None) -> list[SlotView]:
        if need < 1:
            raise InputError("must be at least 1", field="--need")
        with self.db.session() as s:
            return bookable_slots(s, now=self.now(now), start=start, end=end, need=need)

    def book(self, case_number: str, slot_id: str, *, key: str | None = None, with_cases: Sequence[str] = (),
             now: datetime | None = None, date_of_birth: str | None = None) -> KioskBooking:
        """Book; through a kiosk, central first and from the kiosk's seat loan when central is unreachable.

        From the loan the kiosk judges the case itself: its sealed record must be opened first, by the
        principal's `date_of_birth` (as a visit's letter look-up does).
        """
        number, others = parse_case_number(case_number), [parse_case_number(c) for c in with_cases]
        self._open(number, date_of_birth)
        if self.central is not None:
            try:
                return self.central.book(self.db, number, slot_id, now=self.now(now), key=key, with_cases=others)
            except InputError as exc:
                raise self._sealed(number, date_of_birth, exc) from None
        result = booking.book(self.db, number, slot_id, now=self.now(now), key=key, with_cases=others, actor=ACTOR)
        return KioskBooking(result, False, ACTOR)

    def cancel(self, case_number: str, *, now: datetime | None = None) -> booking.CancelResult:
        number = parse_case_number(case_number)
        if self.central is not None:
            return self.central.cancel(self.db, number, now=self.now(now))
        return booking.cancel(self.db, number, now=self.now(now), actor=ACTOR)

    def write_confirmation(self, case_number: str, out: str | Path, *, copy: bool = False,
                           now: datetime | None = None) -> Path:
        out = Path(out)
        if not out.parent.is_dir():
            raise InputError(f"folder {out.parent} does not exist", field="--out")
        if out.exists() and not out.is_file():  # a rename over /dev/null (as root) would replace the device
            raise InputError(f"{out} is not a file (a folder or a device): give the path of a PDF file to write",
                             field="--out")
        try:
            return self._write_confirmation(case_number, out, copy=copy, now=now)
        except OSError as exc:
            raise InputError(f"cannot write {out}: {exc.strerror or type(exc).__name__}", field="--out") from None

    def _write_confirmation(self, case_number: str, out: Path, *, copy: bool, now: datetime | None) -> Path:
        number = parse_case_number(case_number)
        if self.central is not None:
            if copy:
                raise InputError("--copy marks a clerk's reprint, made on central's database (--db); a kiosk "
                                 "prints the confirmation as it was signed", field="--copy")
            return write_atomically(out, self._kiosk_confirmation(number, self.now(now)))
        with self.db.transaction() as s:  # the post's signing key is made on first use
            return write_confirmation(s, number, out, now=self.now(now), copy=copy, demo=self.demo)

    def _kiosk_confirmation(self, number: str, now: datetime) -> bytes:
        """As the kiosk prints it: booked here from a seat loan, from the cache with this kiosk's signature;
        else rendered and signed on central (the cache never holds central's signing key)."""
        assert self.central is not None
        with self.db.session() as s:
            try:
                pdf = offline_confirmation_pdf(s, number, kiosk_id=self.kiosk_id or "", now=now)
            except InputError:  # no active booking in the cache (yet): central has it
                pdf = None
        if pdf is not None:
            return pdf
        try:
            return self.central.confirmation_pdf(number, now=now, language="en")
        except CentralUnreachable:
            raise RuleError(OFFLINE, "central cannot be reached, and it signs this confirmation: "
                                     "try again when the link is back") from None

    def sync(self) -> SyncReport:
        if self.central is None:
            raise InputError("sync needs a kiosk's configuration", field="--config")
        return self.central.sync(self.db, now=self.now())
