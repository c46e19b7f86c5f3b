"""A visit's scans, Qt-free: the documents an inquiry asks for, each one's pages in memory, what is missing.

The scan step (a page, off the GUI thread) drives this: scan a page of a named document, rescan it,
add a page; a scanner that fails says its state and leaves the pages scanned so far, so the visit
goes on without that document (the receipt says to bring it, as without a scanner). Pages never touch
the disk: at the end they become PDFs queued sealed in the outbox, or are dropped with the visit.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import Session

from kiosk.domain.errors import InputError
from kiosk.scan.pdf import check_inquiry_total, document_pdf
from kiosk.scan.scanner import Scanner, ScanError, ScannerState
from kiosk.sync.documents import ScannedDocument, queue_documents


class ScanDevice(Protocol):
    """What a visit scans with: a Scanner, or the kiosk's shared one (kiosk.scan.device.KioskScanner)."""

    @property
    def resolution(self) -> int: ...

    def scan_page(self) -> bytes: ...


class VisitScans:
    def __init__(self, scanner: ScanDevice | None, names: Sequence[str], *,
                 state: ScannerState | None = None) -> None:
        """`state` as last seen (the kiosk's probe, so no I/O here); without it a Scanner is asked now."""
        self.scanner = scanner
        self.names = tuple(names)
        if state is None:
            state = scanner.state() if isinstance(scanner, Scanner) else ScannerState.ABSENT
        self.state = state if scanner is not None else ScannerState.ABSENT
        self.error = ""  # the last failure's words (scanimage's), for the log and a clerk
        self._pages: dict[str, list[bytes]] = {n: [] for n in self.names}

    @property
    def available(self) -> bool:
        """Whether the step is offered: without a scanner it is skipped."""
        return self.scanner is not None and self.state is not ScannerState.ABSENT

    def add_page(self, name: str) -> bool:
        """Scan one more page of `name`; False (with `state` and `error` set) if the scanner failed."""
        pages = self._pages_of(name)
        if self.scanner is None:
            self.state = ScannerState.ABSENT
            return False
        try:
            page = self.scanner.scan_page()
        except ScanError as exc:
            self.state, self.error = exc.state, exc.message
            return False
        self.state, self.error = ScannerState.READY, ""
        pages.append(page)
        return True

    def rescan(self, name: str) -> bool:
        """Scan `name` again from its first page (the earlier pages kept if this scan fails)."""
        kept = list(self._pages_of(name))
        self._pages[name] = []
        if not self.add_page(name):
            self._pages[name] = kept
            return False
        return True

    def rescan_last(self, name: str) -> bool:
        """Scan the last page of `name` again: the new scan replaces it (kept if this scan fails)."""
        pages = self._pages_of(name)
        if not pages:
            return self.add_page(name)
        last = pages.pop()
        if not self.add_page(name):
            pages.append(last)
            return False
        return True

    def pages(self, name: str) -> tuple[bytes, ...]:
        return tuple(self._pages_of(name))

    def missing(self) -> list[str]:
        return [n for n in self.names if not self._pages[n]]

    def documents(self) -> list[ScannedDocument]:
        """Each scanned document as its PDF; TooLarge over a cap (per document, per inquiry)."""
        docs = [ScannedDocument(n, document_pdf(n, pages, resolution=self._resolution()), len(pages))
                for n, pages in self._pages.items() if pages]
        check_inquiry_total([len(d.pdf) for d in docs])
        return docs

    def queue(self, session: Session, reference: str, *, now: datetime) -> list[str]:
        """Queue the scanned documents for central in the caller's transaction, then forget the pages."""
        ids = queue_documents(session, reference, self.documents(), now=now)
        self.discard()
        return ids

    def discard(self) -> None:
        """Drop every page (the visit ended or was abandoned)."""
        for pages in self._pages.values():
            pages.clear()

    def _pages_of(self, name: str) -> list[bytes]:
        if name not in self._pages:
            raise InputError(f"this inquiry asks for no {name!r}", field="document")
        return self._pages[name]

    def _resolution(self) -> int:
        return self.scanner.resolution if self.scanner is not None else 150
