"""The kiosk app against central: bookings through central, the link in the status line, the outbox draining."""

from __future__ import annotations

import re

import json
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel
from sqlalchemy import delete, select

from kiosk.domain.errors import InputError
from kiosk.services.confirmation import ConfirmationState, check_confirmation

from kiosk.store.accounts import Account
from kiosk.store.inquiries import Inquiry
from kiosk.store.loans import HeldLoan
from kiosk.store.models import Booking, BookingStatus
from kiosk.store.sync_tables import OutboxCommand
from tests.pdf.pdfcheck import pdf_text, qr_codes
from tests.ui.central_fixtures import SYNC_MS, start_configured, stop_configured, write_config
from tests.ui.helpers import forward, give_contact, look_up, press, start_and_sign_up, to_calendar, type_into
from tests.ui.link_proxy import SilentHost
from ui.pages.ids import PageId

OFFLINE_WITHIN_MS = SYNC_MS + 1_500  # one interval, plus the round that notices it


def _outbox(db) -> list[tuple[str, str, dict]]:  # type: ignore[no-untyped-def]
    with db.session() as s:
        rows = s.scalars(select(OutboxCommand).order_by(OutboxCommand.created_at)).all()
        return [(r.kind, r.status, json.loads(r.payload)) for r in rows]


def _cut(qtbot, k, link) -> float:  # type: ignore[no-untyped-def]
    """Cut the network; return how long the status line took to say so (ms)."""
    started = time.monotonic()
    link.cut()
    qtbot.waitUntil(lambda: k.link.state.offline, timeout=OFFLINE_WITHIN_MS)
    return (time.monotonic() - started) * 1000


def test_first_sync_fills_the_cache_and_the_status_line_says_connected(central_kiosk) -> None:
    k = central_kiosk
    assert k.link.state.reachable is True
    assert k.shell.link_label.text() == "Connected — last sync 09:00"
    assert k.shell.link_icon.isVisible() and not k.shell.outbox_label.isVisible()
    assert not k.shell.demo_banner.isVisible()
    with k.services.db.session() as s:
        assert s.get(Booking, "nothing") is None and s.scalar(select(OutboxCommand.id)) is None
    assert k.services.look_up_letter("GUZ2019000001", "1988-07-30").evaluation.may_book  # from the cache


def test_a_booking_is_made_on_central_and_its_confirmation_printed_from_central(qtbot, central_kiosk,
                                                                                  central_db) -> None:
    k = central_kiosk
    start_and_sign_up(qtbot, k, "central.visitor@example.cn")
    with central_db.session() as s:
        made = s.scalar(select(Account.username))  # the account lives on central, under its tagged name
    assert re.fullmatch(r"central\.visitor-\d{4}@example\.cn", made)
    with k.services.db.session() as s:
        assert s.scalar(select(Account.id)) is None  # ... and never in the cache
    look_up(qtbot, k, "GUZ2019000001", "1988-07-30")
    cal = to_calendar(qtbot, k)
    press(qtbot, cal.time_buttons()[0])
    chosen = k.wizard.visit.slot
    forward(qtbot, k, PageId.REVIEW)
    forward(qtbot, k, PageId.DONE)
    done = k.wizard.page_of(PageId.DONE)
    reference = done.reference.text()
    with central_db.session() as s:
        booking = s.get(Booking, reference)
        assert booking.slot_id == chosen.id and booking.status == BookingStatus.ACTIVE and booking.seats == 3
        assert booking.kiosk_id == "hall-1"
    assert [(kind, status) for kind, status, _ in _outbox(k.services.db)] == [("book", "done")]
    # The sync the booking asked for brings it into the cache.
    qtbot.waitUntil(lambda: _cached_booking(k.services.db, reference), timeout=5_000)
    qtbot.waitUntil(lambda: bool(done.print_result.text()), timeout=20_000)  # printed at once
    assert "has been printed" in done.print_result.text()
    assert (k.services.print_dir / f"{reference}.pdf").stat().st_size > 0


def _cached_booking(db, reference: str) -> bool:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return s.get(Booking, reference) is not None


