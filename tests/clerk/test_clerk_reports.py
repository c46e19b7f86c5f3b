"""Reports on real bookings and inquiries, exported as CSV atomically and read back with the csv module."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.domain.errors import InputError
from kiosk.services import clerk
from kiosk.services.clerk.reports import Report, bookings_per_day, export_report, inquiries_per_week, no_shows, write_csv
from kiosk.services.inquiries import submit_inquiry
from tests.clerk.conftest import CLERK, NOW
from tests.clerk.test_clerk_services import events

MON, TUE, THU = date(2026, 11, 9), date(2026, 11, 10), date(2026, 11, 12)  # 11 Nov is Veterans Day


def at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, datetime.min.time()).replace(hour=hour)


def read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


@pytest.fixture
def busy(sdb):  # type: ignore[no-untyped-def]
    """Case 1 booked on 2 Nov for Monday 9 Nov, moved on 3 Nov to Tuesday; case 13 booked for Monday, cancelled and rebooked for Thursday on 4 Nov."""
    clerk.book_for(sdb, CLERK, "GUZ2019000001", "2026-11-09T08:30", "at the counter", now=NOW)
    clerk.book_for(sdb, CLERK, "GUZ2019000013", "2026-11-09T10:30", "at the counter", now=NOW)
    clerk.book_for(sdb, CLERK, "GUZ2019000001", "2026-11-10T08:30", "moved a day", now=at(date(2026, 11, 3)))
    clerk.cancel_for(sdb, CLERK, "GUZ2019000013", "applicant phoned", now=at(date(2026, 11, 4)))
    clerk.book_for(sdb, CLERK, "GUZ2019000013", "2026-11-12T08:30", "booked again", now=at(date(2026, 11, 4), 10))
    return sdb


def test_bookings_per_day_counts_made_rebooked_cancelled_and_held(busy) -> None:
    with busy.session() as s:
        report = bookings_per_day(s, date(2026, 11, 2), THU)
    rows = {r[0]: r[1:] for r in report.rows}
    assert len(report.rows) == 11  # every day of the range, quiet days too
    assert rows[date(2026, 11, 2)] == (2, 0, 0, 0, 0)
    assert rows[date(2026, 11, 3)] == (0, 1, 0, 0, 0)
    assert rows[date(2026, 11, 4)] == (1, 0, 1, 0, 0)
    assert rows[MON] == (0, 0, 0, 0, 0)  # both Monday bookings were moved or cancelled
    assert rows[TUE][3:] == (1, 3) and rows[THU][3:] == (1, 2)  # case 1: three people; case 13: two


def test_no_shows_are_passed_appointments_of_cases_not_interviewed(busy) -> None:
    with busy.session() as s:
        before = no_shows(s, MON, THU, now=at(TUE, 12))
        after = no_shows(s, MON, THU, now=at(THU, 12))
    assert [r[2] for r in before.rows] == ["GUZ2019000001"]
    assert [(r[0], r[2], r[3]) for r in after.rows] == [
        (datetime(2026, 11, 10, 8, 30), "GUZ2019000001", 3), (datetime(2026, 11, 12, 8, 30), "GUZ2019000013", 2)]
    clerk.mark_interviewed(busy, CLERK, "GUZ2019000001", "interviewed at window 2", now=at(THU, 12))
    with busy.session() as s:
        assert [r[2] for r in no_shows(s, MON, THU, now=at(THU, 12)).rows] == ["GUZ2019000013"]


def test_inquiries_are_counted_by_kind_per_iso_week(sdb) -> None:
    with sdb.transaction() as s:
        for day, kind in ((date(2026, 11, 2), "cspa"), (date(2026, 11, 8), "letter_copy"),
                          (date(2026, 11, 9), "cspa"), (date(2026, 11, 9), "cspa")):
            submit_inquiry(s, case_number="GUZ2019000012", kind=kind, text="please", now=at(day))
    with sdb.session() as s:
        report = inquiries_per_week(s, date(2026, 11, 1), date(2026, 11, 20))
    assert [r[0] for r in report.rows] == ["2026-W44", "2026-W45", "2026-W46", "2026-W47"]
    by_week = {r[0]: dict(zip(report.header, r, strict=True)) for r in report.rows}
    assert (by_week["2026-W45"]["cspa"], by_week["2026-W45"]["letter_copy"], by_week["2026-W45"]["total"]) == (1, 1, 2)
    assert (by_week["2026-W46"]["cspa"], by_week["2026-W46"]["total"]) == (2, 2)
    assert by_week["2026-W44"]["week_starts"] == date(2026, 10, 26)


def test_the_export_reads_back_as_the_report_and_is_audited(busy, tmp_path) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    path, count = export_report(busy, CLERK, "no_shows", MON, THU, out / "no-shows", now=at(THU, 12))
    assert path == out / "no-shows.csv" and count == 2
    rows = read(path)
    assert rows[0] == ["appointment", "booking", "case_number", "applicants", "petitioner", "last_contact"]
    assert [r[0] for r in rows[1:]] == ["2026-11-10 08:30", "2026-11-12 08:30"]
    assert [r[2:4] for r in rows[1:]] == [["GUZ2019000001", "3"], ["GUZ2019000013", "2"]]
    assert [p.name for p in out.iterdir()] == ["no-shows.csv"]  # no temporary file left behind
    (logged,) = events(busy, "clerk.report_exported")
    assert (logged["report"], logged["rows"], logged["path"]) == ("no_shows", 2, str(path))


def test_a_cell_that_a_spreadsheet_would_run_as_a_formula_is_written_as_text(tmp_path) -> None:
    report = Report("x", MON, MON, ("name", "n"), (("=HYPERLINK(\"x\")", -3), ("何健", 0)))
    rows = read(write_csv(report, tmp_path / "x.csv"))
    assert rows == [["name", "n"], ["'=HYPERLINK(\"x\")", "-3"], ["何健", "0"]]


def test_a_failed_write_leaves_the_earlier_file_whole(tmp_path) -> None:
    target = tmp_path / "r.csv"
    target.write_text("earlier,report\n", encoding="utf-8")
    bad = Report("x", MON, MON, ("a",), ((object(),), (_Unprintable(),)))
    with pytest.raises(RuntimeError):
        write_csv(bad, target)
    assert target.read_text(encoding="utf-8") == "earlier,report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.csv"]


class _Unprintable:
    def __str__(self) -> str:
        raise RuntimeError("cannot be written")


@pytest.mark.parametrize("path, field", [("relative.csv", "path"), ("/no/such/folder/r.csv", "path")])
def test_an_export_needs_a_full_path_into_an_existing_folder(path, field, tmp_path) -> None:
    with pytest.raises(InputError) as exc:
        write_csv(Report("x", MON, MON, ("a",), ()), path)
    assert exc.value.field == field


def test_a_range_backwards_or_over_two_years_is_refused(sdb) -> None:
    with sdb.session() as s, pytest.raises(InputError):
        bookings_per_day(s, THU, MON)
    with sdb.session() as s, pytest.raises(InputError):
        inquiries_per_week(s, MON, MON + timedelta(days=800))
