"""The one-statement rules context: what the separate loaders give, and a clerk's change seen at once."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kiosk.domain.errors import InputError, RuleError
from kiosk.services.bookable import active_booking_of
from kiosk.services.booking import book
from kiosk.services.evaluation import assess, load_context, load_cutoffs, load_policy, post_calendar
from kiosk.store.models import Closure, PolicyValue
from tests.factories import NOW, add_case, add_cutoff, add_slot, case_number, seed_post

C1, C2 = case_number(1), case_number(2)
MON_9 = datetime(2026, 11, 9, 8, 30)


def test_the_context_holds_what_the_separate_loaders_read(db):
    seed_post(db, closures=(date(2026, 12, 4),))
    add_cutoff(db, "2026-11", "F2B", "CHINA", "2017-01-01")
    add_cutoff(db, "2026-11", "F2A", "ALL", "C")
    add_cutoff(db, "2026-12", "F2B", "CHINA", "U")
    with db.transaction() as s:
        s.add(PolicyValue(name="horizon_days", value="30"))
    with db.session() as s:
        context = load_context(s, NOW.date())
        assert context.policy == load_policy(s)
        assert context.calendar.closures == post_calendar(s).closures == {date(2026, 12, 4)}
        assert context.calendar.country == "CN"
        assert sorted(context.cutoffs, key=repr) == sorted(load_cutoffs(s, NOW.date()), key=repr)
    assert {(c.category, c.final_action) for c in context.cutoffs} == {("F2B", date(2017, 1, 1)), ("F2A", "C")}


def test_without_a_post_the_context_says_so(db):
    with db.session() as s, pytest.raises(InputError, match="no post is configured"):
        load_context(s, NOW.date())


def test_a_clerks_closure_and_policy_change_reach_the_next_booking_in_the_same_process(db):
    seed_post(db)
    slot = add_slot(db, MON_9, 3)
    add_case(db, C1)
    with db.session() as s:
        assert load_context(s, NOW.date()).calendar.is_working_day(MON_9.date())  # built and shared
    with db.transaction() as s:
        s.add(Closure(date=MON_9.date(), reason="Typhoon"))
    with pytest.raises(RuleError) as closed:
        book(db, C1, slot, now=NOW)
    assert closed.value.code == "NOT_A_WORKING_DAY"

    with db.transaction() as s:
        s.delete(s.get(Closure, MON_9.date()))
        s.add(PolicyValue(name="closing_hours", value="200"))  # Monday 8:30 is now too close
    with pytest.raises(RuleError) as too_close:
        book(db, C1, slot, now=NOW)
    assert too_close.value.code == "SLOT_CLOSED"


def test_the_assessment_names_the_same_active_booking_as_the_booking_service(db):
    seed_post(db)
    slot = add_slot(db, MON_9, 3)
    add_case(db, C1, petitioner="PET-7")
    add_case(db, C2, petitioner="PET-7")
    first = book(db, C1, slot, now=NOW)
    book(db, C2, slot, now=NOW)  # joins C1's appointment
    with db.session() as s:
        a = assess(s, C2, today=NOW.date())
        assert a.active_bookings == {C1: first.reference, C2: first.reference}
        assert active_booking_of(s, C2).reference == a.active_bookings[C2]
