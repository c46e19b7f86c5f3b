"""The operator (`kiosk-admin`'s use cases) without Qt or argparse: on one database, and through a kiosk."""

from __future__ import annotations

from datetime import datetime

import pytest

from kiosk.app.in_process import InProcessCentral
from kiosk.app.operator import Operator
from kiosk.domain.errors import CASE_NOT_FOUND, InputError
from kiosk.store.db import Database
from tests.app.conftest import CASE, DOB, NOW, SLOT, TODAY
from tests.pdf.pdfcheck import pdf_text


def test_the_operator_evaluates_lists_books_prints_and_cancels(demo: Database, tmp_path) -> None:
    op = Operator(demo, clock=lambda: NOW)
    assert op.eligibility(CASE, today=TODAY).may_book
    assert SLOT in [s.id for s in op.slots(need=1)]
    with pytest.raises(InputError):
        op.slots(need=0)
    booked = op.book(CASE, SLOT, key="op-1")
    assert op.book(CASE, SLOT, key="op-1") == booked  # the same key answers the same booking
    assert "DEMO" not in pdf_text(op.write_confirmation(CASE, tmp_path / "c.pdf").read_bytes())  # `--db`
    on_demo = Operator(demo, clock=lambda: NOW, demo=True)  # kiosk-admin without --db: the embedded demo
    assert "DEMO — not a real appointment" in pdf_text(on_demo.write_confirmation(CASE, tmp_path / "d.pdf").read_bytes())
    assert op.cancel(CASE, now=datetime(2026, 11, 2, 10, 0)).reference == booked.result.reference


def test_through_a_kiosk_the_operator_asks_as_the_kiosk_asks(link: InProcessCentral, cache: Database) -> None:
    op = Operator(cache, link, clock=lambda: NOW)
    # Same policy as the kiosk's: a case the cache does not have yet is evaluated on central.
    assert op.eligibility(CASE, today=TODAY).may_book
    down = Operator(cache, InProcessCentral(None, kiosk_id="hall-1", error="no password"), clock=lambda: NOW)
    with pytest.raises(InputError) as missing:
        down.eligibility(CASE, today=TODAY)  # central unreachable: the cache's answer stands
    assert missing.value.code == CASE_NOT_FOUND
    assert op.sync().central_reachable
    # Synced: now the cache has it, sealed; the principal's date of birth opens it there.
    assert down.eligibility(CASE, today=TODAY, date_of_birth=DOB).may_book
    booked = op.book(CASE, SLOT, key="op-2")
    assert not booked.offline and booked.kiosk_id == "hall-1"
