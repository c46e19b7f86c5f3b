"""CSPA age, worked by hand: availability from the recorded cut-offs, pending time subtracted, the one-year deadline."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.domain.cutoffs import parse_final_action
from kiosk.domain.errors import InputError
from kiosk.domain.model import Cutoff
from kiosk.domain.cspa import CspaStatus, age_in_years_and_days, cspa_age, first_current_month, years_after


def bulletin(*rows: tuple[str, str, str, str]) -> list[Cutoff]:
    return [Cutoff(m, cat, ch, parse_final_action(v)) for m, cat, ch, v in rows]


# F2A, all chargeability areas: not current in January 2023 (PD on or after 2019-01-01), current in February.
F2A = bulletin(("2023-01", "F2A", "ALL", "2019-01-01"), ("2023-02", "F2A", "ALL", "2019-06-01"),
               ("2023-03", "F2A", "ALL", "2019-09-01"))

CASES = [
    # id, dob, class, chargeability, PD, filed, approved, cut-offs →
    #   status, available, current month, pending, years, days, under 21, deadline
    ("pending 400 days brings 21y62d down to 20y27d",
     date(2001, 12, 1), "F21", "CHINA", date(2019, 3, 14), date(2019, 3, 14), date(2020, 4, 17), F2A,
     CspaStatus.AVAILABLE, date(2023, 2, 1), "2023-02", 400, 20, 27, True, date(2024, 2, 1)),
    ("approval after the PD became current: the approval date is when the visa became available",
     date(1995, 3, 1), "F41", "CHINA", date(2015, 1, 1), date(2015, 1, 1), date(2016, 7, 1),
     bulletin(("2016-01", "F4", "CHINA", "2015-06-01")),
     CspaStatus.AVAILABLE, date(2016, 7, 1), "2016-01", 547, 19, 306, True, date(2017, 7, 1)),
    ("pending time too short to help: 21 or over",
     date(2000, 1, 10), "F21", "CHINA", date(2019, 3, 14), date(2019, 3, 14), date(2019, 9, 14), F2A,
     CspaStatus.AVAILABLE, date(2023, 2, 1), "2023-02", 184, 22, 203, False, date(2024, 2, 1)),
    ("born a month earlier: 20y61d, still under 21",
     date(2001, 10, 28), "F21", "CHINA", date(2019, 3, 14), date(2019, 3, 14), date(2020, 4, 17), F2A,
     CspaStatus.AVAILABLE, date(2023, 2, 1), "2023-02", 400, 20, 61, True, date(2024, 2, 1)),
    ("a day older than 20y364d is 21y0d",
     date(2000, 12, 28), "F21", "CHINA", date(2019, 3, 14), date(2019, 3, 14), date(2020, 4, 17), F2A,
     CspaStatus.AVAILABLE, date(2023, 2, 1), "2023-02", 400, 21, 0, False, date(2024, 2, 1)),
    ("the chargeability's own row wins over ALL: CHINA current only in March",
     date(2001, 12, 1), "F21", "CHINA", date(2019, 3, 14), date(2019, 3, 14), date(2020, 4, 17),
     F2A + bulletin(("2023-02", "F2A", "CHINA", "2019-01-01"), ("2023-03", "F2A", "CHINA", "C")),
     CspaStatus.AVAILABLE, date(2023, 3, 1), "2023-03", 400, 20, 55, True, date(2024, 3, 1)),
    ("U (unavailable) is not current",
     date(2001, 12, 1), "F21", "MEXICO", date(2019, 3, 14), date(2019, 3, 14), date(2020, 4, 17),
     bulletin(("2023-01", "F2A", "MEXICO", "U"), ("2023-02", "F2A", "MEXICO", "U")),
     CspaStatus.NOT_YET_AVAILABLE, None, None, 400, None, None, None, None),
    ("never current in the recorded months: not yet available",
     date(2001, 12, 1), "F21", "CHINA", date(2019, 12, 1), date(2019, 12, 1), date(2020, 4, 17), F2A,
     CspaStatus.NOT_YET_AVAILABLE, None, None, 138, None, None, None, None),
    ("another category's months do not count",
     date(2001, 12, 1), "F31", "CHINA", date(2019, 3, 14), date(2019, 3, 14), date(2020, 4, 17), F2A,
     CspaStatus.NOT_YET_AVAILABLE, None, None, 400, None, None, None, None),
    ("immediate relative: the age on the filing date, no deadline",
     date(2004, 6, 15), "IR2", "CHINA", None, date(2025, 6, 14), None, [],
     CspaStatus.IMMEDIATE_RELATIVE, None, None, 0, 20, 364, True, None),
    ("immediate relative filed on the 21st birthday",
     date(2004, 6, 15), "IR2", "CHINA", None, date(2025, 6, 15), date(2025, 9, 1), [],
     CspaStatus.IMMEDIATE_RELATIVE, None, None, 0, 21, 0, False, None),
    ("available on 29 February: the deadline is 28 February of the next year",
     date(2004, 1, 1), "F21", "CHINA", date(2019, 3, 14), date(2019, 3, 14), date(2024, 2, 29),
     bulletin(("2024-01", "F2A", "ALL", "C")),
     CspaStatus.AVAILABLE, date(2024, 2, 29), "2024-01", 1813, 15, 72, True, date(2025, 2, 28)),
]


@pytest.mark.parametrize(
    "dob, visa_class, chargeability, pd, filed, approved, cutoffs, status, available, month, pending, years, "
    "days, under_21, deadline", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_cspa_age_worked_examples(dob, visa_class, chargeability, pd, filed, approved, cutoffs, status, available,
                                  month, pending, years, days, under_21, deadline) -> None:
    r = cspa_age(date_of_birth=dob, visa_class=visa_class, chargeability=chargeability, priority_date=pd,
                 petition_filed=filed, petition_approved=approved, cutoffs=cutoffs)
    assert (r.status, r.visa_available, r.current_month, r.pending_days, r.years, r.days, r.under_21,
            r.deadline) == (status, available, month, pending, years, days, under_21, deadline)


def test_the_first_current_month_is_the_earliest_even_after_a_retrogression() -> None:
    cutoffs = bulletin(("2023-05", "F2A", "ALL", "2019-06-01"), ("2023-06", "F2A", "ALL", "2018-01-01"),
                       ("2023-04", "F2A", "ALL", "2018-01-01"))
    assert first_current_month(cutoffs, "F2A", "CHINA", date(2019, 3, 14)) == "2023-05"


def test_a_29_february_child_turns_a_year_older_on_1_march() -> None:
    assert age_in_years_and_days(date(2004, 2, 29), date(2025, 2, 28)) == (20, 365)
    assert age_in_years_and_days(date(2004, 2, 29), date(2025, 3, 1)) == (21, 0)
    assert years_after(date(2024, 2, 29), 1) == date(2025, 2, 28)


@pytest.mark.parametrize("change, field", [
    ({"petition_approved": None}, "petition.approved"),
    ({"petition_approved": date(2019, 1, 1)}, "petition.approved"),
    ({"date_of_birth": None}, "date_of_birth"),
    ({"priority_date": None}, "priority_date"),
    ({"visa_class": "K1"}, "visa_class"),
    ({"visa_class": "Z99"}, "visa_class"),
])
def test_missing_or_inconsistent_data_is_an_input_error_naming_the_field(change, field) -> None:
    args = {"date_of_birth": date(2001, 12, 1), "visa_class": "F21", "chargeability": "CHINA",
            "priority_date": date(2019, 3, 14), "petition_filed": date(2019, 3, 14),
            "petition_approved": date(2020, 4, 17), "cutoffs": F2A}
    with pytest.raises(InputError) as exc:
        cspa_age(**{**args, **change})
    assert exc.value.field == field
