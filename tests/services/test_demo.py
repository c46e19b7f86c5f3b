"""The demo post: its cases fire every rule of RULES.md, each as its note says, on any day."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from kiosk.services.demo import TEMPLATE, demo_document, resolve, seed_demo
from kiosk.services.evaluation import evaluate_case
from kiosk.store.db import Database, sqlite_url

CASE_CODES = {
    "VISA_CLASS_NOT_HANDLED", "ALREADY_INTERVIEWED", "PRINCIPAL_NO_CONTACT_1Y", "CASE_NOT_CURRENT",
    "CUTOFF_UNKNOWN", "VISA_CLASS_CHANGED", "ORIGINAL_APPOINTMENT_NOT_MISSED", "CHANGE_WINDOW_CLOSED",
    "CSPA_CHECK_REQUIRED", "CHILD_TURNS_21_SOON", "SAME_PETITIONER_GROUP",
    "CHILD_MARRIED", "CHILD_AGED_OUT", "DERIVATIVE_NOT_ON_LETTER",
}
NOTES = {c["case_number"]: c["_demo"] for c in json.loads(TEMPLATE.read_text("utf-8"))["cases"]}


# Today, a leap day, a Monday before Christmas and a day before Chinese New Year's week.
@pytest.fixture(scope="module", params=[date(2026, 11, 25), date(2028, 2, 29), date(2026, 12, 21), date(2027, 2, 3)])
def demo(request, tmp_path_factory):
    db = Database(sqlite_url(tmp_path_factory.mktemp("demo") / "demo.db"))
    db.init_schema()
    seed_demo(db, request.param)
    yield db, request.param
    db.dispose()


def test_every_demo_case_decides_and_fires_exactly_what_its_note_says(demo):
    db, today = demo
    with db.session() as s:
        for number, note in NOTES.items():
            ev = evaluate_case(s, number, today=today)
            assert ev.decision.value == re.split(r"[ :(]", note)[0], (number, note, ev)
            assert set(ev.codes) == set(re.findall(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b", note)), (number, note, ev.codes)


def test_the_demo_fires_every_case_and_applicant_rule_plus_letter_missing(demo):
    db, today = demo
    with db.session() as s:
        fired = {code for n in NOTES for code in evaluate_case(s, n, today=today).codes}
        no_letter = evaluate_case(s, "GUZ2019000001", today=today, has_letter=False)
    assert fired == CASE_CODES
    assert no_letter.decision.value == "inquiry" and "LETTER_MISSING" in no_letter.codes


def test_demo_slots_cover_120_days_of_working_days_only():
    today = date(2026, 11, 25)
    doc = demo_document(today)
    days = sorted({s["start"][:10] for s in doc["slots"]})
    assert days[0] == "2026-11-25" and days[-1] <= "2027-03-25"
    assert all(date.fromisoformat(d).weekday() < 5 for d in days)
    assert "2027-01-01" not in days and "2026-11-26" not in days  # New Year's Day; US Thanksgiving
    assert doc["closures"][0]["date"] not in days


def test_tokens_resolve_relative_to_today_with_leap_days():
    assert resolve("{T-21y+30d}", date(2026, 11, 25)) == "2005-12-25"
    assert resolve("{T-1y}", date(2028, 2, 29)) == "2027-02-28"
    assert resolve("{M} {M+1}", date(2026, 12, 31)) == "2026-12 2027-01"
    assert resolve("{T+1w}", date(2026, 11, 27)) == "2026-11-30"  # Friday → Monday
