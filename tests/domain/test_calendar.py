"""The post calendar: working days, the change deadline, closing time and horizon."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.calendar import CLOSURE_NAME, PostCalendar
from kiosk.domain.errors import InputError
from kiosk.domain.model import Policy

POLICY = Policy()
CALENDARS = {c: PostCalendar(c) for c in ("CN", "US", "IN", "MX", "PH", "VN")}
GUANGZHOU = CALENDARS["CN"]


def test_thursday_with_no_holiday_that_week_has_its_deadline_on_monday():
    assert GUANGZHOU.change_deadline(date(2026, 12, 10), POLICY) == date(2026, 12, 7)


def test_us_holiday_inside_the_window_moves_the_deadline_back():
    # Monday 30 Nov 2026: Fri 27, (Thanksgiving Thu 26), Wed 25, Tue 24.
    assert GUANGZHOU.holiday_name(date(2026, 11, 26)) == "Thanksgiving Day"
    assert GUANGZHOU.change_deadline(date(2026, 11, 30), POLICY) == date(2026, 11, 24)


def test_chinese_holiday_inside_the_window_moves_the_deadline_back():
    # Friday 9 Oct 2026: Thu 8, then National Day 1–7 Oct, Wed 30 Sep, Tue 29 Sep.
    assert not GUANGZHOU.is_working_day(date(2026, 10, 5))
    assert GUANGZHOU.change_deadline(date(2026, 10, 9), POLICY) == date(2026, 9, 29)
    assert PostCalendar("US").change_deadline(date(2026, 10, 9), POLICY) == date(2026, 10, 6)


def test_weekend_made_a_working_day_by_china_is_still_closed():
    # China works on Saturday 14 Feb 2026 to bridge the Spring Festival; the consulate does not.
    assert date(2026, 2, 14).weekday() == 5
    assert not GUANGZHOU.is_working_day(date(2026, 2, 14))


def test_a_day_both_countries_observe_names_both_holidays():
    name = GUANGZHOU.holiday_name(date(2026, 2, 16))
    assert "Washington's Birthday" in name and "Chinese New Year's Eve" in name


def test_clerk_closures_and_extra_holidays_are_not_working_days():
    cal = PostCalendar("CN", closures=[date(2026, 12, 24)], extra_holidays={date(2026, 12, 31): "Inventory"})
    assert not cal.is_working_day(date(2026, 12, 24))
    assert cal.holiday_name(date(2026, 12, 24)) == CLOSURE_NAME
    assert cal.holiday_name(date(2026, 12, 31)) == "Inventory"
    assert GUANGZHOU.is_working_day(date(2026, 12, 24))
    assert GUANGZHOU.holiday_name(date(2026, 12, 23)) is None


def test_unknown_host_country_is_an_input_error():
    with pytest.raises(InputError) as raised:
        PostCalendar("XX")
    assert raised.value.field == "country"


def test_change_is_allowed_until_the_end_of_the_deadline_day():
    appointment = datetime(2026, 12, 10, 8, 30)
    assert GUANGZHOU.can_change(appointment, datetime(2026, 12, 7, 23, 59), POLICY)
    assert not GUANGZHOU.can_change(appointment, datetime(2026, 12, 8, 0, 0), POLICY)


def test_slot_exactly_48_hours_away_is_bookable_one_minute_less_is_closed():
    now = datetime(2026, 12, 7, 9, 0)
    assert GUANGZHOU.slot_refusal(datetime(2026, 12, 9, 9, 0), now, POLICY) is None
    assert GUANGZHOU.slot_refusal(datetime(2026, 12, 9, 8, 59), now, POLICY) == "SLOT_CLOSED"


def test_slot_on_the_last_horizon_day_is_bookable_the_day_after_is_not():
    now = datetime(2026, 12, 7, 9, 0)
    last = now.date() + timedelta(days=POLICY.horizon_days)
    assert GUANGZHOU.is_working_day(last) and GUANGZHOU.is_working_day(last + timedelta(days=1))
    assert GUANGZHOU.slot_refusal(datetime.combine(last, now.time()), now, POLICY) is None
    late = datetime.combine(last + timedelta(days=1), now.time())
    assert GUANGZHOU.slot_refusal(late, now, POLICY) == "OUTSIDE_HORIZON"


def test_refusal_checks_working_day_before_closing_time_before_horizon():
    now = datetime(2026, 11, 25, 9, 0)
    assert GUANGZHOU.slot_refusal(datetime(2026, 11, 26, 9, 0), now, POLICY) == "NOT_A_WORKING_DAY"
    assert GUANGZHOU.slot_refusal(datetime(2026, 11, 25, 10, 0), now, POLICY) == "SLOT_CLOSED"
    assert GUANGZHOU.slot_refusal(datetime(2027, 3, 28, 9, 0), now, POLICY) == "NOT_A_WORKING_DAY"


def test_closing_time_is_elapsed_time_across_a_daylight_saving_change():
    # New York springs forward on Sunday 8 March 2026: Saturday 09:00 → Monday 09:00 is 47 hours.
    ny = ZoneInfo("America/New_York")
    now, slot = datetime(2026, 3, 7, 9, 0, tzinfo=ny), datetime(2026, 3, 9, 9, 0, tzinfo=ny)
    us = CALENDARS["US"]
    assert us.slot_refusal(slot, now, POLICY) == "SLOT_CLOSED"
    assert us.slot_refusal(slot + timedelta(hours=1), now, POLICY) is None


def test_naive_post_times_are_placed_in_the_posts_zone_for_the_closing_time():
    """The store and the CLI hold naive post-local times: a calendar that knows the zone measures elapsed time."""
    ny = PostCalendar("US", timezone="America/New_York")
    spring_now, spring_slot = datetime(2026, 3, 7, 9, 0), datetime(2026, 3, 9, 9, 30)  # 48.5 h on the wall, 47.5 h
    assert ny.slot_refusal(spring_slot, spring_now, POLICY) == "SLOT_CLOSED"
    assert CALENDARS["US"].slot_refusal(spring_slot, spring_now, POLICY) is None  # no zone: the wall clock
    fall_now, fall_slot = datetime(2026, 10, 31, 9, 0), datetime(2026, 11, 2, 8, 30)  # 47.5 h on the wall, 48.5 h
    assert ny.slot_refusal(fall_slot, fall_now, POLICY) is None
    assert ny.bookable_days(fall_now, POLICY)[0] == date(2026, 11, 2)


def test_bookable_days_start_where_the_closing_time_allows_and_end_at_the_horizon():
    now = datetime(2026, 12, 7, 9, 0)  # Monday
    days = GUANGZHOU.bookable_days(now, POLICY)
    assert days[0] == date(2026, 12, 9)
    assert days[-1] <= now.date() + timedelta(days=POLICY.horizon_days)
    assert date(2026, 12, 25) not in days and date(2026, 12, 12) not in days


# Properties ---------------------------------------------------------------------------------------

countries = st.sampled_from(sorted(CALENDARS))
moments = st.datetimes(datetime(2025, 1, 1), datetime(2029, 12, 31)).map(lambda d: d.replace(second=0, microsecond=0))
policies = st.builds(Policy, closing_hours=st.integers(0, 96), horizon_days=st.integers(1, 200),
                     change_window_working_days=st.integers(1, 6))


@settings(deadline=None)
@given(countries, moments, st.integers(-2 * 24 * 60, 200 * 24 * 60), policies)
def test_no_bookable_slot_on_a_closed_day_inside_closing_time_or_past_the_horizon(country, now, minutes, policy):
    cal = CALENDARS[country]
    slot = now + timedelta(minutes=minutes)
    refusal = cal.slot_refusal(slot, now, policy)
    allowed = (cal.is_working_day(slot.date())
               and slot >= now + timedelta(hours=policy.closing_hours)
               and slot.date() <= now.date() + timedelta(days=policy.horizon_days))
    assert (refusal is None) == allowed
    if refusal is None:
        assert slot.weekday() < 5 and cal.holiday_name(slot.date()) is None


@settings(deadline=None)
@given(countries, st.dates(date(2025, 1, 1), date(2029, 12, 31)), policies,
       st.lists(st.dates(date(2024, 12, 1), date(2029, 12, 31)), max_size=8))
def test_change_deadline_leaves_exactly_the_window_of_working_days_before_the_appointment(
        country, day, policy, closures):
    cal = PostCalendar(country, closures=closures)
    deadline = cal.change_deadline(day, policy)
    assert deadline < day and cal.is_working_day(deadline) and deadline.weekday() < 5
    between = [deadline + timedelta(days=i) for i in range((day - deadline).days)]
    assert sum(map(cal.is_working_day, between)) == policy.change_window_working_days
    assert not any(cal.is_working_day(c) for c in closures)


@settings(deadline=None, max_examples=50)
@given(countries, moments, policies)
def test_bookable_days_are_the_days_with_a_bookable_end_of_day_slot(country, now, policy):
    cal = CALENDARS[country]
    days = cal.bookable_days(now, policy)
    assert days == sorted(set(days)) and all(d.weekday() < 5 for d in days)
    span = (now.date() + timedelta(days=policy.horizon_days + 3) - now.date()).days
    candidates = [now.date() + timedelta(days=i) for i in range(span + 1)]

    def late_slot(d: date) -> datetime:
        return datetime.combine(d, datetime.max.time()).replace(second=0, microsecond=0)

    assert days == [d for d in candidates if cal.slot_refusal(late_slot(d), now, policy) is None]
