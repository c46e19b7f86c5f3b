"""Booking, rebooking and cancelling each log one INFO line: case, reference, slot and seats, never a name."""

from __future__ import annotations

import json
import logging
from datetime import datetime

import pytest

from kiosk.logs import JsonFormatter
from kiosk.services.booking import book, cancel
from tests.factories import NOW, add_case, add_slot, case_number, seed_post

C1 = case_number(1)
MON_9, TUE_10 = datetime(2026, 11, 9, 8, 30), datetime(2026, 11, 10, 8, 30)
PERSONAL = ("LIN", "MEI", "WANG", "LEI", "1988-07-30", "1987-01-05")  # add_case's principal and spouse


@pytest.fixture
def post(db):
    seed_post(db)
    for start in (MON_9, TUE_10):
        add_slot(db, start, 3)
    add_case(db, C1, spouse=True)
    return db


def booking_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "kiosk.booking"]


def test_book_rebook_and_cancel_log_the_case_number_and_no_applicant_name(post, caplog):
    with caplog.at_level(logging.INFO, logger="kiosk.booking"):
        first = book(post, C1, MON_9.strftime("%Y-%m-%dT%H:%M"), now=NOW, key="visit-1")
        second = book(post, C1, TUE_10.strftime("%Y-%m-%dT%H:%M"), now=NOW)
        cancel(post, C1, now=NOW)

    records = booking_records(caplog)
    assert [(r.levelno, r.event) for r in records] == [
        (logging.INFO, "booking.booked"), (logging.INFO, "booking.rebooked"), (logging.INFO, "booking.cancelled")]
    assert [(r.case, r.booking, r.slot, r.seats) for r in records] == [
        (C1, first.reference, first.slot_id, 2), (C1, second.reference, second.slot_id, 2),
        (C1, second.reference, second.slot_id, 2)]
    for record in records:
        line = JsonFormatter().format(record)  # what the log file gets
        assert json.loads(line)["case"] == C1 and C1 in record.getMessage()
        assert not [p for p in PERSONAL if p in line], line


def test_a_repeated_key_logs_that_it_answered_the_stored_booking(post, caplog):
    slot = MON_9.strftime("%Y-%m-%dT%H:%M")
    first = book(post, C1, slot, now=NOW, key="visit-1")
    caplog.clear()  # another test may have set kiosk's level to INFO: forget the first booking's line
    with caplog.at_level(logging.INFO, logger="kiosk.booking"):
        again = book(post, C1, slot, now=NOW, key="visit-1")

    assert again == first
    assert [(r.event, r.case, r.booking) for r in booking_records(caplog)] == [
        ("booking.repeated", C1, first.reference)]
