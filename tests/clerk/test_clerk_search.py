"""Case search: case number, petitioner, the start of a Latin or native name; indexed, wildcards are literal."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from kiosk.services.clerk import search_cases
from kiosk.store.models import ApplicantRow
from kiosk.store.staff import SURNAME_GIVEN
from tests.factories import add_case, seed_post


def numbers(db, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return [h.case_number for h in search_cases(s, query)]


@pytest.mark.parametrize("query, expected", [
    ("guz 2019 000012", ["GUZ2019000012"]),
    ("HE JIAN", ["GUZ2019000012"]),
    ("he ji", ["GUZ2019000012"]),
    ("jian he", ["GUZ2019000012"]),  # given names first
    ("何健", ["GUZ2019000012"]),
    ("何", ["GUZ2019000012"]),
    ("健", []),  # a native name is searched from its start (the surname)
    ("pet-00012", ["GUZ2019000012"]),  # petitioner ids in any case
    ("EJIAN", []),  # not from the middle of a name
    ("%", []), ("_E JIAN", []),  # LIKE wildcards are plain characters
])
def test_search_finds_what_a_clerk_types(sdb, query, expected) -> None:
    assert numbers(sdb, query) == expected


def test_name_hits_come_in_name_order_and_stop_at_the_limit(db) -> None:
    seed_post(db)
    for i, given in enumerate(["ZHEN", "AN", "MEI"]):
        add_case(db, f"GUZ20190000{i:02d}")
        with db.transaction() as s:
            s.get(ApplicantRow, f"GUZ20190000{i:02d}-1").given_names = given
    assert numbers(db, "lin") == ["GUZ2019000001", "GUZ2019000002", "GUZ2019000000"]  # AN, MEI, ZHEN
    with db.session() as s:
        assert len(search_cases(s, "lin", limit=2)) == 2


def test_a_name_prefix_is_answered_from_the_index(cdb) -> None:
    sdb = cdb  # SQLite's EXPLAIN QUERY PLAN (PostgreSQL picks by table size: a demo is too small to tell)
    query = select(ApplicantRow.case_number).where(SURNAME_GIVEN >= "he", SURNAME_GIVEN < "hf")
    with sdb.session() as s:
        compiled = query.compile(s.bind, compile_kwargs={"literal_binds": True})
        plan = " ".join(str(r[-1]) for r in s.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
    assert "ix_applicants_surname_given" in plan