def test_offline_shows_within_one_interval_and_the_calendar_offers_only_the_kiosks_times_for_the_group(
        qtbot, central_kiosk, central_db, link) -> None:
    k = central_kiosk
    start_and_sign_up(qtbot, k)
    took_ms = _cut(qtbot, k, link)
    assert took_ms < OFFLINE_WITHIN_MS
    # The kiosk holds seats central lent it: the status line does not say "bookings paused".
    assert k.shell.link_label.text() == ("Offline since 09:00 — you can still book the times shown, check "
                                         "eligibility and send inquiries")
    assert k.shell.link_icon.isVisible()  # a warning icon beside the words, not colour alone
    look_up(qtbot, k, "GUZ2019000001", "1988-07-30")  # eligibility still answers, from the cache
    assert "may book" in k.wizard.page_of(PageId.ELIGIBILITY).decision_label.text()
    assert not k.shell.link_notice.isVisible()
    forward(qtbot, k, PageId.CALENDAR)
    cal = k.wizard.page_of(PageId.CALENDAR)
    qtbot.waitUntil(lambda: cal.offline_note.isVisible(), timeout=10_000)
    # Three applicants, and the kiosk holds two seats of each slot: no time can be booked offline.
    assert cal.time_buttons() == [] and not cal.nothing.isVisible()
    assert "no seats left for 3 applicants" in cal.offline_note.text()
    assert k.shell.link_notice.isVisible()
    assert "You can still book one of the times shown" in k.shell.link_notice_text.text()
    assert "booking several cases together, need the connection" in k.shell.link_notice_text.text()
    with central_db.session() as s:
        assert s.scalars(select(Booking).where(Booking.case_number == "GUZ2019000001")).all() == []


def test_offline_without_loans_the_status_line_and_notice_say_bookings_are_paused(qtbot, central_kiosk,
                                                                                   link) -> None:
    k = central_kiosk
    _cut(qtbot, k, link)
    # As if central had lent this kiosk nothing. Only once the link is down: a background sync in flight
    # before the cut could bring the loans back (it did once, in a two-worker run).
    with k.services.db.transaction() as s:
        s.execute(delete(HeldLoan))
    paused = "Offline since 09:00 — bookings paused, you can still check eligibility and send inquiries"
    k.link.sync_now()  # the next round, still offline, counts the seats left
    qtbot.waitUntil(lambda: k.shell.link_label.text() == paused, timeout=10_000)
    assert k.shell.link_label.text() == paused
    start_and_sign_up(qtbot, k)
    look_up(qtbot, k, "GUZ2019000016", "1970-05-05")
    forward(qtbot, k, PageId.CALENDAR)
    cal = k.wizard.page_of(PageId.CALENDAR)
    qtbot.waitUntil(lambda: cal.offline_note.isVisible(), timeout=10_000)
    assert cal.time_buttons() == [] and "no seats left for 1 applicant," in cal.offline_note.text()
    assert "appointments cannot be booked or changed" in k.shell.link_notice_text.text()


