"""Booking service on SQLite and PostgreSQL: book, refusals, rebook, group, join, cancel, idempotency, audit."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pytest
from sqlalchemy import func, select

from kiosk.domain.errors import InputError, RuleError
from kiosk.services import audit
from kiosk.services.booking import book, cancel, current_booking
from kiosk.services.evaluation import evaluate_case
from kiosk.store.models import Booking, IdempotencyKey, SlotRow
from tests.factories import NOW, add_case, add_cutoff, add_slot, case_number, seed_post

C1, C2, C3 = case_number(1), case_number(2), case_number(3)
MON_9, TUE_10, THU_12, FRI_13, THU_19 = (datetime(2026, 11, d, 8, 30) for d in (9, 10, 12, 13, 19))


@pytest.fixture
def post(db):
    seed_post(db)
    for start in (MON_9, TUE_10, THU_12, FRI_13, THU_19):
        add_slot(db, start, 3)
    return db


def sid(start: datetime) -> str:
    return start.strftime("%Y-%m-%dT%H:%M")


def taken(db, start: datetime) -> int:
    with db.session() as s:
        return s.get(SlotRow, sid(start)).taken


def statuses(db, case: str) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(Booking.status).where(Booking.case_number == case).order_by(Booking.created_at)))


def test_booking_takes_one_seat_per_attending_applicant(post):
    ids = add_case(post, C1, spouse=True)
    result = book(post, C1, sid(TUE_10), now=NOW)
    assert result.reference.startswith("GUZ-") and result.applicants == sorted(ids)
    assert (result.slot_start, result.replaced) == (TUE_10, None)
    assert taken(post, TUE_10) == 2
    with post.session() as s:
        assert current_booking(s, C1.lower()) == result
        assert evaluate_case(s, C1, today=NOW.date()).decision == "reschedule"


@pytest.mark.parametrize("kwargs, code", [
    ({"interviewed": True}, "ALREADY_INTERVIEWED"),
    ({"appointment": datetime(2026, 11, 20, 8, 30)}, "ORIGINAL_APPOINTMENT_NOT_MISSED"),
    ({"visa_class": "F24"}, "CASE_NOT_CURRENT"),
    ({"visa_class": "K1"}, "VISA_CLASS_NOT_HANDLED"),
])
def test_a_case_that_may_not_book_is_refused_with_the_blocking_rule(post, kwargs, code):
    add_cutoff(post, "2026-11", "F2B", "CHINA", "2017-01-01")
    add_case(post, C1, **kwargs)
    with pytest.raises(RuleError) as err:
        book(post, C1, sid(TUE_10), now=NOW)
    assert err.value.code == code
    assert taken(post, TUE_10) == 0


@pytest.mark.parametrize("start, code", [
    (datetime(2026, 11, 5, 8, 30), "SLOT_CLOSED"),  # 47.5 hours ahead
    (datetime(2026, 11, 7, 8, 30), "NOT_A_WORKING_DAY"),  # Saturday
    (datetime(2026, 11, 11, 8, 30), "NOT_A_WORKING_DAY"),  # Veterans Day
    (datetime(2027, 3, 9, 8, 30), "OUTSIDE_HORIZON"),
])
def test_a_slot_the_calendar_forbids_is_refused_with_its_code(post, start, code):
    add_case(post, C1)
    add_slot(post, start, 3)
    with pytest.raises(RuleError) as err:
        book(post, C1, sid(start), now=NOW)
    assert err.value.code == code


def test_an_unknown_slot_or_case_is_an_input_error(post):
    add_case(post, C1)
    with pytest.raises(InputError) as err:
        book(post, C1, "2026-11-10T07:00", now=NOW)
    assert err.value.field == "slot"
    with pytest.raises(InputError, match="no case GUZ2019000009 found"):
        book(post, case_number(9), sid(TUE_10), now=NOW)


def test_a_slot_without_enough_seats_is_refused_and_says_how_many_are_left(post):
    add_case(post, C1, spouse=True, children=1)
    add_case(post, C2, spouse=True)
    book(post, C2, sid(TUE_10), now=NOW)
    with pytest.raises(RuleError, match="1 seat") as err:
        book(post, C1, sid(TUE_10), now=NOW)
    assert err.value.code == "SLOT_FULL"
    assert taken(post, TUE_10) == 2


def test_rebooking_releases_the_old_seats_and_takes_the_new_ones(post):
    add_case(post, C1, spouse=True)
    first = book(post, C1, sid(TUE_10), now=NOW)
    second = book(post, C1, sid(THU_19), now=NOW)
    assert second.replaced == first.reference and second.reference != first.reference
    assert (taken(post, TUE_10), taken(post, THU_19)) == (0, 2)
    assert statuses(post, C1) == ["superseded", "active"]
    with post.session() as s:
        assert [e.action for e in audit.history(s, C1)] == ["booking.created", "booking.rebooked"]


def test_a_rebooking_into_a_full_slot_changes_nothing(post):
    add_case(post, C1, spouse=True)
    add_case(post, C2, spouse=True)
    first = book(post, C1, sid(TUE_10), now=NOW)
    book(post, C2, sid(THU_19), now=NOW)
    with pytest.raises(RuleError) as err:
        book(post, C1, sid(THU_19), now=NOW)
    assert err.value.code == "SLOT_FULL"
    assert (taken(post, TUE_10), taken(post, THU_19)) == (2, 2)
    with post.session() as s:
        assert current_booking(s, C1).reference == first.reference


def test_rebooking_after_the_change_deadline_is_refused(post):
    add_case(post, C1)
    book(post, C1, sid(THU_19), now=NOW)
    with pytest.raises(RuleError) as err:  # deadline Monday 16th; Tuesday is too late
        book(post, C1, sid(datetime(2026, 11, 19, 8, 30)), now=datetime(2026, 11, 17, 9, 0))
    assert err.value.code == "CHANGE_WINDOW_CLOSED"


def test_cancel_inside_the_change_window_releases_the_seats(post):
    add_case(post, C1, spouse=True)
    booked = book(post, C1, sid(THU_19), now=NOW)
    result = cancel(post, C1, now=datetime(2026, 11, 16, 23, 59))  # end of the deadline day
    assert (result.reference, result.slot_id, result.released) == (booked.reference, sid(THU_19), 2)
    assert taken(post, THU_19) == 0 and statuses(post, C1) == ["cancelled"]
    with post.session() as s:
        assert current_booking(s, C1) is None
        assert evaluate_case(s, C1, today=NOW.date()).decision == "reschedule"  # booked through the system before


def test_cancel_after_the_change_deadline_is_refused(post):
    add_case(post, C1)
    book(post, C1, sid(THU_19), now=NOW)
    with pytest.raises(RuleError) as err:
        cancel(post, C1, now=datetime(2026, 11, 17, 0, 1))
    assert err.value.code == "CHANGE_WINDOW_CLOSED"
    assert taken(post, THU_19) == 1


def test_a_holiday_inside_the_change_window_moves_the_deadline_earlier(post):
    # Friday 13th: Thu 12, (Wed 11 is Veterans Day), Tue 10, Mon 9 → the deadline is Monday the 9th.
    add_case(post, C1)
    book(post, C1, sid(FRI_13), now=NOW)
    with pytest.raises(RuleError) as err:
        cancel(post, C1, now=datetime(2026, 11, 10, 8, 0))
    assert err.value.code == "CHANGE_WINDOW_CLOSED"
    assert cancel(post, C1, now=datetime(2026, 11, 9, 18, 0)).released == 1


def test_cancel_without_a_booking_answers_no_booking(post):
    add_case(post, C1)
    with pytest.raises(RuleError) as err:
        cancel(post, C1, now=NOW)
    assert err.value.code == "NO_BOOKING"


def test_a_group_booking_seats_the_petitioners_cases_together(post):
    a = add_case(post, C1, petitioner="PET-7", spouse=True)
    b = add_case(post, C2, petitioner="PET-7")
    result = book(post, C1, sid(TUE_10), now=NOW, with_cases=[C2])
    assert result.applicants == sorted(a + b) and taken(post, TUE_10) == 3
    with post.session() as s:
        assert current_booking(s, C2).reference == result.reference


def test_a_group_booking_refuses_another_petitioners_case(post):
    add_case(post, C1, petitioner="PET-7")
    add_case(post, C2, petitioner="PET-8")
    with pytest.raises(InputError) as err:
        book(post, C1, sid(TUE_10), now=NOW, with_cases=[C2])
    assert err.value.field == "with_cases" and taken(post, TUE_10) == 0


def test_a_same_petitioner_case_joins_the_existing_booking_in_its_slot(post):
    add_case(post, C1, petitioner="PET-7", spouse=True)
    joiner = add_case(post, C2, petitioner="PET-7")
    first = book(post, C1, sid(TUE_10), now=NOW)
    joined = book(post, C2, sid(TUE_10), now=NOW)
    assert joined.reference == first.reference and set(joiner) <= set(joined.applicants)
    assert taken(post, TUE_10) == 3
    with post.session() as s:
        assert s.get(Booking, first.reference).seats == 3
        assert [e.action for e in audit.history(s, C2)] == ["booking.joined"]


def test_a_same_petitioner_case_may_not_book_a_different_slot(post):
    add_case(post, C1, petitioner="PET-7")
    add_case(post, C2, petitioner="PET-7")
    book(post, C1, sid(TUE_10), now=NOW)
    with pytest.raises(RuleError, match=sid(TUE_10)) as err:
        book(post, C2, sid(THU_19), now=NOW)
    assert err.value.code == "SAME_PETITIONER_GROUP"
    assert taken(post, THU_19) == 0


def test_a_joined_case_cancels_only_its_own_seats(post):
    add_case(post, C1, petitioner="PET-7", spouse=True)
    add_case(post, C2, petitioner="PET-7")
    first = book(post, C1, sid(THU_19), now=NOW)
    book(post, C2, sid(THU_19), now=NOW)
    assert cancel(post, C2, now=NOW).released == 1
    assert taken(post, THU_19) == 2
    with post.session() as s:
        assert current_booking(s, C1).reference == first.reference
        assert current_booking(s, C2) is None


def test_rebooking_the_lead_moves_the_joined_cases_along(post):
    add_case(post, C1, petitioner="PET-7")
    add_case(post, C2, petitioner="PET-7")
    book(post, C1, sid(TUE_10), now=NOW)
    book(post, C2, sid(TUE_10), now=NOW)
    moved = book(post, C1, sid(THU_19), now=NOW)
    assert len(moved.applicants) == 2 and (taken(post, TUE_10), taken(post, THU_19)) == (0, 2)


def test_the_same_key_books_once_and_answers_the_same_booking(post):
    add_case(post, C1)
    first = book(post, C1, sid(TUE_10), now=NOW, key="k-1")
    again = book(post, C1, sid(TUE_10), now=NOW, key="k-1")
    assert again == first and taken(post, TUE_10) == 1 and statuses(post, C1) == ["active"]


def test_the_same_key_with_other_parameters_is_refused(post):
    add_case(post, C1)
    book(post, C1, sid(TUE_10), now=NOW, key="k-1")
    with pytest.raises(InputError, match="idempotency key reused") as err:
        book(post, C1, sid(THU_19), now=NOW, key="k-1")
    assert err.value.field == "key" and taken(post, THU_19) == 0


def test_a_refused_booking_does_not_keep_its_key(post):
    add_case(post, C1, interviewed=True)
    with pytest.raises(RuleError):
        book(post, C1, sid(TUE_10), now=NOW, key="k-1")
    with post.session() as s:
        assert s.get(IdempotencyKey, "k-1") is None


def test_concurrent_requests_with_one_key_book_once(post):
    add_case(post, C1)
    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(lambda _: book(post, C1, sid(TUE_10), now=NOW, key="k-race"), range(6)))
    assert len({r.reference for r in results}) == 1
    assert taken(post, TUE_10) == 1
    with post.session() as s:
        assert s.scalar(select(func.count()).select_from(Booking)) == 1
