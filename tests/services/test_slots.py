"""Bookable slots: the calendar's word at `now`, enough seats for the group, in time order."""

from __future__ import annotations

from datetime import date, datetime

from kiosk.services.slots import bookable_slots, slot_days
from kiosk.store.models import PolicyValue
from tests.factories import NOW, add_slot, seed_post


def seed(db) -> None:
    seed_post(db, closures=(date(2026, 11, 16),))
    add_slot(db, datetime(2026, 11, 10, 13, 0), 3, slot_id="tue-pm")
    add_slot(db, datetime(2026, 11, 10, 8, 30), 3, taken=2, slot_id="tue-am")
    add_slot(db, datetime(2026, 11, 5, 8, 30), 3, slot_id="closing")  # 47.5 h ahead
    add_slot(db, datetime(2026, 11, 5, 9, 0), 3, slot_id="just-open")  # exactly 48 h ahead
    add_slot(db, datetime(2026, 11, 7, 8, 30), 3, slot_id="saturday")
    add_slot(db, datetime(2026, 11, 11, 8, 30), 3, slot_id="veterans-day")
    add_slot(db, datetime(2026, 11, 16, 8, 30), 3, slot_id="closure")
    add_slot(db, datetime(2026, 11, 12, 8, 30), 3, taken=3, slot_id="full")
    add_slot(db, datetime(2027, 3, 3, 8, 30), 3, slot_id="day-120")
    add_slot(db, datetime(2027, 3, 4, 8, 30), 3, slot_id="day-121")


def test_only_slots_the_calendar_allows_and_with_a_seat_are_offered_in_time_order(db):
    seed(db)
    with db.session() as s:
        slots = bookable_slots(s, now=NOW)
    assert [v.id for v in slots] == ["just-open", "tue-am", "tue-pm", "day-120"]
    assert slots[1].seats_left == 1
    assert slots[1].to_dict() == {"id": "tue-am", "start": "2026-11-10T08:30", "seats": 3, "seats_left": 1}


def test_a_group_sees_only_slots_with_room_for_all_of_it(db):
    seed(db)
    with db.session() as s:
        assert [v.id for v in bookable_slots(s, now=NOW, need=2)] == ["just-open", "tue-pm", "day-120"]


def test_a_date_range_narrows_the_offer(db):
    seed(db)
    with db.session() as s:
        assert [v.id for v in bookable_slots(s, now=NOW, start=date(2026, 11, 10), end=date(2026, 11, 10))] == [
            "tue-am", "tue-pm"]


def test_a_clerk_horizon_limits_the_offer(db):
    seed(db)
    with db.transaction() as s:
        s.add(PolicyValue(name="horizon_days", value="5"))
    with db.session() as s:
        assert [v.id for v in bookable_slots(s, now=NOW)] == ["just-open"]


def test_the_month_view_sums_free_seats_per_day(db):
    seed(db)
    with db.session() as s:
        assert slot_days(s, now=NOW) == {date(2026, 11, 5): 3, date(2026, 11, 10): 4, date(2027, 3, 3): 3}


def test_seats_lent_to_kiosks_are_not_offered_to_anyone_else(db):
    from kiosk.store.models import SlotRow

    seed(db)
    with db.transaction() as s:
        s.get(SlotRow, "tue-pm").lent = 2
    with db.session() as s:
        view = next(v for v in bookable_slots(s, now=NOW) if v.id == "tue-pm")
        assert view.seats_left == 1
        assert "tue-pm" not in [v.id for v in bookable_slots(s, now=NOW, need=2)]


def test_each_slot_says_until_when_it_could_be_changed(db):
    seed(db)
    with db.session() as s:
        by_id = {v.id: v for v in bookable_slots(s, now=NOW)}
    assert by_id["tue-pm"].change_deadline == date(2026, 11, 5)  # Tue 10th → Mon 9, Fri 6, Thu 5
    assert by_id["just-open"].change_deadline == date(2026, 11, 2)  # already past on the 3rd: no changes
