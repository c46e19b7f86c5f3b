"""Extreme but representable dates (year 1, 9999-12-31 23:59) never crash an evaluation, nor a neighbour's."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kiosk.domain.model import Decision

from .factories import (
    CUTOFFS, GUANGZHOU, POLICY, TODAY, case, child, consulate_appointment, evaluate, other_case, principal,
    system_appointment,
)  # fmt: skip

LAST = datetime(9999, 12, 31, 23, 59)
FIRST = datetime(1, 1, 1, 0, 0)

EXTREMES = {
    "consulate_appointment_9999": other_case("GUZ2019541299", appointment=consulate_appointment(LAST)),
    "system_appointment_9999": other_case("GUZ2019541299", appointment=system_appointment(LAST)),
    "appointment_year_1": other_case("GUZ2019541299", appointment=system_appointment(FIRST)),
    "child_born_9999": other_case("GUZ2019541299", applicants=(
        principal(id="GUZ2019541299-1"), child(date(9999, 12, 31), given_names="X"))),
    "child_born_year_1": other_case("GUZ2019541299", applicants=(
        principal(id="GUZ2019541299-1", date_of_birth=date(1, 1, 1)), child(date(1, 1, 1)))),
    "dates_year_1": other_case("GUZ2019541299", priority_date=date(1, 1, 1), last_contact=date(1, 1, 1)),
    "dates_9999": other_case("GUZ2019541299", priority_date=date.max, last_contact=date.max),
}


@pytest.mark.parametrize("extreme", EXTREMES.values(), ids=EXTREMES.keys())
def test_an_extreme_case_is_evaluated_and_its_group_neighbour_too(extreme):
    ev = evaluate(extreme, today=TODAY, policy=POLICY, cutoffs=CUTOFFS, calendar=GUANGZHOU, group=(case(),))
    assert ev.decision in Decision
    neighbour = evaluate(case(), today=TODAY, policy=POLICY, cutoffs=CUTOFFS, calendar=GUANGZHOU,
                         group=(extreme,))
    assert neighbour.decision is Decision.SCHEDULE and extreme.case_number in neighbour.group


def test_an_appointment_on_the_last_day_means_waiting_until_then():
    ev = evaluate(case(appointment=consulate_appointment(LAST)), today=TODAY, policy=POLICY, cutoffs=CUTOFFS,
                  calendar=GUANGZHOU)
    assert ev.decision is Decision.WAIT and ev.earliest_date == date.max
