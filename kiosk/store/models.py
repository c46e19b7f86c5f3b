"""Core tables (post, policy, cut-offs, slots, cases, bookings, idempotency, audit) and row → domain mapping."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.domain.model import Applicant, Appointment, BookedVia, Case, Cspa, Role
from kiosk.store.base import Base


class BookingStatus:
    """The three states of a booking row (plain strings in the database)."""

    ACTIVE = "active"
    CANCELLED = "cancelled"
    SUPERSEDED = "superseded"  # replaced by a rebooking; `Booking.replaces_reference` points back


class Post(Base):
    __tablename__ = "posts"

    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))
    timezone: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The post's name and address in Chinese (what applicants and taxi drivers read); optional.
    name_zh: Mapped[str | None] = mapped_column(String(200), nullable=True)
    address_zh: Mapped[str | None] = mapped_column(Text, nullable=True)


class PolicyValue(Base):
    """A clerk-changed policy value; overrides the `Policy` default of the same name."""

    __tablename__ = "policy_values"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class CutoffRow(Base):
    __tablename__ = "cutoffs"
    __table_args__ = (UniqueConstraint("month", "category", "chargeability"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    month: Mapped[str] = mapped_column(String(7))  # "YYYY-MM"
    category: Mapped[str] = mapped_column(String(8))
    chargeability: Mapped[str] = mapped_column(String(64))
    final_action: Mapped[str] = mapped_column(String(10))  # "C", "U" or an ISO date


class SlotRow(Base):
    __tablename__ = "slots"
    __table_args__ = (
        # The last line of defence against overbooking: the database refuses it.
        CheckConstraint("taken <= seats", name="taken_le_seats"),
        CheckConstraint("taken >= 0", name="taken_ge_0"),
        CheckConstraint("seats >= 0", name="seats_ge_0"),
        # Seats lent to kiosks (kiosk.escrow) are as gone as booked ones (migration 0006).
        CheckConstraint("taken + lent <= seats", name="taken_lent_le_seats"),
        CheckConstraint("lent >= 0", name="lent_ge_0"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    start: Mapped[datetime] = mapped_column(DateTime, index=True)  # naive, post-local
    seats: Mapped[int] = mapped_column(Integer)
    taken: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    lent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # escrowed to kiosks, unused


class Closure(Base):
    __tablename__ = "closures"

    date: Mapped[date] = mapped_column(Date, primary_key=True)
    reason: Mapped[str] = mapped_column(String(200), default="", server_default="")


class CaseRow(Base):
    __tablename__ = "cases"

    case_number: Mapped[str] = mapped_column(String(13), primary_key=True)
    post_code: Mapped[str] = mapped_column(String(3))
    petitioner_id: Mapped[str] = mapped_column(String(64), index=True)
    visa_class: Mapped[str] = mapped_column(String(8))
    priority_date: Mapped[date | None] = mapped_column(Date)
    chargeability: Mapped[str] = mapped_column(String(64))
    petition_filed: Mapped[date | None] = mapped_column(Date)
    petition_approved: Mapped[date | None] = mapped_column(Date)
    interviewed: Mapped[bool] = mapped_column(Boolean, default=False)
    visa_class_changed: Mapped[bool] = mapped_column(Boolean, default=False)
    last_contact: Mapped[date | None] = mapped_column(Date)
    appointment_start: Mapped[datetime | None] = mapped_column(DateTime)  # imported, naive post-local
    appointment_booked_via: Mapped[str | None] = mapped_column(String(16))  # "consulate" | "system"
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    # A kiosk's cache only: the case's personal data sealed by central (kiosk.sealed_cases); NULL on central.
    sealed: Mapped[str | None] = mapped_column(Text, nullable=True)

    applicants: Mapped[list[ApplicantRow]] = relationship(
        back_populates="case", order_by="ApplicantRow.position",
        cascade="all, delete-orphan", passive_deletes=True,
    )


class ApplicantRow(Base):
    __tablename__ = "applicants"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    case_number: Mapped[str] = mapped_column(
        ForeignKey("cases.case_number", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(16))  # principal | spouse | child
    surname: Mapped[str] = mapped_column(String(200))
    given_names: Mapped[str] = mapped_column(String(200))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    marital_status: Mapped[str] = mapped_column(String(16))
    on_letter: Mapped[bool] = mapped_column(Boolean, default=True)
    cspa: Mapped[str | None] = mapped_column(String(16))  # None | protected | not_protected
    native_name: Mapped[str | None] = mapped_column(String(200))  # the name in the applicant's own script

    case: Mapped[CaseRow] = relationship(back_populates="applicants")


class Booking(Base):
    """One appointment in one slot; seats = its applicants (lead case plus joined group cases)."""

    __tablename__ = "bookings"
    __table_args__ = (
        # At most one active booking per lead case, whatever the service does.
        Index(
            "uq_bookings_active_case", "case_number", unique=True,
            sqlite_where=text("status = 'active'"), postgresql_where=text("status = 'active'"),
        ),
    )

    reference: Mapped[str] = mapped_column(String(16), primary_key=True)
    # No foreign key: a case imported again replaces its row, its bookings are kept (DATA.md).
    case_number: Mapped[str] = mapped_column(String(13), index=True)
    slot_id: Mapped[str] = mapped_column(ForeignKey("slots.id"), index=True)
    status: Mapped[str] = mapped_column(String(12))
    seats: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)
    replaces_reference: Mapped[str | None] = mapped_column(String(16))
    kiosk_id: Mapped[str | None] = mapped_column(String(64))
    # Booked by `kiosk_id` from its seat loan while central was unreachable (kiosk.escrow): the
    # confirmation says so, and its QR code is signed with that kiosk's key.
    issued_offline: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))

    slot: Mapped[SlotRow] = relationship(lazy="joined")
    applicants: Mapped[list[BookingApplicant]] = relationship(
        back_populates="booking", cascade="all, delete-orphan",
        order_by=lambda: [BookingApplicant.case_number, BookingApplicant.applicant_id],
    )


class BookingApplicant(Base):
    __tablename__ = "booking_applicants"

    booking_reference: Mapped[str] = mapped_column(ForeignKey("bookings.reference"), primary_key=True)
    applicant_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    case_number: Mapped[str] = mapped_column(String(13), index=True)

    booking: Mapped[Booking] = relationship(back_populates="applicants")


class IdempotencyKey(Base):
    __tablename__ = "idempotency_keys"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(Text)  # operation + parameters
    response: Mapped[str] = mapped_column(Text)  # the JSON answer given the first time
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AuditEvent(Base):
    """Append-only: the migration adds triggers that refuse UPDATE and DELETE."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(64))
    case_number: Mapped[str | None] = mapped_column(String(13), index=True)
    detail: Mapped[str] = mapped_column(Text, default="{}")  # JSON object