def test_offline_a_single_applicant_books_from_the_kiosks_seat_loan_and_central_gets_it_later(
        qtbot, central_kiosk, central_db, link) -> None:
    k = central_kiosk
    start_and_sign_up(qtbot, k)
    _cut(qtbot, k, link)
    look_up(qtbot, k, "GUZ2019000016", "1970-05-05")
    cal = to_calendar(qtbot, k)
    with k.services.db.session() as s:  # the seats central lent this kiosk at the last sync
        loaned = set(s.scalars(select(HeldLoan.slot_id).where(HeldLoan.seats > 0)))
    assert cal.offline and cal.offline_note.isVisible() and "only the times this kiosk" in cal.offline_note.text()
    offered = {slot.id for day in cal._slots.values() for slot in day}
    assert offered and offered <= loaned  # only what the loans cover
    assert all("bookable here" in b.text() for b in cal.time_buttons())
    press(qtbot, cal.time_buttons()[0])
    forward(qtbot, k, PageId.REVIEW)
    review = k.wizard.page_of(PageId.REVIEW)
    assert any("confirmation it prints is final" in t for t in _card_texts(review))
    review.understand.setChecked(True)  # the loans' days lie inside the change window
    forward(qtbot, k, PageId.DONE)  # booked from a seat central lent this kiosk: final
    done = k.wizard.page_of(PageId.DONE)
    reference = done.reference.text()
    assert any("Booked offline at this kiosk" in t for t in _card_texts(done))
    with central_db.session() as s:
        assert s.get(Booking, reference) is None  # central has not heard of it yet ...
    # ... and the confirmation prints here all the same, at once
    qtbot.waitUntil(lambda: bool(done.print_result.text()), timeout=20_000)
    assert "has been printed" in done.print_result.text()
    pdf = k.services.confirmation_pdf("GUZ2019000016", "en", reference)  # what went to the printer
    assert "Issued offline by this kiosk" in " ".join(pdf_text(pdf).split()) and "hall-1" not in pdf_text(pdf)
    (payload,) = qr_codes(pdf)
    link.restore()
    qtbot.waitUntil(lambda: k.link.state.reachable and k.link.state.outbox == 0, timeout=10_000)
    with central_db.session() as s:  # ... and keeps it once the link is back; the clerk's check says genuine
        booking = s.get(Booking, reference)
        assert booking.case_number == "GUZ2019000016" and booking.status == BookingStatus.ACTIVE
        assert check_confirmation(s, payload).state is ConfirmationState.CURRENT


def test_a_time_chosen_online_then_the_link_drops_review_offers_the_times_the_kiosk_can_book(
        qtbot, central_kiosk, central_db, link) -> None:
    k = central_kiosk
    start_and_sign_up(qtbot, k)
    look_up(qtbot, k, "GUZ2019000016", "1970-05-05")
    cal = to_calendar(qtbot, k)
    with k.services.db.session() as s:
        loaned = set(s.scalars(select(HeldLoan.slot_id).where(HeldLoan.seats > 0)))
    slot = next(s for s in k.services.bookable_slots(1) if s.id not in loaned)  # past the loans' few days
    cal.month.choose(slot.start.date())
    name = f"time_{slot.start:%H%M}"
    qtbot.waitUntil(lambda: any(b.objectName() == name for b in cal.time_buttons()))
    press(qtbot, next(b for b in cal.time_buttons() if b.objectName() == name))
    forward(qtbot, k, PageId.REVIEW)
    _cut(qtbot, k, link)
    review = k.wizard.page_of(PageId.REVIEW)
    review.understand.setChecked(True)  # (shown only if the time is inside the change window)
    forward(qtbot, k)
    # Back on the calendar, where the time was chosen: the times this kiosk can book, without the lost one.
    qtbot.waitUntil(lambda: k.wizard.currentId() == PageId.CALENDAR and bool(cal.alternative_buttons())
                    and all(b.isVisible() for b in cal.alternative_buttons()), timeout=10_000)
    assert "Nothing was booked" in cal.error_label.text()
    assert cal.times_title.text() == "This kiosk can still book these times while offline:"
    alternatives = cal.alternative_buttons()
    assert {b.objectName()[4:] for b in alternatives} <= loaned and f"alt_{slot.id}" not in {
        b.objectName() for b in alternatives}
    press(qtbot, alternatives[0])
    forward(qtbot, k, PageId.REVIEW)
    review.understand.setChecked(True)
    forward(qtbot, k, PageId.DONE)
    assert k.wizard.visit.notes["offline_kiosk"] == "hall-1"


