"""The kiosk's questions to central through the service (RemoteKioskCentral): letters, bookings, lost answers, loans."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import select

from kiosk.central.remote_port import OUTCOME_UNKNOWN, RemoteKioskCentral
from kiosk.i18n.refusals import CANCEL_OUTCOME_UNKNOWN
from kiosk.domain.errors import InputError, RuleError
from kiosk.services.evaluation import load_policy, post_calendar
from kiosk.services.budgets import Throttled
from kiosk.services.letter import LookupMissed
from kiosk.store.db import Database, sqlite_url
from kiosk.store.loans import HeldLoan
from kiosk.store.models import Booking, BookingStatus
from tests.escrow.helpers import looked_up
from kiosk.store.sync_tables import OutboxCommand, OutboxStatus
from kiosk.store.accounts import Throttle
from tests.central.faults import FaultyLink
from tests.central.harness import Service, add_cases, bookable_slots, free_port, post_now
from tests.factories import add_slot

pytestmark = pytest.mark.postgres
DOB = "1988-07-30"  # the principal's, as tests.factories makes every case


@pytest.fixture(scope="module")
def slots(service: Service) -> list[str]:
    return bookable_slots(service.central, 3, seats=5)


@pytest.fixture
def cache(tmp_path):  # type: ignore[no-untyped-def]
    db = Database(sqlite_url(tmp_path / "cache.db"))
    db.init_schema()
    yield db
    db.dispose()


def _now() -> datetime:
    return post_now()


def test_a_letter_is_checked_on_central_and_shown_from_the_cache(service: Service, cache: Database,
                                                                 slots: list[str]) -> None:
    [number] = add_cases(service.central, 601, 1)
    with service.client("hall-1") as remote:
        kiosk = RemoteKioskCentral(remote, cache, kiosk_id="hall-1")
        offered = kiosk.bookable_slots(now=_now(), need=1)  # central's times, at central's now
        assert {v.id for v in offered} == set(slots) and all(v.change_deadline for v in offered)
        found = kiosk.look_up_letter(number, DOB, today=_now().date(), now=_now(), actor="kiosk")
        assert found.case.case_number == number  # pulled into the cache for it
        with pytest.raises(LookupMissed) as missed:
            kiosk.look_up_letter(number, "1990-01-01", today=_now().date(), now=_now(), actor="kiosk")
        # A case no cache has opened: central evaluates it (read only); one central lacks is a clear refusal.
        assert kiosk.evaluate_case(number, today=None, has_letter=True).case_number == number
        with pytest.raises(InputError, match="GUZ2019999999"):
            kiosk.evaluate_case("GUZ2019999999", today=None, has_letter=True)
    assert missed.value.tries_left >= 1
    with service.central.session() as s:  # counted on central, where a stolen kiosk cannot reset it
        assert s.scalars(select(Throttle)).all()


def test_a_booking_whose_answer_is_lost_is_unknown_then_found_once_by_the_next_sync(
        service: Service, cache: Database, slots: list[str]) -> None:
    slot = slots[-1]
    [number] = add_cases(service.central, 611, 1)
    link = FaultyLink(int(service.url.rsplit(":", 1)[1]))
    try:
        with service.client("hall-1", urls=[link.url], deadline=3) as remote:
            kiosk = RemoteKioskCentral(remote, cache, kiosk_id="hall-1")
            kiosk.sync(cache, now=_now())
            link.mute_all_replies()  # the booking reaches central and commits; no answer gets back
            with pytest.raises(RuleError) as unknown:
                kiosk.book(cache, number, slot, now=_now(), key=None)
            assert unknown.value.code == OUTCOME_UNKNOWN and "nothing was booked" not in unknown.value.message
            with cache.session() as s:
                [command] = s.scalars(select(OutboxCommand).where(OutboxCommand.kind == "book")).all()
            assert command.status == OutboxStatus.PENDING.value  # not "refused": it may have happened
            link.heal()
            report = kiosk.sync(cache, now=_now())
        assert report.central_reachable, report.error
    finally:
        link.close()
    with cache.session() as s:
        assert s.get(OutboxCommand, command.id).status == OutboxStatus.DONE.value
    with service.central.session() as s:
        assert len(s.scalars(select(Booking).where(Booking.case_number == number)).all()) == 1


def test_central_unreachable_books_from_the_kiosks_loan(service: Service, cache: Database, slots: list[str]) -> None:
    [number] = add_cases(service.central, 621, 1)
    with service.client("hall-1") as remote:
        assert RemoteKioskCentral(remote, cache, kiosk_id="hall-1").sync(cache, now=_now()).loan_seats > 0
    dead = f"https://127.0.0.1:{free_port()}"  # nothing listens: refused at once, nothing sent
    with service.client("hall-1", urls=[dead]) as remote:
        kiosk = RemoteKioskCentral(remote, cache, kiosk_id="hall-1")
        with cache.session() as s:
            held = s.scalars(select(HeldLoan.slot_id)).all()
        booked = kiosk.book(cache, looked_up(cache, number), sorted(set(held) & set(slots))[0], now=_now(), key=None)
    assert booked.offline and booked.result.case_number == number
    with service.client("hall-1") as remote:  # back online: the offline booking reaches central
        RemoteKioskCentral(remote, cache, kiosk_id="hall-1").sync(cache, now=_now())
    with service.central.session() as s:
        assert s.scalars(select(Booking).where(Booking.case_number == number)).one().issued_offline


def test_a_visits_third_wrong_pair_through_the_service_sends_it_to_the_counter(service: Service, cache: Database,
                                                                               slots: list[str]) -> None:
    numbers = add_cases(service.central, 691, 4)  # four case numbers: the visit's budget, not a case's, runs out
    answers: list[object] = []
    with service.client("hall-1") as remote:
        kiosk = RemoteKioskCentral(remote, cache, kiosk_id="hall-1")
        for number in numbers:
            try:
                kiosk.look_up_letter(number, "1990-01-01", today=_now().date(), now=_now(), actor="kiosk",
                                     visit_id="visit-691")
            except LookupMissed as missed:
                answers.append((missed.tries_left, missed.to_counter))
            except Throttled:
                answers.append("to the counter")
    assert answers[:2] == [(2, True), (1, True)]  # the visit's budget is the one counting down
    assert answers[2] in ((0, True), "to the counter") and answers[3] == "to the counter"


def test_a_cancellation_whose_answer_is_lost_says_so_never_nothing_was_cancelled(
        service: Service, cache: Database, slots: list[str]) -> None:
    [number] = add_cases(service.central, 681, 1)
    now = _now()
    with service.central.session() as s:
        policy, calendar = load_policy(s), post_calendar(s)
    day = now.date() + timedelta(days=12)  # still changeable: its change deadline is days away
    while calendar.slot_refusal(datetime.combine(day, time(10)), now, policy) is not None:
        day += timedelta(days=1)
    far = add_slot(service.central, datetime.combine(day, time(10)), 5)
    link = FaultyLink(int(service.url.rsplit(":", 1)[1]))
    try:
        with service.client("hall-1", urls=[link.url], deadline=3) as remote:
            kiosk = RemoteKioskCentral(remote, cache, kiosk_id="hall-1")
            kiosk.sync(cache, now=_now())
            kiosk.sync(cache, now=_now())  # the far time too
            kiosk.book(cache, number, far, now=_now(), key="cancel-lost")
            link.mute_all_replies()  # the cancellation reaches central and commits; no answer gets back
            with pytest.raises(RuleError) as unknown:
                kiosk.cancel(cache, number, now=_now())
            assert unknown.value.code == CANCEL_OUTCOME_UNKNOWN and "cancellation could not be confirmed" in \
                unknown.value.message and "nothing" not in unknown.value.message
            link.heal()
            assert kiosk.sync(cache, now=_now()).outbox_depth == 0  # the sync asked central by the command's id
    finally:
        link.close()
    with service.central.session() as s:
        [booking] = s.scalars(select(Booking).where(Booking.case_number == number)).all()
    assert booking.status == BookingStatus.CANCELLED  # cancelled once, whatever the kiosk heard
