"""Central's tables for scanned documents: chunks as they arrive from a kiosk, and each whole document.

Central only: never synced to kiosks (not in SYNCED_TABLES). A kiosk's outbox carries a document as
sealed chunks (kiosk.sync.documents); central keeps the chunks until the last one arrives, then
stores the opened PDF once and drops the chunks.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.base import Base


class DocumentChunk(Base):
    __tablename__ = "document_chunks"

    document_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)  # a piece of the document sealed to central's key


class DocumentScan(Base):
    """One scanned document (a PDF), attached to an inquiry and named as its expected document."""

    __tablename__ = "document_scans"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the kiosk's document id
    inquiry_reference: Mapped[str] = mapped_column(String(20), index=True)  # no foreign key: may arrive first
    name: Mapped[str] = mapped_column(String(200))
    pages: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    kiosk_id: Mapped[str | None] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(DateTime)
