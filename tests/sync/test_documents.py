"""Scanned documents through the outbox: sealed, chunked, a link cut mid-upload, once and byte-identical on central."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.scan.pdf import document_pdf
from kiosk.services.documents import scan_pdf, scans_of
from kiosk.services.inquiries import get_inquiry, submit_inquiry
from kiosk.store.documents import DocumentChunk
from kiosk.store.sync_tables import OutboxCommand
from kiosk.central.client import RemoteCentral
from kiosk.sync.documents import ScannedDocument, queue_documents
from kiosk.sync.outbox import Answer, enqueue
from tests.factories import NOW, add_case, case_number, seed_post
from tests.escrow.proxy import CuttableProxy
from tests.scan.sane import needs_scanimage, test_scanner
from tests.sync.via import sync_once

pytestmark = [pytest.mark.postgres, needs_scanimage]
C1 = case_number(1)
BIRTH, MARRIAGE = "Birth certificate of LIN HAO", "Marriage certificate"


def _cut_before_nth_chunk(remote: RemoteCentral, proxy: CuttableProxy, n: int) -> None:
    """Before the kiosk sends the n-th chunk the link drops (the proxy in front of the service is cut)."""
    push, sent = remote.push, {"count": 0}

    def cut_then_push(command_id: str, kind: str, payload: dict) -> Answer:
        if kind == "document_chunk":
            sent["count"] += 1
            if sent["count"] == n:
                proxy.cut()
        return push(command_id, kind, payload)

    remote.push = cut_then_push  # type: ignore[method-assign]


def _disk(cache_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(cache_dir.iterdir()) if p.is_file())


def test_two_documents_through_a_cut_link_arrive_once_byte_identical_and_leave_the_kiosk(
        central, cache, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seed_post(central)
    add_case(central, C1)
    sync_once(central, cache, kiosk_id="hall-1", now=NOW)  # the case, and central's public key
    scanner = test_scanner()
    birth = document_pdf(BIRTH, [scanner.scan_page(), scanner.scan_page()], resolution=scanner.resolution)
    marriage = document_pdf(MARRIAGE, [scanner.scan_page()], resolution=scanner.resolution)
    with cache.transaction() as s:
        record = submit_inquiry(s, case_number=C1, kind="add_derivative", documents=(BIRTH, MARRIAGE),
                                now=NOW, kiosk_id="hall-1")
        enqueue(s, "inquiry", {"reference": record.reference, "case_number": C1, "kind": "add_derivative",
                               "documents": [BIRTH, MARRIAGE], "text": "", "now": NOW.isoformat()}, now=NOW)
        ids = queue_documents(s, record.reference, [ScannedDocument(BIRTH, birth, 2),
                                                    ScannedDocument(MARRIAGE, marriage, 1)], now=NOW, chunk_bytes=4096)
    with cache.session() as s:
        chunks = s.scalars(select(OutboxCommand.payload).where(OutboxCommand.kind == "document_chunk")).all()
    assert len(chunks) > 4
    on_disk = _disk(tmp_path)
    assert birth[200:264] not in on_disk and marriage[200:264] not in on_disk  # sealed: no image readable
    assert all("name" not in json.loads(p) for p in chunks)

    proxy = central.proxy()
    linked = central.through(proxy)
    _cut_before_nth_chunk(linked.remote("hall-1"), proxy, 3)
    cut = sync_once(linked, cache, kiosk_id="hall-1", now=NOW)
    assert not cut.central_reachable
    with central.session() as s:
        assert s.scalar(select(func.count()).select_from(DocumentChunk)) > 0  # part came through
        assert scans_of(s, record.reference) == []
    proxy.restore()
    again = sync_once(linked, cache, kiosk_id="hall-1", now=NOW)
    assert again.central_reachable
    proxy.close()

    with central.session() as s:
        scans = scans_of(s, record.reference)
        assert sorted((d.name, d.pages) for d in scans) == [(BIRTH, 2), (MARRIAGE, 1)]  # once each
        assert {d.id for d in scans} == set(ids)
        by_name = {d.name: scan_pdf(s, d.id) for d in scans}
        assert by_name == {BIRTH: birth, MARRIAGE: marriage}  # byte-identical
        assert s.scalar(select(func.count()).select_from(DocumentChunk)) == 0
        assert [(d.name, d.status) for d in get_inquiry(s, record.reference).documents] == [
            (BIRTH, "received"), (MARRIAGE, "received")]
    with cache.session() as s:
        left = s.scalars(select(OutboxCommand).where(OutboxCommand.kind == "document_chunk")).all()
    assert {c.status for c in left} == {"done"}
    assert all("data" not in json.loads(c.payload) and "sealed" not in json.loads(c.payload) for c in left)
    on_disk = _disk(tmp_path)  # the cache's files, its write-ahead log included
    for pdf in (birth, marriage):
        for i in range(0, len(pdf) - 64, 512):
            assert pdf[i:i + 64] not in on_disk
    for payload in chunks:
        piece = json.loads(payload)["data"]
        assert piece[:64].encode() not in on_disk and base64.b64decode(piece)[:64] not in on_disk


# A scanner jammed mid-scan, the visit finishing without that document, and no scanner at all: through the
# kiosk's scan step and real widgets (tests/ui/test_scan_step.py), which replaced the service-level copy here.
