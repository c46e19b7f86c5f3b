"""Pull: a fresh cache converges to central; changes, deletions and cut-off updates arrive."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import delete, select, update

from kiosk.store.models import ApplicantRow, CaseRow, Closure, CutoffRow, SlotRow
from kiosk.sync.pull import last_revision
from tests.factories import add_case, add_cutoff, add_slot, case_number, seed_post
from tests.sync.conftest import rows_of
from tests.sync.via import pull

pytestmark = pytest.mark.postgres


def _seed(central, cases: int = 5) -> None:
    seed_post(central, closures=(date(2026, 12, 24),))
    add_cutoff(central, "2026-11", "F2B", "CHINA", "2017-01-01")
    add_slot(central, datetime(2026, 12, 7, 8, 30), 12)
    for n in range(1, cases + 1):
        add_case(central, case_number(n), children=n % 3, spouse=n % 2 == 0)


def test_a_fresh_cache_converges_to_central(central, cache):
    _seed(central)
    result = pull(central, cache, batch=7)
    assert rows_of(cache) == rows_of(central)
    assert result.batches > 1 and result.deleted == 0
    # One log entry per row; central cannot see the cache, so a batch brings its rows' parents again.
    assert sum(map(len, rows_of(cache).values())) == result.entries <= result.upserted


def test_changes_deletions_and_cutoff_updates_arrive(central, cache):
    _seed(central)
    pull(central, cache)
    with central.transaction() as s:
        s.execute(update(CutoffRow).values(final_action="2017-06-01"))
        s.execute(delete(Closure))
        s.delete(s.get(CaseRow, case_number(2)))  # cascades to its applicants on central
        s.get(SlotRow, "2026-12-07T08:30").seats = 20
    add_case(central, case_number(9))
    result = pull(central, cache)
    assert rows_of(cache) == rows_of(central)
    with cache.session() as s:
        assert s.scalars(select(CutoffRow.final_action)).all() == ["2017-06-01"]
        assert s.get(CaseRow, case_number(2)) is None
        assert not s.scalars(select(ApplicantRow).where(ApplicantRow.case_number == case_number(2))).all()
    assert result.deleted >= 2  # the closure and the case (its applicants may already be gone by cascade)


def test_a_second_pull_with_nothing_new_changes_nothing(central, cache):
    _seed(central)
    first = pull(central, cache)
    again = pull(central, cache)
    assert (again.entries, again.upserted, again.revision) == (0, 0, first.revision)
    with cache.session() as s:
        assert last_revision(s) == first.revision


def test_a_transaction_that_wrote_first_but_commits_last_is_not_skipped(central, cache):
    _seed(central, cases=1)
    pull(central, cache)
    with central.engine.connect() as slow:
        tx = slow.begin()
        slow.execute(update(SlotRow).values(seats=30))  # writes first ...
        with central.transaction() as s:  # ... another transaction writes later and commits first
            s.get(CaseRow, case_number(1)).visa_class = "IR2"
        pull(central, cache)
        tx.commit()  # ... and commits last
    pull(central, cache)
    assert rows_of(cache) == rows_of(central)
    with cache.session() as s:
        assert s.get(SlotRow, "2026-12-07T08:30").seats == 30
