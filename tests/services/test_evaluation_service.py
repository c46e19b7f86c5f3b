"""Evaluation service: loads the case, its group, cut-offs, closures and clerk policy from the store."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kiosk.domain.errors import InputError
from kiosk.services.evaluation import evaluate_case, load_case, load_policy, post_calendar
from kiosk.store.models import PolicyValue
from tests.factories import NOW, add_case, add_cutoff, case_number, seed_post

C1, C2 = case_number(1), case_number(2)


def test_a_case_that_missed_its_appointment_may_schedule(db):
    seed_post(db)
    ids = add_case(db, C1, spouse=True)
    with db.session() as s:
        ev = evaluate_case(s, C1, today=NOW.date())
    assert (ev.decision, ev.attending, ev.earliest_date) == ("schedule", tuple(ids), NOW.date())


def test_the_cut_off_in_force_is_read_from_the_store(db):
    seed_post(db)
    add_case(db, C1, visa_class="F24", priority_date=date(2019, 3, 14))
    add_cutoff(db, "2026-11", "F2B", "CHINA", "2017-01-01")
    add_cutoff(db, "2026-12", "F2B", "CHINA", "C")
    with db.session() as s:
        assert evaluate_case(s, C1, today=NOW.date()).codes == ["CASE_NOT_CURRENT"]
        assert evaluate_case(s, C1, today=date(2026, 12, 1)).decision == "schedule"


def test_other_cases_of_the_petitioner_form_the_group(db):
    seed_post(db)
    add_case(db, C1, petitioner="PET-7")
    add_case(db, C2, petitioner="PET-7")
    add_case(db, case_number(3), petitioner="PET-8")
    with db.session() as s:
        ev = evaluate_case(s, C1, today=NOW.date())
    assert ev.group == (C1, C2) and "SAME_PETITIONER_GROUP" in ev.codes


def test_a_missing_letter_leads_to_an_inquiry(db):
    seed_post(db)
    add_case(db, C1)
    with db.session() as s:
        assert evaluate_case(s, C1, today=NOW.date(), has_letter=False).decision == "inquiry"


def test_a_typed_case_number_is_normalised_and_an_unknown_one_is_named(db):
    seed_post(db)
    add_case(db, C1)
    with db.session() as s:
        assert load_case(s, " guz 2019000001 ").case_number == C1
        with pytest.raises(InputError, match=f"no case {case_number(2)} found") as err:
            load_case(s, case_number(2))
    assert err.value.field == "case_number"


def test_clerk_policy_values_override_the_defaults(db):
    with db.transaction() as s:
        s.add(PolicyValue(name="horizon_days", value="30"))
    with db.session() as s:
        policy = load_policy(s)
    assert (policy.horizon_days, policy.closing_hours) == (30, 48)


def test_the_calendar_knows_the_posts_closures(db):
    seed_post(db, closures=(date(2026, 12, 4),))
    with db.session() as s:
        calendar = post_calendar(s)
    assert not calendar.is_working_day(date(2026, 12, 4)) and calendar.is_working_day(date(2026, 12, 3))
    assert not calendar.is_working_day(datetime(2026, 11, 26).date())  # Thanksgiving


def test_evaluate_all_agrees_with_evaluating_each_case_alone(tmp_path):
    from datetime import date

    from kiosk.services.demo import seed_demo
    from kiosk.services.evaluation import evaluate_all
    from kiosk.store.db import Database, sqlite_url

    demo = Database(sqlite_url(tmp_path / "demo.db"))
    demo.init_schema()
    today = date(2026, 11, 25)
    seed_demo(demo, today)
    with demo.session() as s:
        together = evaluate_all(s, today=today)
        alone = [evaluate_case(s, ev.case_number, today=today) for ev in together]
    demo.dispose()
    assert len(together) == 30 and together == alone