def _card_texts(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [w.text() for w in page.findChildren(QLabel) if w.isVisible()]


def test_an_inquiry_sent_offline_waits_in_the_outbox_and_reaches_central_when_the_link_returns(
        qtbot, central_kiosk, central_db, link) -> None:
    k = central_kiosk
    start_and_sign_up(qtbot, k)
    _cut(qtbot, k, link)
    look_up(qtbot, k, "GUZ2019000006", "1981-12-01")
    forward(qtbot, k, PageId.INQUIRY)
    page = k.wizard.page_of(PageId.INQUIRY)
    qtbot.keyClicks(page.text, "We moved to Foshan.")
    give_contact(page)
    forward(qtbot, k, PageId.DONE)
    reference = k.wizard.page_of(PageId.DONE).reference.text()
    with k.services.db.session() as s:
        assert s.get(Inquiry, reference).case_number == "GUZ2019000006"  # kept in the cache ...
    (kind, status, payload), = _outbox(k.services.db)
    assert (kind, status, payload["reference"]) == ("inquiry", "pending", reference)  # ... and queued with it
    qtbot.waitUntil(lambda: k.link.state.outbox == 1, timeout=OFFLINE_WITHIN_MS)
    assert k.shell.outbox_label.isVisible() and k.shell.outbox_label.text().startswith("1 item")
    link.restore()
    qtbot.waitUntil(lambda: k.link.state.reachable and k.link.state.outbox == 0, timeout=10_000)
    with central_db.session() as s:
        (row,) = s.scalars(select(Inquiry).where(Inquiry.case_number == "GUZ2019000006")).all()
        assert row.reference == reference  # the reference the applicant holds is central's
        assert (row.kind, row.kiosk_id) == ("no_contact", "hall-1") and "Foshan" in row.text
    with k.services.db.session() as s:  # the pull brought back the same row, not a second one
        assert s.scalars(select(Inquiry.reference).where(Inquiry.case_number == "GUZ2019000006")).all() == [reference]
    assert k.shell.link_label.text() == "Connected — last sync 09:00" and not k.shell.outbox_label.isVisible()


def test_an_account_created_offline_is_kept_in_the_cache_and_reaches_central(qtbot, central_kiosk, central_db,
                                                                              link) -> None:
    k = central_kiosk
    _cut(qtbot, k, link)
    start_and_sign_up(qtbot, k, "made.offline@example.cn")
    made = k.wizard.visit.account.username
    assert re.fullmatch(r"made\.offline-\d{4}@example\.cn", made)
    assert made in k.wizard.page_of(PageId.LETTER).new_username.text()  # said where the visitor can note it
    (kind, status, payload), = _outbox(k.services.db)
    assert (kind, status) == ("account", "pending")  # name and hash sealed to central (kiosk.sync.sealed)
    assert not {"username", "password", "password_hash"} & set(payload) and "made.offline" not in json.dumps(payload)
    with k.services.db.session() as s:
        local_hash = s.scalar(select(Account.password_hash).where(Account.username == made))
    assert local_hash.startswith("$argon2id$")
    link.restore()
    qtbot.waitUntil(lambda: k.link.state.reachable and k.link.state.outbox == 0, timeout=10_000)
    with central_db.session() as s:
        assert s.scalar(select(Account.password_hash).where(Account.username == made)) == local_hash
    with k.services.db.session() as s:  # central has it: the kiosk keeps no name or hash any longer
        assert s.scalar(select(Account.id)) is None
    # Now central knows it: signing in with it works from the next visit on.
    from tests.ui.conftest import PASSPHRASE

    assert k.services.sign_in(made, PASSPHRASE).username == made


def test_the_calendar_shows_seats_another_kiosk_took_after_the_next_sync(qtbot, central_kiosk, central_db,
                                                                          clock) -> None:
    from kiosk.services.booking import book
    from ui.i18n import fmt_date

    k = central_kiosk
    start_and_sign_up(qtbot, k)
    look_up(qtbot, k, "GUZ2019000001", "1988-07-30")
    cal = to_calendar(qtbot, k)
    free = k.services.bookable_slots(3)
    later_day = sorted({s.start.date() for s in free})[1]
    cal.month.choose(later_day)  # the visitor looks at another day than the first one shown
    first = next(s for s in free if s.start.date() == later_day)
    other = book(central_db, "GUZ2019000013", first.id, now=clock.now, kiosk_id="hall-2")  # another kiosk
    with qtbot.waitSignal(k.link.data_changed, timeout=OFFLINE_WITHIN_MS):
        pass
    button = f"time_{first.start:%H%M}"
    left = first.seats_left - len(other.applicants)
    qtbot.waitUntil(lambda: any(b.objectName() == button and f"{left} seat" in b.text() for b in cal.time_buttons()),
                    timeout=5_000)
    assert fmt_date(later_day) in cal.times_title.text()  # still the day the visitor chose


def test_a_letter_not_yet_in_the_cache_is_looked_up_on_central_while_it_answers(qtbot, qapp, tmp_path, central_db,
                                                                                   link, clock, monkeypatch) -> None:
    from kiosk.services.letter import NOT_FOUND

    k = start_configured(qtbot, qapp, write_config(tmp_path, central_db.url, port=link.port), clock, tmp_path,
                         sync_ms=60_000, first_sync=False)  # nothing synced yet: the cache is empty
    try:
        found = k.services.look_up_letter("GUZ2019000001", "1988-07-30")
        assert found.case.case_number == "GUZ2019000001" and found.evaluation.may_book
        link.cut()
        with pytest.raises(InputError) as missing:
            k.services.look_up_letter("GUZ2019000001", "1988-07-30")
        assert missing.value.reason == NOT_FOUND  # offline, the cache's answer stands
    finally:
        stop_configured(k)


def test_signing_in_offline_says_existing_accounts_cannot_be_checked(qtbot, central_kiosk, link) -> None:
    k = central_kiosk
    _cut(qtbot, k, link)
    forward(qtbot, k, PageId.SIGN_IN)
    page = k.wizard.page_of(PageId.SIGN_IN)
    type_into(qtbot, page.username, "someone@example.cn")
    type_into(qtbot, page.password, "a long enough passphrase here")
    forward(qtbot, k)
    assert k.wizard.currentId() == PageId.SIGN_IN
    assert "cannot be checked right now" in page.error_label.text()
    assert "create a new account" in page.error_label.text()


def test_the_gui_keeps_running_while_a_sync_waits_out_a_silent_central(qtbot, qapp, tmp_path, central_db, clock,
                                                                        monkeypatch) -> None:
    silent = SilentHost()  # accepts the TCP connection, never answers: the connect timeout runs out
    connect_timeout = 2.0
    path = write_config(tmp_path, central_db.url, port=silent.port, query=f"?connect_timeout={connect_timeout:g}")
    k = start_configured(qtbot, qapp, path, clock, tmp_path, sync_ms=60_000, first_sync=False)
    try:
        ticks: list[float] = []
        timer = QTimer(interval=10)
        timer.timeout.connect(lambda: ticks.append(time.monotonic()))
        timer.start()
        page_work: list[float] = []
        started = time.monotonic()
        with qtbot.waitSignal(k.link.synced, timeout=20_000):
            k.link.start()
            # A visitor's request meanwhile is not queued behind the sync (the link has its own thread).
            # (An empty cache answers "no post yet": the answer's arrival time is what counts.)
            answered = lambda _: page_work.append(time.monotonic())  # noqa: E731
            k.runner.op(lambda: k.services.bookable_slots(1)).success(answered).failure(answered).run()
        synced = time.monotonic()
        timer.stop()
        # No wall-clock budget (a loaded machine stretches every gap): what is measured is set against what the
        # defect would show. A sync on the GUI thread, or a visitor's work queued behind it, waits out the
        # whole connect timeout; here the loop turns all along and the visitor is answered while the sync waits.
        assert synced - started >= 0.75 * connect_timeout  # the sync really waited for the timeout ...
        turns = [started, *ticks, synced]
        gaps = [b - a for a, b in zip(turns, turns[1:], strict=False)]  # ... while the event loop kept turning
        assert max(gaps) < connect_timeout / 2, f"the event loop stood still for {max(gaps):.3f} s during the sync"
        assert page_work and page_work[0] < synced, "the visitor's request waited for the sync"
        assert k.link.state.offline and k.shell.link_label.text().startswith("Offline since 09:00")
    finally:
        stop_configured(k)
        silent.close()
