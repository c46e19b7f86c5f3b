"""Ages, anniversaries, "more than a year" and case numbers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.domain.dates import (
    age_on,
    birthday_on_year,
    more_than_years_before,
    one_year_before,
    parse_case_number,
)
from kiosk.domain.errors import InputError

LEAP_BABY = date(2004, 2, 29)


def test_age_counts_whole_years_turning_on_the_birthday():
    assert age_on(date(2005, 11, 25), date(2026, 11, 24)) == 20
    assert age_on(date(2005, 11, 25), date(2026, 11, 25)) == 21


def test_child_born_29_february_turns_older_on_1_march_in_common_years():
    assert age_on(LEAP_BABY, date(2025, 2, 28)) == 20
    assert age_on(LEAP_BABY, date(2025, 3, 1)) == 21
    assert age_on(LEAP_BABY, date(2028, 2, 29)) == 24
    assert birthday_on_year(LEAP_BABY, 2025) == date(2025, 3, 1)
    assert birthday_on_year(LEAP_BABY, 2028) == date(2028, 2, 29)


def test_one_year_before_29_february_is_28_february():
    assert one_year_before(date(2028, 2, 29)) == date(2027, 2, 28)
    assert one_year_before(date(2026, 11, 25)) == date(2025, 11, 25)


def test_more_than_a_year_means_strictly_before_the_same_date_a_year_earlier():
    today = date(2026, 11, 25)
    assert not more_than_years_before(date(2025, 11, 25), today, 1)
    assert more_than_years_before(date(2025, 11, 24), today, 1)
    assert not more_than_years_before(date(2027, 2, 28), date(2028, 2, 29), 1)
    assert more_than_years_before(date(2027, 2, 27), date(2028, 2, 29), 1)


@given(st.dates(date(1950, 1, 1), date(2090, 12, 31)), st.integers(1, 60))
def test_age_becomes_n_exactly_on_the_nth_birthday(dob, n):
    birthday = birthday_on_year(dob, dob.year + n)
    assert age_on(dob, birthday) == n
    assert age_on(dob, birthday - timedelta(days=1)) == n - 1


@pytest.mark.parametrize(("typed", "expected"), [
    ("GUZ2019541234", "GUZ2019541234"),
    ("guz 2019 541234", "GUZ2019541234"),
    ("Guz2019541234  \n", "GUZ2019541234"),
    ("\tGUZ 2019541234\r\n", "GUZ2019541234"),
])
def test_case_number_accepts_spaces_lower_case_and_trailing_newline(typed, expected):
    assert parse_case_number(typed) == expected


@pytest.mark.parametrize("typed", [
    "", "   ", "GUZ201954123", "GUZ20195412345", "GU2019541234", "GUZ-2019-541234", "1232019541234",
    "GUZ２０１９５４１２３４", "ﬀa2019541234", "GUZ2019541234X",
])
def test_case_number_rejects_anything_else_with_a_clear_message(typed):
    with pytest.raises(InputError) as raised:
        parse_case_number(typed)
    assert raised.value.field == "case_number"
    assert "three letters and ten digits" in str(raised.value)
