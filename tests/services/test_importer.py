"""The case file: every section imported, bad input named precisely, nothing half-imported."""

from __future__ import annotations

import copy
import json
from datetime import datetime

import pytest
from sqlalchemy import func, select

from kiosk.domain.errors import InputError
from kiosk.services.casefile import CaseFileError, load_case_file
from kiosk.services.importer import import_file
from kiosk.store.db import Database, sqlite_url
from kiosk.store.models import ApplicantRow, Booking, BookingApplicant, CaseRow, Closure, CutoffRow, SlotRow

NOW = datetime(2026, 11, 25, 9, 0)

EXAMPLE = {  # DATA.md's example, verbatim in shape
    "format": "kiosk-cases/1",
    "post": {"code": "GUZ", "name": "U.S. Consulate General Guangzhou", "country": "CN",
             "timezone": "Asia/Shanghai"},
    "cutoffs": [
        {"month": "2026-11", "category": "F2B", "chargeability": "CHINA", "final_action": "2017-01-01"},
        {"month": "2026-11", "category": "F2A", "chargeability": "ALL", "final_action": "C"},
    ],
    "slots": [{"id": "2026-12-07T08:30", "start": "2026-12-07T08:30", "seats": 12}],
    "closures": [{"date": "2026-12-24", "reason": "Post closed"}],
    "cases": [{
        "case_number": "GUZ2019541234", "petitioner_id": "PET-88120", "visa_class": "F21",
        "priority_date": "2019-03-14", "chargeability": "CHINA",
        "petition": {"filed": "2019-03-14", "approved": "2020-02-03"},
        "interviewed": False, "visa_class_changed": False, "last_contact": "2026-06-02",
        "appointment": {"start": "2026-10-12T08:30", "booked_via": "consulate"},
        "applicants": [
            {"id": "GUZ2019541234-1", "role": "principal", "surname": "LIN", "given_names": "MEI",
             "date_of_birth": "1988-07-30", "marital_status": "married", "on_letter": True},
            {"id": "GUZ2019541234-2", "role": "child", "surname": "LIN", "given_names": "HAO",
             "date_of_birth": "2006-01-09", "marital_status": "single", "on_letter": True, "cspa": None},
        ],
    }],
}


@pytest.fixture
def sqlite_db(tmp_path):
    db = Database(sqlite_url(tmp_path / "import.db"))
    db.init_schema()
    yield db
    db.dispose()


