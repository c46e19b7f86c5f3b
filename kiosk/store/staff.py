"""The clerk console's schema: the `staff` table (role, Argon2id hash, failures, lock), the desk sessions signed out
of (central's only), and the case-search indexes."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint, ColumnElement, DateTime, Index, Integer, SQLColumnExpression, String, func, literal_column,
)
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.base import Base
from kiosk.store.models import ApplicantRow, CaseRow


class StaffRole(StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"  # may also override CHANGE_WINDOW_CLOSED / SLOT_CLOSED


class Staff(Base):
    __tablename__ = "staff"
    __table_args__ = (CheckConstraint("role IN ('clerk', 'supervisor')", name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Stored case-folded, so the unique constraint is case-insensitive on every database.
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    failed_count: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    last_failed_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class EndedDeskSession(Base):
    """A console's session on central the clerk signed out of (kiosk.central.desk_routes): refused from then on.
    Kept while the session could still be used (12 hours from `started_at`), pruned at later sign-outs."""

    __tablename__ = "ended_desk_sessions"

    session_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    console_id: Mapped[str] = mapped_column(String(64))  # the console's certificate id
    started_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    ended_at: Mapped[datetime] = mapped_column(DateTime)


# --- what the clerk's case search compares (kiosk.services.clerk.search), indexed by migration 0007 ---

def _joined(a: SQLColumnExpression[str], b: SQLColumnExpression[str]) -> ColumnElement[str]:
    # A literal ' ' (not a bound parameter), so the query's expression is the index's expression.
    return func.lower(a.op("||")(literal_column("' '")).op("||")(b))


SURNAME_GIVEN = _joined(ApplicantRow.surname, ApplicantRow.given_names)
GIVEN_SURNAME = _joined(ApplicantRow.given_names, ApplicantRow.surname)
PETITIONER_KEY = func.lower(CaseRow.petitioner_id)

SEARCH_INDEXES = (
    Index("ix_applicants_surname_given", SURNAME_GIVEN),
    Index("ix_applicants_given_surname", GIVEN_SURNAME),
    Index("ix_applicants_native_name", ApplicantRow.native_name),
    Index("ix_cases_petitioner_lower", PETITIONER_KEY),
)
