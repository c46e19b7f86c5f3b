"""Central's side of scanned documents: chunks stored as they arrive, the whole document opened once.

Each chunk is its own outbox command (applied exactly once by the outbox's applied_commands), so a
link cut mid-upload loses nothing and doubles nothing: the kiosk pushes the chunks still pending.
The chunk that completes the set assembles the sealed document, checks both checksums (the sealed
blob's and the PDF's, taken on the kiosk), opens it with central's private key and stores the PDF.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from kiosk.domain.errors import InputError
from kiosk.sealing import SealError, open_sealed
from kiosk.services.inquiries import record_document
from kiosk.store.documents import DocumentChunk, DocumentScan
from kiosk.store.inquiries import DocumentStatus, Inquiry
from kiosk.store.sync_tables import SealingKey

KEY_NAME = "outbox"  # central's sealing key (kiosk.sync.sealed.KEY_NAME)
MAX_CHUNK_BYTES = 512 * 1024  # twice what a kiosk sends (kiosk.sync.documents.CHUNK_BYTES)
MAX_DOCUMENT_BYTES = 8 * 1024 * 1024 + 1024  # a kiosk's cap per document (kiosk.scan.pdf) and the seal's overhead
MAX_INQUIRY_BYTES = 20 * 1024 * 1024  # a kiosk's cap per inquiry (kiosk.scan.pdf): central holds to it too


@dataclass(frozen=True)
class ScanRecord:
    id: str
    inquiry_reference: str
    name: str
    pages: int
    size: int
    sha256: str
    received_at: datetime


def store_chunk(s: Session, p: dict[str, Any], *, kiosk_id: str, now: datetime) -> dict[str, Any]:
    """Keep one chunk; the last of a document assembles it. Returns how far the document is."""
    document_id, position, count = str(p["document_id"]), int(p["index"]), int(p["count"])
    if not 0 <= position < count or count * MAX_CHUNK_BYTES > 2 * MAX_DOCUMENT_BYTES:
        raise InputError(f"chunk {position} of a {count}-chunk document", field="index")
    try:
        data = base64.b64decode(p["data"], validate=True)
    except (binascii.Error, TypeError):
        raise InputError("a document chunk that is not base64", field="data") from None
    if len(data) > MAX_CHUNK_BYTES:
        raise InputError(f"a document chunk is at most {MAX_CHUNK_BYTES} bytes", field="data")
    if hashlib.sha256(data).hexdigest() != p["chunk_sha256"]:
        raise InputError(f"chunk {position} of document {document_id} does not match its checksum", field="data")
    if s.get(DocumentScan, document_id) is not None:
        return {"document_id": document_id, "complete": True}
    s.merge(DocumentChunk(document_id=document_id, position=position, data=data))
    s.flush()
    have = s.execute(select(func.count()).select_from(DocumentChunk)
                     .where(DocumentChunk.document_id == document_id)).scalar_one()
    if have < count:
        return {"document_id": document_id, "complete": False, "received": have}
    return _assemble(s, p, document_id, kiosk_id=kiosk_id, now=now)


def _assemble(s: Session, p: dict[str, Any], document_id: str, *, kiosk_id: str, now: datetime) -> dict[str, Any]:
    pieces = s.scalars(select(DocumentChunk.data).where(DocumentChunk.document_id == document_id)
                       .order_by(DocumentChunk.position)).all()
    blob = b"".join(pieces)
    if len(blob) > MAX_DOCUMENT_BYTES:
        raise InputError(f"document {document_id} is over {MAX_DOCUMENT_BYTES} bytes", field="data")
    if hashlib.sha256(blob).hexdigest() != p["blob_sha256"]:
        raise InputError(f"document {document_id} does not match its checksum once whole", field="data")
    key = s.get(SealingKey, KEY_NAME)
    if key is None:
        raise InputError("a sealed document, but central has no sealing key (a replaced central?)", field="data")
    try:
        pdf = open_sealed(bytes.fromhex(key.private_key), blob)
    except SealError as exc:
        raise InputError(f"document {document_id} cannot be opened: {exc}", field="data") from None
    digest = hashlib.sha256(pdf).hexdigest()
    if digest != p["sha256"] or not pdf.startswith(b"%PDF-"):
        raise InputError(f"document {document_id} is not the PDF the kiosk scanned", field="data")
    reference, name = str(p["inquiry_reference"]), str(p["name"])
    held = s.execute(select(func.coalesce(func.sum(DocumentScan.size), 0))
                     .where(DocumentScan.inquiry_reference == reference)).scalar_one()
    if held + len(pdf) > MAX_INQUIRY_BYTES:
        raise InputError(f"inquiry {reference}'s documents would be over {MAX_INQUIRY_BYTES} bytes", field="data")
    s.add(DocumentScan(id=document_id, inquiry_reference=reference, name=name, pages=int(p["pages"]),
                       size=len(pdf), sha256=digest, pdf=pdf, kiosk_id=kiosk_id, received_at=now))
    s.execute(delete(DocumentChunk).where(DocumentChunk.document_id == document_id))
    s.flush()
    if s.get(Inquiry, reference) is not None:  # else the inquiry's own command marks it when it arrives
        mark_received(s, reference, now=now)
    return {"document_id": document_id, "complete": True, "sha256": digest}


def mark_received(s: Session, reference: str, *, now: datetime) -> None:
    """The inquiry's expected documents that have arrived scanned are received (commands arrive in any order)."""
    for name in s.scalars(select(DocumentScan.name).where(DocumentScan.inquiry_reference == reference)):
        try:
            record_document(s, reference, name, DocumentStatus.RECEIVED, now=now)
        except InputError:
            pass  # a document the inquiry did not list: kept all the same, a clerk sees it


def scans_of(s: Session, reference: str) -> list[ScanRecord]:
    """An inquiry's scanned documents, in the order they arrived (without their PDFs)."""
    rows = s.execute(select(DocumentScan.id, DocumentScan.inquiry_reference, DocumentScan.name, DocumentScan.pages,
                            DocumentScan.size, DocumentScan.sha256, DocumentScan.received_at)
                     .where(DocumentScan.inquiry_reference == reference)
                     .order_by(DocumentScan.received_at, DocumentScan.name)).all()
    return [ScanRecord(*row) for row in rows]


def scan_pdf(s: Session, document_id: str) -> bytes:
    row = s.get(DocumentScan, document_id)
    if row is None:
        raise InputError(f"no scanned document {document_id}", field="document")
    return row.pdf


def store_document(s: Session, reference: str, name: str, pdf: bytes, pages: int, *, kiosk_id: str,
                   now: datetime) -> str:
    """A kiosk on the post's own database (the demo, `--db`): the PDF stored whole at once, nothing to seal."""
    document_id = str(uuid.uuid4())
    s.add(DocumentScan(id=document_id, inquiry_reference=reference, name=name, pages=pages, size=len(pdf),
                       sha256=hashlib.sha256(pdf).hexdigest(), pdf=pdf, kiosk_id=kiosk_id, received_at=now))
    s.flush()
    mark_received(s, reference, now=now)
    return document_id
