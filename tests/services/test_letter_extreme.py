"""One case with extreme or broken data never breaks the letter look-up of its petitioner's other cases."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update

from kiosk.services.letter import look_up_letter
from kiosk.store.models import CaseRow
from tests.factories import NOW, add_case, case_number, seed_post

GOOD, LAST_DAY, BROKEN = case_number(1), case_number(2), case_number(3)


def test_the_group_of_a_case_booked_on_9999_12_31_still_looks_up(db):
    seed_post(db)
    for number in (GOOD, LAST_DAY, BROKEN):
        add_case(db, number, petitioner="PET-1")
    add_case(db, case_number(4), petitioner="PET-2", appointment=datetime(9999, 12, 31, 23, 59), booked_via="system")
    with db.transaction() as s:  # rows an earlier release (or another system) wrote unchecked
        s.execute(update(CaseRow).where(CaseRow.case_number == LAST_DAY)
                  .values(appointment_start=datetime(9999, 12, 31, 23, 59), appointment_booked_via="consulate"))
        s.execute(update(CaseRow).where(CaseRow.case_number == BROKEN).values(visa_class="ZZ9"))
    found = look_up_letter(db, GOOD, "1988-07-30", today=NOW.date(), now=NOW)
    assert found.evaluation.may_book
    assert found.group_blocked == {LAST_DAY: "wait", BROKEN: "unavailable"}
    last = look_up_letter(db, LAST_DAY, "1988-07-30", today=NOW.date(), now=NOW)
    assert last.evaluation.decision.value == "wait"
    alone = look_up_letter(db, case_number(4), "1988-07-30", today=NOW.date(), now=NOW)
    assert alone.evaluation.decision.value == "reschedule"  # booked through the system: its change window is open