# Crockford base32 without I, L, O, U: nothing to confuse when read aloud or typed.
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference(post_code: str, length: int = 8) -> str:
    """A short human-readable booking reference such as "GUZ-7K3M9QX2" (40 random bits)."""
    return f"{post_code.upper()}-" + "".join(secrets.choice(CROCKFORD) for _ in range(length))


def applicant_from_row(row: ApplicantRow) -> Applicant:
    return Applicant(
        id=row.id, role=Role(row.role), surname=row.surname, given_names=row.given_names,
        date_of_birth=row.date_of_birth, marital_status=row.marital_status,
        on_letter=row.on_letter, cspa=Cspa(row.cspa) if row.cspa else None, native_name=row.native_name,
    )


def applicant_from_mapping(row: Mapping[str, Any], prefix: str = "") -> Applicant:
    """The domain applicant from a Core result row whose `applicants` columns are named `prefix + column`."""
    cspa = row[prefix + "cspa"]
    return Applicant(
        id=row[prefix + "id"], role=Role(row[prefix + "role"]), surname=row[prefix + "surname"],
        given_names=row[prefix + "given_names"], date_of_birth=row[prefix + "date_of_birth"],
        marital_status=row[prefix + "marital_status"], on_letter=row[prefix + "on_letter"],
        cspa=Cspa(cspa) if cspa else None, native_name=row[prefix + "native_name"],
    )


# (status, created_at, slot start) of one booking: all the mapping needs to know about it.
BookingFacts = tuple[str, datetime, datetime | None]


def case_from_rows(case_row: CaseRow, bookings: Iterable[Booking]) -> Case:
    """The domain case; `bookings` are every booking the case leads or joined, in any status."""
    facts = [(b.status, b.created_at, b.slot.start if b.status == BookingStatus.ACTIVE else None) for b in bookings]
    return case_from_mapping(_columns(case_row), [applicant_from_row(a) for a in case_row.applicants], facts)


def _columns(case_row: CaseRow) -> dict[str, Any]:
    return {name: getattr(case_row, name) for name in CaseRow.__table__.columns.keys()}


def case_from_mapping(row: Mapping[str, Any], applicants: Iterable[Applicant], bookings: Iterable[BookingFacts]) -> Case:
    """The domain case from the `cases` columns by name, its applicants and its bookings' facts.

    The latest appointment is the active system booking's slot if there is one, else the
    imported appointment; any booking row at all means it was booked through the system.
    """
    bookings = list(bookings)
    active = [(created, start) for status, created, start in bookings
              if status == BookingStatus.ACTIVE and start is not None]  # an active booking has its slot's start
    appointment: Appointment | None = None
    if active:
        _, latest_start = max(active, key=lambda b: b[0])
        appointment = Appointment(start=latest_start, booked_via=BookedVia.SYSTEM)
    elif row["appointment_start"] is not None:
        via = BookedVia(row["appointment_booked_via"] or BookedVia.CONSULATE)
        appointment = Appointment(start=row["appointment_start"], booked_via=via)
    return Case(
        case_number=row["case_number"],
        petitioner_id=row["petitioner_id"],
        visa_class=row["visa_class"],
        priority_date=row["priority_date"],
        chargeability=row["chargeability"],
        applicants=tuple(applicants),
        petition_filed=row["petition_filed"],
        petition_approved=row["petition_approved"],
        interviewed=row["interviewed"],
        visa_class_changed=row["visa_class_changed"],
        last_contact=row["last_contact"],
        appointment=appointment,
        booked_via_system_before=bool(bookings) or row["appointment_booked_via"] == BookedVia.SYSTEM,
    )
