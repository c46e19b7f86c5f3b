"""The clerk console's Kiosks screen lists each kiosk's health, its loans per slot and the offline reviews."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update

from kiosk.escrow.convert import place_offline_booking
from kiosk.escrow.lending import refresh
from kiosk.store.db import Database, sqlite_url
from kiosk.store.models import CaseRow
from tests.escrow.helpers import SLOT, at, seed

pytest.importorskip("pytestqt")


@pytest.fixture
def central_file(tmp_path: Path) -> Database:
    db = Database(sqlite_url(tmp_path / "central.db"))
    db.init_schema()
    yield db
    db.dispose()


def _booked_offline_after_the_interview(db: Database, case_number: str) -> None:
    """hall-1 booked the case from its loan while central marked it interviewed: a booking for a clerk to review."""
    with db.transaction() as s:
        s.execute(update(CaseRow).where(CaseRow.case_number == case_number).values(interviewed=True))
        place_offline_booking(s, kiosk_id="hall-1", payload={
            "reference": "GUZ-0FF11NE0", "case_number": case_number, "slot_id": SLOT,
            "applicants": [[f"{case_number}-1", case_number]], "replaces": None, "now": at("09:10").isoformat()})


def _scanner_reported(db: Database, kiosk_id: str, state: str, when: str) -> None:
    """The command a kiosk's scanner monitor queues (kiosk.app.scanning.report_state), applied as central applies it."""
    from kiosk.store.sync_tables import SCANNER_STATE
    from kiosk.sync import commands

    with db.transaction() as s:
        commands.run(s, kind="audit", command_id=f"{kiosk_id}-{when}", kiosk_id=kiosk_id, payload={
            "action": SCANNER_STATE, "case_number": None, "detail": {"state": state, "reason": ""},
            "now": at(when).isoformat()})


def _kiosks_page(qtbot, db: Database, tmp_path: Path, staff=None):  # type: ignore[no-untyped-def]
    """The Kiosks screen at 09:24, loading; `staff` signed in when given."""
    from kiosk.app.desk import ClerkServices
    from ui.clerk.kiosks import KiosksPage
    from ui.worker import Runner

    services = ClerkServices(db=db, out_dir=tmp_path, demo=False, clock=lambda: at("09:24"))
    if staff is not None:
        services.staff = staff
    runner = Runner()
    page = KiosksPage(services, runner)
    qtbot.addWidget(page)
    page.reload()
    return page, runner


def test_the_screen_shows_loans_per_kiosk_kiosk_health_and_bookings_to_review(qtbot, central_file, tmp_path):
    numbers = seed(central_file)
    refresh(central_file, kiosk_id="hall-1", now=at("09:00"), reported_at=at("09:00"))
    refresh(central_file, kiosk_id="hall-2", now=at("09:20"), reported_at=None)
    _booked_offline_after_the_interview(central_file, numbers[0])
    _scanner_reported(central_file, "hall-1", "ready", "09:01")  # its scanner, as its outbox's audit commands
    _scanner_reported(central_file, "hall-1", "jammed", "09:05")
    page, runner = _kiosks_page(qtbot, central_file, tmp_path)
    qtbot.waitUntil(lambda: page.reviews.rowCount() == 1, timeout=10_000)
    runner.wait_for_done()
    cells = lambda t: [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]  # noqa: E731
    assert cells(page.kiosks) == [
        ["hall-1", "silent", "2026-11-03 09:00", "2026-11-03 09:00", "3", "2", "1", "1", "-", "Scanner: paper jammed"],
        ["hall-2", "in touch", "2026-11-03 09:20", "-", "4", "2", "0", "0", "-", "-"],  # no scanner
    ]
    assert [row[:3] for row in cells(page.loans)] == [
        ["hall-1", "Tue 2026-11-03 15:00", "1"], ["hall-1", "Tue 2026-11-03 16:00", "2"],
        ["hall-2", "Tue 2026-11-03 15:00", "2"], ["hall-2", "Tue 2026-11-03 16:00", "2"],
    ]
    review = cells(page.reviews)[0]
    assert review[:6] == ["GUZ-0FF11NE0", numbers[0], SLOT, "hall-1", "2026-11-03 09:10", "yes"]
    assert review[6].startswith("ALREADY_INTERVIEWED")
    assert "7 seats lent" in page.message.text()


def test_a_clerk_resolves_a_review_from_the_screen_with_a_reason(qtbot, central_file, tmp_path):
    from tests.clerk.conftest import CLERK

    numbers = seed(central_file)
    refresh(central_file, kiosk_id="hall-1", now=at("09:00"), reported_at=at("09:00"))
    _booked_offline_after_the_interview(central_file, numbers[0])
    page, runner = _kiosks_page(qtbot, central_file, tmp_path, staff=CLERK)
    qtbot.waitUntil(lambda: page.reviews.rowCount() == 1, timeout=10_000)
    page.reviews.selectRow(0)
    page.reason.setText("interview done by mistake; booking kept")
    page.resolve_button.click()
    qtbot.waitUntil(lambda: page.reviews.rowCount() == 0, timeout=10_000)
    runner.wait_for_done()
    assert page.message.text().startswith("Review resolved. 1 kiosk,")
    assert page.reason.text() == ""
