"""A kiosk's scanned documents to central: sealed whole, cut into checksummed chunks, one outbox command each.

Sealed to central's public key first (so the pieces on the kiosk's disk are ciphertext), then cut:
each chunk is an outbox command, applied exactly once on central however often the link drops
(kiosk.sync.outbox); a dropped link resumes at the first chunk not yet answered. The chunk that
completes a document has central check it and store the PDF (kiosk.services.documents). Once central
has answered for a chunk, its data leaves the outbox (outbox.record_answer) and `forget_sent` folds
SQLite's write-ahead log so no copy of it stays in a file.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from kiosk.domain.errors import InputError
from kiosk.sealing import seal
from kiosk.store.db import Database
from kiosk.store.sync_tables import SyncState
from kiosk.sync.commands import CommandKind
from kiosk.sync.outbox import enqueue
from kiosk.sync.sealed import STATE

CHUNK_BYTES = 256 * 1024  # one outbox command: small enough to resend cheaply over a poor link


@dataclass(frozen=True)
class ScannedDocument:
    name: str  # as the inquiry lists it ("Birth certificate of LIN HAO")
    pdf: bytes
    pages: int


def queue_documents(session: Session, inquiry_reference: str, documents: Sequence[ScannedDocument], *,
                    now: datetime, chunk_bytes: int = CHUNK_BYTES) -> list[str]:
    """Queue each document's chunks in the caller's cache transaction; returns the documents' ids."""
    known = session.get(SyncState, STATE)
    if known is None:
        raise InputError("scans are sent sealed to central, and this kiosk has not yet had central's key",
                         field="documents")
    public = bytes.fromhex(known.value)
    ids = []
    for doc in documents:
        blob = seal(public, doc.pdf)
        document_id = str(uuid.uuid4())
        pieces = [blob[i:i + chunk_bytes] for i in range(0, len(blob), chunk_bytes)]
        for index, piece in enumerate(pieces):
            enqueue(session, CommandKind.DOCUMENT_CHUNK, {
                "document_id": document_id, "inquiry_reference": inquiry_reference, "name": doc.name,
                "pages": doc.pages, "index": index, "count": len(pieces),
                "chunk_sha256": hashlib.sha256(piece).hexdigest(), "blob_sha256": hashlib.sha256(blob).hexdigest(),
                "sha256": hashlib.sha256(doc.pdf).hexdigest(), "data": base64.b64encode(piece).decode(),
                "now": now.isoformat()}, now=now)
        ids.append(document_id)
    return ids


def forget_sent(cache: Database) -> None:
    """Fold the write-ahead log into the (securely deleting) database file and empty it.

    Chunks central has answered were already cut out of the outbox; their old pages in the WAL go too.
    """
    if cache.is_sqlite:
        with cache.engine.connect() as conn:
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
