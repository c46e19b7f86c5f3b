"""A kiosk's cache answers a letter look-up from sealed records: the right pair opens the case (and its group),
a wrong date of birth does not and counts as a miss, and nothing judges a case nobody opened."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kiosk.app.visit import VisitServices
from kiosk.domain.errors import CASE_NOT_FOUND, InputError
from kiosk.services.evaluation import evaluate_case
from kiosk.services.letter import LOOKUP_LIMIT, LookupMissed, look_up_letter
from kiosk.store.db import Database, sqlite_url
from kiosk.store.models import ApplicantRow, CaseRow
from kiosk.sync.central_marks import Mismatch, Why
from kiosk.sync.resync import full_resync
from tests.factories import NOW, add_case, add_slot, case_number, seed_post

TODAY = NOW.date()
DOB = "1988-07-30"  # add_case's principal


@pytest.fixture
def sealed(tmp_path) -> tuple[Database, Database, list[str]]:
    """Central (a SQLite file here) with three cases, two of one petitioner; a cache copied from it whole."""
    central = Database(sqlite_url(tmp_path / "central.db"))
    central.init_schema()
    seed_post(central)
    add_slot(central, datetime(2026, 11, 9, 9, 0), 4)
    numbers = [case_number(n) for n in (1, 2, 3)]
    add_case(central, numbers[0], children=1, petitioner="PET-7")
    add_case(central, numbers[1], spouse=True, petitioner="PET-7")
    add_case(central, numbers[2])
    with central.transaction() as s:  # the child turns 21 within the warning period: its date matters
        s.get_one(ApplicantRow, f"{numbers[0]}-2").date_of_birth = date(2005, 12, 1)
    cache = Database(sqlite_url(tmp_path / "cache.db"))
    cache.init_schema()
    full_resync(central, cache, Mismatch(Why.DAMAGED, "a first copy"))
    return central, cache, numbers


def test_the_cache_holds_no_name_or_date_of_birth_only_sealed_records(sealed) -> None:
    _central, cache, numbers = sealed
    with cache.session() as s:
        people = s.query(ApplicantRow).all()
        cases = {c.case_number: c for c in s.query(CaseRow).all()}
    assert people and all(a.surname == a.given_names == "" and a.date_of_birth is None and a.native_name is None
                          for a in people)
    assert all(c.sealed for c in cases.values())
    digest = {c.petitioner_id for c in cases.values()}
    assert "PET-7" not in digest and cases[numbers[0]].petitioner_id == cases[numbers[1]].petitioner_id


def test_the_right_pair_opens_the_case_and_its_group_a_wrong_date_is_a_counted_miss(sealed) -> None:
    central, cache, numbers = sealed
    with pytest.raises(InputError) as unopened:  # nobody opened it: no rule is judged without the dates
        with cache.session() as s:
            evaluate_case(s, numbers[0], today=TODAY)
    assert unopened.value.code == CASE_NOT_FOUND
    left = []
    for _ in range(2):
        with pytest.raises(LookupMissed) as missed:
            look_up_letter(cache, numbers[0], "1988-07-31", today=TODAY, now=NOW)
        left.append(missed.value.tries_left)
    assert left == [LOOKUP_LIMIT - 1, LOOKUP_LIMIT - 2]  # each wrong date counted, as on central
    found = look_up_letter(cache, numbers[0], DOB, today=TODAY, now=NOW)
    on_central = look_up_letter(central, numbers[0], DOB, today=TODAY, now=NOW)
    assert found.names == on_central.names and "WANG LEI" in found.names.values()  # the group's spouse too
    assert found.evaluation.findings == on_central.evaluation.findings
    assert "CHILD_TURNS_21_SOON" in {f.code for f in found.evaluation.findings}  # the child's date was there
    with cache.session() as s:  # the visit goes on from what it opened
        assert evaluate_case(s, numbers[0], today=TODAY) == on_central.evaluation
    with pytest.raises(InputError):  # another case's record is still closed
        with cache.session() as s:
            evaluate_case(s, numbers[2], today=TODAY)


def test_a_finished_visit_forgets_what_its_look_up_opened(sealed) -> None:
    _central, cache, numbers = sealed
    visit = VisitServices(db=cache, kiosk_id="hall-1", clock=lambda: NOW)
    assert visit.look_up_letter(numbers[2], DOB).case.principal.date_of_birth == date(1988, 7, 30)
    with cache.session() as s:
        assert evaluate_case(s, numbers[2], today=TODAY).may_book
    visit.forget_opened()  # the shell's wipe at the end of the visit
    with pytest.raises(InputError), cache.session() as s:
        evaluate_case(s, numbers[2], today=TODAY)
