"""Plain values the rules work on: cases, applicants, cut-offs, slots, policy, findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Role(StrEnum):
    PRINCIPAL = "principal"
    SPOUSE = "spouse"
    CHILD = "child"


class Cspa(StrEnum):
    PROTECTED = "protected"
    NOT_PROTECTED = "not_protected"


class BookedVia(StrEnum):
    CONSULATE = "consulate"  # the post scheduled it: the "original appointment"
    SYSTEM = "system"  # booked by the applicant through the kiosk or the website


class Decision(StrEnum):
    SCHEDULE = "schedule"
    RESCHEDULE = "reschedule"
    WAIT = "wait"
    INQUIRY = "inquiry"
    NOT_HANDLED = "not_handled"


class InquiryKind(StrEnum):
    LETTER_COPY = "letter_copy"
    ADD_DERIVATIVE = "add_derivative"
    CSPA = "cspa"
    INTERVIEWED = "interviewed"
    NO_CONTACT = "no_contact"
    NOT_CURRENT = "not_current"
    CLASS_CHANGED = "class_changed"


@dataclass(frozen=True)
class Applicant:
    id: str
    role: Role
    surname: str
    given_names: str
    date_of_birth: date | None
    marital_status: str  # "single", "married", "divorced", "widowed"
    on_letter: bool = True
    cspa: Cspa | None = None
    native_name: str | None = None  # the name in the applicant's own script, e.g. 林美


    @property
    def is_derivative(self) -> bool:
        return self.role is not Role.PRINCIPAL

    @property
    def full_name(self) -> str:
        return f"{self.surname} {self.given_names}".strip()


@dataclass(frozen=True)
class Appointment:
    start: datetime  # naive, the post's local wall-clock time
    booked_via: BookedVia


@dataclass(frozen=True)
class Case:
    case_number: str
    petitioner_id: str
    visa_class: str
    priority_date: date | None
    chargeability: str
    applicants: tuple[Applicant, ...]
    petition_filed: date | None = None
    petition_approved: date | None = None
    interviewed: bool = False
    visa_class_changed: bool = False
    last_contact: date | None = None
    appointment: Appointment | None = None  # the latest appointment, if any
    # True when a booking through the system exists or existed (even if cancelled since).
    booked_via_system_before: bool = False

    @property
    def principal(self) -> Applicant | None:
        return next((a for a in self.applicants if a.role is Role.PRINCIPAL), None)


FinalAction = date | str  # a date, "C" (current) or "U" (unavailable)


@dataclass(frozen=True)
class Cutoff:
    month: str  # "YYYY-MM"
    category: str  # F1, F2A, F2B, F3, F4, EB1..EB5, DV
    chargeability: str  # CHINA, INDIA, MEXICO, PHILIPPINES, ALL, ...
    final_action: FinalAction


@dataclass(frozen=True)
class Slot:
    id: str
    start: datetime  # naive, post local time
    seats: int
    taken: int = 0

    @property
    def seats_left(self) -> int:
        return self.seats - self.taken


@dataclass(frozen=True)
class Policy:
    """Every policy value a clerk may change, with the defaults of RULES.md."""

    child_warning_days: int = 90  # CHILD_TURNS_21_SOON window
    horizon_days: int = 120  # OUTSIDE_HORIZON: no slot later than today + this
    closing_hours: int = 48  # SLOT_CLOSED: a slot starts at least this long after now
    change_window_working_days: int = 3  # CHANGE_WINDOW_CLOSED
    inquiry_answer_working_days: int = 10  # what an applicant is told to expect for an inquiry's answer
    no_contact_years: int = 1  # PRINCIPAL_NO_CONTACT_1Y
    child_age_limit: int = 21
    # Seat loans to kiosks for booking while central is unreachable (kiosk.escrow, docs/offline-booking.md).
    loan_seats: int = 2  # seats lent to each kiosk per slot; 0 turns offline booking off
    loan_working_days: int = 10  # slots of the next N working days get loans
    loan_ttl_hours: int = 24  # a loan's expiry, renewed at each sync
    loan_return_hours: int = 24  # loans end this long before the slot's closing time
    loan_margin_minutes: int = 30  # a kiosk stops using a loan this long before its expiry (clock drift)


@dataclass(frozen=True)
class Finding:
    code: str
    applicant: str | None
    message: str
    remedy: str
    inquiry: InquiryKind | None = None  # the inquiry the remedy asks for, if any
    documents: tuple[str, ...] = ()  # documents that inquiry needs (add_derivative)
    # For translation: the messages.py key ("CODE" or "CODE:variant") and the fields it was filled with,
    # as text, so a UI or printout can render the same finding in another language.
    key: str = ""
    fields: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Evaluation:
    case_number: str
    decision: Decision
    findings: tuple[Finding, ...]
    attending: tuple[str, ...]
    group: tuple[str, ...]
    earliest_date: date | None
    # The booking of a same-petitioner case the applicants should join, if any.
    join_booking_of: str | None = None

    @property
    def codes(self) -> list[str]:
        return sorted({f.code for f in self.findings})

    @property
    def may_book(self) -> bool:
        return self.decision in (Decision.SCHEDULE, Decision.RESCHEDULE)


@dataclass(frozen=True)
class Post:
    code: str
    name: str
    country: str  # ISO 3166 alpha-2 of the host country
    timezone: str
    address: str = ""
    closures: tuple[date, ...] = field(default=())
