"""The log file names cases, never applicants: no names, no dates of birth (a demo visit and the admin CLI)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.logs import FIELDS, JsonFormatter, setup_logging, stop_logging
from kiosk.store.models import ApplicantRow
from tests.ui.helpers import forward, look_up, press, start_and_sign_up, to_calendar
from ui.pages.ids import PageId


def personal_data(db) -> set[str]:  # type: ignore[no-untyped-def]
    """Every applicant's surname, given names, native name and date of birth (ISO and as typed)."""
    found: set[str] = set()
    with db.session() as s:
        for a in s.scalars(select(ApplicantRow)):
            found |= {a.surname, a.given_names, f"{a.given_names} {a.surname}", a.native_name or ""}
            if a.date_of_birth:
                found |= {a.date_of_birth.isoformat(), a.date_of_birth.strftime("%Y%m%d")}
    return {text for text in found if len(text) >= 3}


def records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_demo_visit_and_the_admin_cli_log_no_name_or_date_of_birth(qtbot, kiosk, demo_db, tmp_path, capsys) -> None:
    from kiosk.cli.main import main as admin

    path = setup_logging("kiosk", directory=tmp_path / "log", level="DEBUG")  # everything the code emits
    try:
        start_and_sign_up(qtbot, kiosk)
        look_up(qtbot, kiosk, "GUZ2019000001", "1999-01-01", expected=PageId.LETTER)  # a wrong date of birth
        look_up(qtbot, kiosk, "GUZ2019000001", "1988-07-30")
        cal = to_calendar(qtbot, kiosk)
        press(qtbot, cal.time_buttons()[0])
        forward(qtbot, kiosk, PageId.REVIEW)
        forward(qtbot, kiosk, PageId.DONE)
        kiosk.runner.wait_for_done()
        db = ["--db", demo_db.url]
        with demo_db.session() as s:
            cases = sorted({a.case_number for a in s.scalars(select(ApplicantRow))})
        for case in cases:  # every demo case, every decision and finding
            admin([*db, "eligibility", case, "--today", "2026-11-02"])
        admin([*db, "book", "GUZ2019000013", "2026-12-07T08:30", "--now", "2026-11-02T09:00"])
        admin([*db, "confirmation", "GUZ2019000013", "--out", str(tmp_path / "c.pdf")])
        admin([*db, "cancel", "GUZ2019000013", "--now", "2026-11-02T09:05"])
    finally:
        stop_logging()
    capsys.readouterr()
    text = path.read_text(encoding="utf-8")
    assert records(path)  # the log was written (the CLI's migrations check at least)
    leaks = sorted(p for p in personal_data(demo_db) if p in text)
    assert leaks == [], f"personal data in the log: {leaks}"


def test_the_file_carries_only_allow_listed_fields() -> None:
    record = logging.LogRecord("kiosk.x", logging.INFO, __file__, 1, "booked %s", ("GUZ-1",), None)
    record.case, record.given_names, record.date_of_birth = "GUZ2019000001", "MEI", "1988-07-30"
    entry = json.loads(JsonFormatter().format(record))
    assert entry["msg"] == "booked GUZ-1" and entry["case"] == "GUZ2019000001"
    assert "given_names" not in entry and "date_of_birth" not in entry
    assert "case" in FIELDS and not {"surname", "given_names", "date_of_birth"} & set(FIELDS)


def test_the_file_rotates_and_keeps_the_newest_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kiosk.logs.MAX_BYTES", 2_000)
    path = setup_logging("rotating", directory=tmp_path, level="INFO")
    try:
        for n in range(200):
            logging.getLogger("kiosk.test").info("line %d", n)
    finally:
        stop_logging()
    rotated = sorted(tmp_path.glob("rotating.log.*"))
    assert rotated and all(p.stat().st_size <= 2_200 for p in [path, *rotated])
    assert records(path)[-1]["msg"] == "line 199"


def test_failures_log_no_name_or_date_of_birth(qtbot, kiosk, demo_db, tmp_path, capsys) -> None:
    """Error paths: a date that does not exist, a missing printer, a damaged database mid-visit."""
    import sqlite3

    path = setup_logging("kiosk", directory=tmp_path / "log", level="DEBUG")
    try:
        start_and_sign_up(qtbot, kiosk)
        look_up(qtbot, kiosk, "GUZ2019000001", "1988-02-30", expected=PageId.LETTER)  # no such day
        look_up(qtbot, kiosk, "GUZ2019000001", "1988-07-30")
        cal = to_calendar(qtbot, kiosk)
        press(qtbot, cal.time_buttons()[0])
        forward(qtbot, kiosk, PageId.REVIEW)
        forward(qtbot, kiosk, PageId.DONE)
        kiosk.services.printer_name = "no-such-printer-h15"  # the print fails, and is recorded
        done = kiosk.wizard.page_of(PageId.DONE)
        press(qtbot, done.print_button)
        qtbot.waitUntil(lambda: "could not be printed" in done.print_result.text(), timeout=20_000)
        kiosk.runner.wait_for_done()
        personal = personal_data(demo_db)
        demo_db.dispose()  # then the applicants' pages are overwritten under the running kiosk
        file = demo_db.url.removeprefix("sqlite:///")
        conn = sqlite3.connect(file)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [p for (p,) in conn.execute("SELECT pageno FROM dbstat WHERE name = 'applicants'")]
        conn.close()
        with open(file, "r+b") as f:
            for page in pages:
                f.seek((page - 1) * size)
                f.write(b"\x0d" + b"\xff" * (size - 1))
        kiosk.shell.wipe()
        start_and_sign_up(qtbot, kiosk, user="second.visitor@example.cn")
        look_up(qtbot, kiosk, "GUZ2019000006", "1981-12-01", expected=None)  # the database fails
        kiosk.runner.wait_for_done()
    finally:
        stop_logging()
    err = capsys.readouterr().err
    text = path.read_text(encoding="utf-8")
    assert "printing to no-such-printer-h15 failed" in text and "malformed" in text  # failures logged ...
    leaks = sorted(p for p in personal if p in text or p in err)
    assert leaks == [], f"personal data in the log: {leaks}"  # ... without naming anyone


@pytest.mark.postgres
def test_a_database_error_that_quotes_a_value_is_logged_without_it(pg_db, tmp_path, capsys) -> None:
    """PostgreSQL's DETAIL quotes the offending key ("Key (username)=(…)"): the log keeps the column only."""
    from sqlalchemy.exc import IntegrityError

    from kiosk.store.accounts import Account
    from tests.factories import NOW

    name = "wang.fang@example.cn"
    path = setup_logging("kiosk", directory=tmp_path / "log")
    try:
        with pytest.raises(IntegrityError) as failed, pg_db.transaction() as s:
            for _ in range(2):
                s.add(Account(username=name, password_hash="$argon2id$x", created_at=NOW))
                s.flush()
        assert name in str(failed.value.orig)  # the database did quote it
        logging.getLogger("kiosk.test").error("could not store the account", exc_info=failed.value)
    finally:
        stop_logging()
    err = capsys.readouterr().err
    text = path.read_text(encoding="utf-8")
    assert "IntegrityError" in text and "Key (" in text
    assert name not in text and name not in err
