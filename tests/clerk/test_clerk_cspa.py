"""The CSPA calculator on a real case: the case's dates and every recorded bulletin month, then the decision."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.domain.errors import InputError
from kiosk.services import clerk
from kiosk.domain.cspa import CspaStatus
from tests.clerk.conftest import CLERK, NOW, TODAY
from tests.factories import add_cutoff


def test_the_demo_son_of_22_is_21_by_cspa_age_from_this_months_bulletin(sdb) -> None:
    # F2A is current ("C") from November 2026, the first recorded month; pending 2019-04-04 → 2020-02-03.
    with sdb.session() as s:
        result = clerk.cspa_for(s, "GUZ2019000012", "GUZ2019000012-2")
    age = result.age
    assert (result.name, result.date_of_birth, result.recorded) == ("HE JIAN", date(2004, 11, 2), None)
    assert (age.status, age.visa_available, age.pending_days) == (CspaStatus.AVAILABLE, date(2026, 11, 1), 305)
    assert (age.years, age.days, age.under_21, age.deadline) == (21, 59, False, date(2027, 11, 1))


def test_an_earlier_current_month_in_the_history_makes_the_same_son_under_21(sdb) -> None:
    add_cutoff(sdb, "2024-03", "F2A", "ALL", "C")
    with sdb.session() as s:
        age = clerk.cspa_for(s, "GUZ2019000012", "GUZ2019000012-2").age
    assert (age.visa_available, age.years, age.days, age.under_21) == (date(2024, 3, 1), 18, 180, True)


def test_the_decision_taken_from_the_calculator_is_recorded_and_shown_next_time(sdb) -> None:
    with sdb.session() as s:
        age = clerk.cspa_for(s, "GUZ2019000012", "GUZ2019000012-2").age
    clerk.record_cspa(sdb, CLERK, "GUZ2019000012", "GUZ2019000012-2", "not_protected",
                      f"CSPA age {age.years}y {age.days}d", now=NOW)
    with sdb.session() as s:
        assert clerk.cspa_for(s, "GUZ2019000012", "GUZ2019000012-2").recorded == "not_protected"
        view = clerk.case_view(s, "GUZ2019000012", today=TODAY)
    assert "CHILD_AGED_OUT" in view.evaluation.codes and view.evaluation.decision == "schedule"


def test_the_calculator_is_only_for_children(sdb) -> None:
    with sdb.session() as s, pytest.raises(InputError, match="not a child"):
        clerk.cspa_for(s, "GUZ2019000012", "GUZ2019000012-1")
