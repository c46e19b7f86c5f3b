"""Which cut-off is in force, what "current" means, and reading bulletin values."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.domain.cutoffs import cutoff_in_force, is_current, parse_final_action
from kiosk.domain.errors import InputError
from kiosk.domain.model import Cutoff

ROWS = (
    Cutoff("2026-11", "F2B", "CHINA", date(2017, 1, 1)),
    Cutoff("2026-11", "F2B", "ALL", date(2018, 1, 1)),
    Cutoff("2026-12", "F2B", "CHINA", date(2017, 6, 1)),
    Cutoff("2026-11", "EB5", "INDIA", "U"),
)


def test_cutoff_in_force_is_the_row_of_the_month_containing_today():
    assert cutoff_in_force(ROWS, "F2B", "CHINA", date(2026, 11, 30)) is ROWS[0]
    assert cutoff_in_force(ROWS, "F2B", "CHINA", date(2026, 12, 1)) is ROWS[2]


def test_chargeability_without_its_own_row_falls_back_to_all():
    assert cutoff_in_force(ROWS, "F2B", "MEXICO", date(2026, 11, 25)) is ROWS[1]
    assert cutoff_in_force(ROWS, "f2b", " china ", date(2026, 11, 25)) is ROWS[0]


def test_no_row_for_the_category_or_month_is_none():
    assert cutoff_in_force(ROWS, "F3", "CHINA", date(2026, 11, 25)) is None
    assert cutoff_in_force(ROWS, "EB5", "CHINA", date(2026, 11, 25)) is None  # INDIA only, no ALL
    assert cutoff_in_force(ROWS, "F2B", "MEXICO", date(2026, 12, 25)) is None
    assert cutoff_in_force(ROWS, "F2B", "CHINA", date(2027, 1, 2)) is None


def test_priority_date_equal_to_the_final_action_date_is_not_current():
    assert not is_current(date(2017, 1, 1), date(2017, 1, 1))
    assert is_current(date(2016, 12, 31), date(2017, 1, 1))
    assert not is_current(date(2017, 1, 2), date(2017, 1, 1))


def test_c_is_current_and_u_is_not_whatever_the_priority_date():
    assert is_current(date(2030, 1, 1), "C")
    assert not is_current(date(1990, 1, 1), "U")


@pytest.mark.parametrize(("text", "value"), [
    ("C", "C"), (" u ", "U"), ("c", "C"),
    ("2017-01-01", date(2017, 1, 1)),
    ("22NOV15", date(2015, 11, 22)), ("01jan97", date(1997, 1, 1)), ("08SEP08", date(2008, 9, 8)),
    (date(2019, 3, 14), date(2019, 3, 14)),
])
def test_parse_final_action_reads_c_u_iso_and_bulletin_dates(text, value):
    assert parse_final_action(text) == value


@pytest.mark.parametrize("text", ["", "X", "CURRENT", "2017-02-30", "31FEB15", "22NOP15", "22NOV2015", "2017/01/01"])
def test_parse_final_action_rejects_anything_else(text):
    with pytest.raises(InputError) as raised:
        parse_final_action(text)
    assert raised.value.field == "final_action"
