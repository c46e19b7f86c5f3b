"""Tables for inquiries, their expected documents, and each post's confirmation-signing key."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.domain.model import InquiryKind
from kiosk.store.base import Base


class InquiryStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class DocumentStatus(StrEnum):
    EXPECTED = "expected"  # the rule asks for it; not yet brought or sent
    RECEIVED = "received"
    ACCEPTED = "accepted"
    REJECTED = "rejected"  # unreadable or wrong: the applicant sends it again


def _one_of(column: str, values: type[StrEnum]) -> str:
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"


class Inquiry(Base):
    __tablename__ = "inquiries"
    __table_args__ = (
        CheckConstraint(_one_of("kind", InquiryKind), name="kind"),
        CheckConstraint(_one_of("status", InquiryStatus), name="status"),
    )

    reference: Mapped[str] = mapped_column(String(20), primary_key=True)  # "INQ-GUZ-7K3M9Q"
    kind: Mapped[str] = mapped_column(String(20))
    # A plain indexed column, no foreign key: a re-imported case replaces its row (DATA.md).
    case_number: Mapped[str] = mapped_column(String(13), index=True)
    applicant_id: Mapped[str | None] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default=InquiryStatus.OPEN.value, index=True)
    outcome: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)  # naive, post-local
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    kiosk_id: Mapped[str | None] = mapped_column(String(64))
    # Where the answer goes (e-mail or postal address), given with the applicant's consent; personal: sealed in
    # the outbox and never pulled into a cache.
    contact: Mapped[str | None] = mapped_column(Text, nullable=True)

    documents: Mapped[list[InquiryDocument]] = relationship(
        back_populates="inquiry", order_by="InquiryDocument.position", cascade="all, delete-orphan"
    )


class InquiryDocument(Base):
    """A document the inquiry's rule asks for (birth certificate …) and where it stands."""

    __tablename__ = "inquiry_documents"
    __table_args__ = (
        UniqueConstraint("inquiry_reference", "name"),
        CheckConstraint(_one_of("status", DocumentStatus), name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    inquiry_reference: Mapped[str] = mapped_column(ForeignKey("inquiries.reference", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(10), default=DocumentStatus.EXPECTED.value)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)

    inquiry: Mapped[Inquiry] = relationship(back_populates="documents")


class PostKey(Base):
    """The HMAC key a post signs confirmation QR codes with (hex, 32 random bytes)."""

    __tablename__ = "post_keys"

    post_code: Mapped[str] = mapped_column(String(3), primary_key=True)
    hmac_key: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime)


INQUIRY_TABLES = (Inquiry.__table__, InquiryDocument.__table__, PostKey.__table__)
