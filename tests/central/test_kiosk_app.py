"""The kiosk app itself (offscreen) configured with an https:// central: the real service over mutual TLS."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard
from sqlalchemy import func, select

from kiosk.domain.errors import RuleError
from kiosk.i18n.refusals import OUTCOME_UNKNOWN, refusal_text
from kiosk.store.db import Database, sqlite_url
from kiosk.store.models import Booking, BookingStatus, CaseRow
from kiosk.sync.pull import get_state
from kiosk.store.sync_tables import OutboxCommand, OutboxStatus
from tests.central.faults import FaultyLink
from kiosk.services.evaluation import load_policy, post_calendar
from tests.central.harness import ROOT, Service, add_cases, post_now
from tests.clock import Clock
from tests.factories import add_slot, seed_post
from tests.ui.central_fixtures import start_configured, stop_configured
from tests.ui.helpers import forward, look_up, press, start_and_sign_up, to_calendar
from ui.pages.ids import PageId

pytestmark = pytest.mark.postgres
DOB = "1988-07-30"  # the principal's, as tests.factories makes every case
ANSWER_MS = 60_000  # a lost reply costs the client's deadline (15 s) and a sync may be ahead of it


@pytest.fixture(scope="module")
def slots(service: Service) -> list[str]:
    """Two times far enough ahead to stay changeable (the calendar picks such a day first)."""
    seed_post(service.central)
    now = post_now()
    with service.central.session() as s:
        policy, calendar = load_policy(s), post_calendar(s)
    ids: list[str] = []
    day = now.date() + timedelta(days=10)
    while len(ids) < 2:
        start = datetime.combine(day, datetime.min.time()).replace(hour=10)
        if calendar.slot_refusal(start, now, policy) is None:
            ids.append(add_slot(service.central, start, 5))
        day += timedelta(days=1)
    return ids


@pytest.fixture
def faulty(service: Service):  # type: ignore[no-untyped-def]
    link = FaultyLink(int(service.url.rsplit(":", 1)[1]))
    yield link
    link.close()


def _config(tmp_path: Path, url: str, tls: Path) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(f'[post]\ncode = "GUZ"\n[kiosk]\nid = "hall-1"\ncache = "cache.db"\nsync_seconds = 1\n'
                    f'[central]\nurl = "{url}"\nca = "{tls}/ca.pem"\ncert = "{tls}/hall-1.pem"\n'
                    f'key = "{tls}/hall-1.key"\n', "utf-8")
    return path


def _bookings(service: Service, number: str) -> list[Booking]:
    with service.central.session() as s:
        return list(s.scalars(select(Booking).where(Booking.case_number == number)).all())


def _to_review(qtbot, k, number: str, user: str) -> None:  # type: ignore[no-untyped-def]
    start_and_sign_up(qtbot, k, user)
    look_up(qtbot, k, number, DOB)
    cal = to_calendar(qtbot, k)
    press(qtbot, cal.time_buttons()[0])
    forward(qtbot, k, PageId.REVIEW)


def test_a_visit_books_on_central_through_the_service(qtbot, qapp, tmp_path, service: Service,
                                                      slots: list[str]) -> None:
    [number] = add_cases(service.central, 701, 1)
    k = start_configured(qtbot, qapp, _config(tmp_path, service.url, service.tls), Clock(post_now()),
                         tmp_path / "printed")
    try:
        assert type(k.services.central).__name__ == "RemoteKioskCentral"  # not "central unreachable"
        assert k.link.state.reachable is True
        _to_review(qtbot, k, number, "remote.visitor@example.cn")
        chosen = k.wizard.visit.slot
        forward(qtbot, k, PageId.DONE)
        reference = k.wizard.page_of(PageId.DONE).reference.text()
    finally:
        stop_configured(k)
    [booking] = _bookings(service, number)  # once, on central, by the kiosk its certificate names
    assert booking.reference == reference and booking.slot_id == chosen.id
    assert booking.status == BookingStatus.ACTIVE and booking.kiosk_id == "hall-1" and not booking.issued_offline


def test_a_booking_whose_reply_is_lost_says_so_then_shows_the_booking_once_central_answers(
        qtbot, qapp, tmp_path, service: Service, slots: list[str], faulty: FaultyLink) -> None:
    """Never "nothing was booked"; Confirm pressed again asks about the same command; Done and the printout once
    central answers, and one booking on central."""
    [number] = add_cases(service.central, 711, 1)
    k = start_configured(qtbot, qapp, _config(tmp_path, faulty.url, service.tls), Clock(post_now()),
                         tmp_path / "printed")
    k.services.central.remote.deadline = 4.0  # each lost answer costs this (a kiosk in service: 15 s)
    try:
        _to_review(qtbot, k, number, "lost.reply@example.cn")
        review = k.wizard.page_of(PageId.REVIEW)
        # The background sync (every 0.4 s here) paused first: a round that timed out on the muted link
        # before Confirm would rightly make the kiosk offline, and Confirm would then book from its loan
        # (seen once in a whole run): this test is about the booking's own reply being lost.
        k.link.stop()
        faulty.mute_all_replies()  # the booking reaches central and commits; no answer gets back
        confirm = k.wizard.button(QWizard.WizardButton.CommitButton)
        press(qtbot, confirm)
        qtbot.waitUntil(lambda: review.outcome_unknown and not review.busy, timeout=ANSWER_MS)
        said = review.error_label.text()
        assert "Your booking could not be confirmed yet. Please do not leave: ask at the counter." in said
        assert "nothing was booked" not in said.lower() and k.wizard.currentId() == PageId.REVIEW
        assert not k.wizard.button(QWizard.WizardButton.BackButton).isVisible()  # no other time meanwhile
        review.switch_language()  # the words follow the language the applicant reads
        assert refusal_text(RuleError(OUTCOME_UNKNOWN, ""), "zh_CN") in review.error_label.text()
        review.switch_language()
        press(qtbot, confirm)  # pressed again, still without an answer: asked again, not booked again
        qtbot.waitUntil(lambda: review.busy, timeout=5_000)
        qtbot.waitUntil(lambda: not review.busy, timeout=ANSWER_MS)
        assert k.wizard.currentId() == PageId.REVIEW and "nothing was booked" not in review.error_label.text().lower()
        faulty.heal()  # central can be asked again: the page's next question gets the booking it made
        k.link.start()
        qtbot.waitUntil(lambda: k.wizard.currentId() == PageId.DONE, timeout=ANSWER_MS)
        done = k.wizard.page_of(PageId.DONE)
        qtbot.waitUntil(lambda: bool(done.print_result.text()), timeout=ANSWER_MS)
        reference, printed = done.reference.text(), done.print_result.text()
        with k.services.db.session() as s:
            commands = s.scalars(select(OutboxCommand).where(OutboxCommand.kind == "book")).all()
    finally:
        stop_configured(k)
    [command] = commands  # one command however often it was asked about; central answered it
    assert command.status == OutboxStatus.DONE.value
    [booking] = _bookings(service, number)  # booked once, whatever the kiosk heard
    assert booking.status == BookingStatus.ACTIVE and booking.kiosk_id == "hall-1" and booking.reference == reference
    assert "has been printed" in printed and (tmp_path / "printed" / f"{reference}.pdf").exists()


def test_kiosk_with_kiosk_config_starts_syncs_its_cache_through_the_service_and_exits_0(
        tmp_path, service: Service, slots: list[str]) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen",
           "KIOSK_CONFIG": str(_config(tmp_path, service.url, service.tls))}
    env.pop("KIOSK_DB_URL", None)
    done = subprocess.run([sys.executable, "-m", "ui.app", "--self-test", "--check-db"], env=env,
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "database ready" in done.stdout
    assert not (tmp_path / "data" / "consular-kiosk" / "demo.db").exists()  # not the demo
    with service.central.session() as s:
        cases = s.scalar(select(func.count()).select_from(CaseRow))
    cache = Database(sqlite_url(tmp_path / "cache.db"))  # kiosk.toml's cache, relative to the file
    try:
        with cache.session() as s:  # the first sync (started at once, finished before exit) filled it
            assert s.scalar(select(func.count()).select_from(CaseRow)) == cases
            assert get_state(s, "central_reachable") == "true" and get_state(s, "kiosk") == "hall-1"
    finally:
        cache.dispose()