def write(tmp_path, doc, name="cases.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return path


def counts(db):
    with db.session() as s:
        return {m.__tablename__: s.scalar(select(func.count()).select_from(m))
                for m in (CaseRow, ApplicantRow, SlotRow, CutoffRow, Closure)}


def test_the_data_md_example_imports_every_section(sqlite_db, tmp_path):
    summary = import_file(sqlite_db, write(tmp_path, EXAMPLE), now=NOW)
    assert (summary.cases, summary.applicants, summary.slots, summary.cutoffs, summary.closures) == (1, 2, 1, 2, 1)
    with sqlite_db.session() as s:
        case = s.get(CaseRow, "GUZ2019541234")
        assert case.appointment_start == datetime(2026, 10, 12, 8, 30)
        assert [a.given_names for a in case.applicants] == ["MEI", "HAO"]


def test_the_post_may_name_itself_in_chinese(sqlite_db, tmp_path):
    from kiosk.store.models import Post

    doc = copy.deepcopy(EXAMPLE)
    doc["post"].update(name_zh="美国驻广州总领事馆", address_zh="广州市天河区珠江新城华夏路43号")
    import_file(sqlite_db, write(tmp_path, doc), now=NOW)
    with sqlite_db.session() as s:
        post = s.get(Post, "GUZ")
        assert (post.name_zh, post.address_zh) == ("美国驻广州总领事馆", "广州市天河区珠江新城华夏路43号")


def test_importing_the_same_file_twice_changes_nothing(sqlite_db, tmp_path):
    path = write(tmp_path, EXAMPLE)
    import_file(sqlite_db, path, now=NOW)
    before = counts(sqlite_db)
    import_file(sqlite_db, path, now=NOW)
    assert counts(sqlite_db) == before


def test_a_case_imported_again_replaces_its_applicants_and_keeps_its_bookings(sqlite_db, tmp_path):
    import_file(sqlite_db, write(tmp_path, EXAMPLE), now=NOW)
    with sqlite_db.transaction() as s:
        s.get(SlotRow, "2026-12-07T08:30").taken = 1
        s.add(Booking(reference="GUZ-TEST0001", case_number="GUZ2019541234", slot_id="2026-12-07T08:30",
                      status="active", seats=1, created_at=NOW))
        s.add(BookingApplicant(booking_reference="GUZ-TEST0001", applicant_id="GUZ2019541234-1",
                               case_number="GUZ2019541234"))
    changed = copy.deepcopy(EXAMPLE)
    changed["cases"][0]["applicants"] = changed["cases"][0]["applicants"][:1]
    changed["cases"][0]["interviewed"] = True
    import_file(sqlite_db, write(tmp_path, changed), now=NOW)
    with sqlite_db.session() as s:
        case = s.get(CaseRow, "GUZ2019541234")
        assert case.interviewed and len(case.applicants) == 1
        assert s.get(Booking, "GUZ-TEST0001").status == "active"
        assert s.get(SlotRow, "2026-12-07T08:30").taken == 1


@pytest.mark.parametrize(("mutate", "where", "field"), [
    (lambda d: d["cases"][0].update(visa_class="Z99"), "case GUZ2019541234", "visa_class"),
    (lambda d: d["cases"][0].update(priority_date="2019-02-30"), "case GUZ2019541234", "priority_date"),
    (lambda d: d["cases"][0]["applicants"][1].pop("date_of_birth"), "case GUZ2019541234 applicants[1]",
     "date_of_birth"),
    (lambda d: d["cases"].append(copy.deepcopy(d["cases"][0])), "case GUZ2019541234", "case_number"),
    (lambda d: d["cases"][0].update(case_number="GUZ12"), "cases[0]", "case_number"),
    (lambda d: d["cases"][0]["applicants"][0].update(role="cousin"), "case GUZ2019541234 applicants[0]", "role"),
    (lambda d: d["cases"][0]["applicants"][1].update(cspa="maybe"), "case GUZ2019541234 applicants[1]", "cspa"),
    (lambda d: d["cases"][0]["appointment"].update(booked_via="phone"), "case GUZ2019541234",
     "appointment.booked_via"),
    (lambda d: d["cutoffs"][0].update(final_action="soon"), "cutoffs[0]", "final_action"),
    (lambda d: d["slots"][0].update(seats=-1), "slots[0]", "seats"),
    (lambda d: d["slots"][0].update(start="7 Dec 08:30"), "slots[0]", "start"),
    (lambda d: d["post"].update(timezone="Mars/Olympus"), "post", "timezone"),
    (lambda d: d["post"].update(name_zh=["美国"]), "post", "name_zh"),
    (lambda d: d["post"].update(address_zh="广州\x07"), "post", "address_zh"),
    (lambda d: d.update(format="kiosk-cases/9"), "file", "format"),
])
def test_bad_input_names_the_place_and_field_and_imports_nothing(sqlite_db, tmp_path, mutate, where, field):
    bad = copy.deepcopy(EXAMPLE)
    mutate(bad)
    with pytest.raises(CaseFileError) as err:
        import_file(sqlite_db, write(tmp_path, bad), now=NOW)
    assert any(p.where == where and p.field == field for p in err.value.problems), err.value.problems
    assert where in str(err.value) and field in str(err.value)
    assert set(counts(sqlite_db).values()) == {0}


def test_one_bad_case_among_good_ones_imports_nothing(sqlite_db, tmp_path):
    doc = copy.deepcopy(EXAMPLE)
    good = copy.deepcopy(doc["cases"][0])
    good["case_number"] = "GUZ2019000777"
    for i, a in enumerate(good["applicants"], 1):
        a["id"] = f"GUZ2019000777-{i}"
    doc["cases"].insert(0, good)
    doc["cases"][1]["visa_class"] = "K9"
    with pytest.raises(CaseFileError):
        import_file(sqlite_db, write(tmp_path, doc), now=NOW)
    assert set(counts(sqlite_db).values()) == {0}


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    doc = copy.deepcopy(EXAMPLE)
    doc["cases"][0]["visa_class"] = "K9"
    doc["slots"][0]["seats"] = "many"
    with pytest.raises(CaseFileError) as err:
        load_case_file(write(tmp_path, doc))
    assert {p.field for p in err.value.problems} >= {"visa_class", "seats"}


def test_a_file_that_is_not_json_says_where(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "kiosk-cases/1",\n "cases": [}', "utf-8")
    with pytest.raises(CaseFileError, match="line 2"):
        load_case_file(path)


def test_a_missing_file_is_a_clear_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        load_case_file(tmp_path / "nope.json")


def test_case_numbers_typed_with_spaces_and_lower_case_are_accepted(sqlite_db, tmp_path):
    doc = copy.deepcopy(EXAMPLE)
    doc["cases"][0]["case_number"] = "guz 2019 541234"
    import_file(sqlite_db, write(tmp_path, doc), now=NOW)
    with sqlite_db.session() as s:
        assert s.get(CaseRow, "GUZ2019541234") is not None


def test_shrinking_a_slot_below_its_booked_seats_is_refused_and_rolls_back(sqlite_db, tmp_path):
    import_file(sqlite_db, write(tmp_path, EXAMPLE), now=NOW)
    with sqlite_db.transaction() as s:
        s.get(SlotRow, "2026-12-07T08:30").taken = 5
    doc = copy.deepcopy(EXAMPLE)
    doc["slots"][0]["seats"] = 3
    doc["closures"].append({"date": "2026-12-31", "reason": "New Year's Eve"})
    with pytest.raises(InputError, match="cannot shrink"):
        import_file(sqlite_db, write(tmp_path, doc), now=NOW)
    with sqlite_db.session() as s:
        assert s.get(SlotRow, "2026-12-07T08:30").seats == 12
        assert s.get(Closure, datetime(2026, 12, 31).date()) is None


def test_names_in_chinese_and_with_markup_round_trip(sqlite_db, tmp_path):
    doc = copy.deepcopy(EXAMPLE)
    doc["cases"][0]["applicants"][0].update(surname="O'BRIEN & <SONS>", native_name="林美")
    import_file(sqlite_db, write(tmp_path, doc), now=NOW)
    with sqlite_db.session() as s:
        row = s.get(ApplicantRow, "GUZ2019541234-1")
        assert (row.surname, row.native_name) == ("O'BRIEN & <SONS>", "林美")
