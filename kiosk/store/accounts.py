"""The `accounts` table (applicant sign-in: Argon2id hash, failure counter, lock) and `throttles`."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.base import Base


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Stored case-folded, so the unique constraint is case-insensitive on every database.
    username: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    failed_count: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    last_failed_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Throttle(Base):
    """Failed attempts where no account row can count them: letter lookups per case number, unknown user names.

    `key` is the case number, or the SHA-256 of a user name nobody has (a typed name may be a password).
    """

    __tablename__ = "throttles"

    scope: Mapped[str] = mapped_column(String(16), primary_key=True)  # letter | sign_in | staff_sign_in
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failed_count: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime | None] = mapped_column(DateTime, default=None)  # first failure counted
    last_failed_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, default=None)


class AccountCase(Base):
    """A case whose letter was looked up (number and date of birth) while signed in to this account.

    Kept on central only: it lets a returning applicant see their case and appointment after signing
    in, and still asks for the date of birth before anything is changed.
    """

    __tablename__ = "account_cases"

    username: Mapped[str] = mapped_column(String(254), primary_key=True)  # case-folded, as accounts.username
    case_number: Mapped[str] = mapped_column(String(13), primary_key=True)
    linked_at: Mapped[datetime] = mapped_column(DateTime)
