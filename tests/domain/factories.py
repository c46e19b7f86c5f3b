"""Small builders for cases the rule tests vary one field at a time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from kiosk.domain.calendar import PostCalendar
from kiosk.domain.eligibility import evaluate
from kiosk.domain.model import (
    Applicant,
    Appointment,
    BookedVia,
    Case,
    Cspa,
    Cutoff,
    Evaluation,
    Policy,
    Role,
)

TODAY = date(2026, 11, 25)  # a Wednesday; Thursday 26 November 2026 is Thanksgiving
POLICY = Policy()
GUANGZHOU = PostCalendar("CN")  # shared: it caches holiday years
CUTOFFS = (
    # F2A current every month, so the default F21 case can be evaluated on any date of these years.
    *(Cutoff(f"{y}-{m:02d}", "F2A", "ALL", "C") for y in range(2024, 2030) for m in range(1, 13)),
    Cutoff("2026-11", "F2B", "CHINA", date(2017, 1, 1)),
    Cutoff("2026-11", "F2B", "ALL", date(2018, 1, 1)),
    Cutoff("2026-11", "F4", "ALL", "U"),
    Cutoff("2026-10", "F3", "ALL", "C"),  # last month only: no F3 row in force in November
)
CASE_NUMBER = "GUZ2019541234"


def principal(**changes: object) -> Applicant:
    base = Applicant(f"{CASE_NUMBER}-1", Role.PRINCIPAL, "LIN", "MEI", date(1988, 7, 30), "married")
    return replace(base, **changes)


def child(dob: date, n: int = 2, *, marital_status: str = "single", cspa: Cspa | None = None,
          on_letter: bool = True, given_names: str = "HAO") -> Applicant:
    return Applicant(f"{CASE_NUMBER}-{n}", Role.CHILD, "LIN", given_names, dob, marital_status,
                     on_letter=on_letter, cspa=cspa)


def spouse(n: int = 3, *, on_letter: bool = True) -> Applicant:
    return Applicant(f"{CASE_NUMBER}-{n}", Role.SPOUSE, "WANG", "JUN", date(1986, 3, 2), "married",
                     on_letter=on_letter)


def consulate_appointment(start: datetime) -> Appointment:
    return Appointment(start, BookedVia.CONSULATE)


def system_appointment(start: datetime) -> Appointment:
    return Appointment(start, BookedVia.SYSTEM)


def case(*extra: Applicant, **changes: object) -> Case:
    """A case that passes every rule on TODAY: F2A (current), contact this year, appointment missed."""
    base = Case(
        case_number=CASE_NUMBER,
        petitioner_id="PET-88120",
        visa_class="F21",
        priority_date=date(2019, 3, 14),
        chargeability="CHINA",
        applicants=(principal(), *extra),
        last_contact=date(2026, 6, 2),
        appointment=consulate_appointment(datetime(2026, 10, 12, 8, 30)),
    )
    return replace(base, **changes)


def other_case(number: str, **changes: object) -> Case:
    """Another case of the same petitioner."""
    base = case(case_number=number, applicants=(principal(id=f"{number}-1", given_names="LI"),))
    return replace(base, **changes)


def run(c: Case, today: date = TODAY, **kwargs: object) -> Evaluation:
    kwargs.setdefault("cutoffs", CUTOFFS)
    kwargs.setdefault("calendar", GUANGZHOU)
    kwargs.setdefault("policy", POLICY)
    return evaluate(c, today=today, **kwargs)


def only(ev: Evaluation, code: str):
    """The single finding with this code."""
    found = [f for f in ev.findings if f.code == code]
    assert len(found) == 1, (code, ev.findings)
    return found[0]
