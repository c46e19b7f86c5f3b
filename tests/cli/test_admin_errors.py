"""`kiosk-admin` when something breaks: INTERNAL with exit 3, no traceback, no row values, a safe terminal."""

from __future__ import annotations

import json
import sqlite3

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError

from kiosk.cli.main import _internal, main
from kiosk.store.db import Database, sqlite_url
from kiosk.store.models import Post
from tests.services.test_importer import EXAMPLE

SECRET_NAME, SECRET_DOB = "ZHANGSECRET", "1977-03-04"


@pytest.fixture
def log_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_LOG_DIR", str(tmp_path / "log"))
    return tmp_path / "log"


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_database_error_is_internal_exit_3_without_the_row(capsys, tmp_path, log_dir):
    url = sqlite_url(tmp_path / "k.db")
    assert main(["--db", url, "init"]) == 0
    db = Database(url)
    with db.transaction() as s:  # a database that refuses the write for a reason of its own
        s.execute(text("CREATE TRIGGER no_applicants BEFORE INSERT ON applicants BEGIN "
                       "SELECT RAISE(ABORT, 'refused by the database'); END"))
    db.dispose()
    doc = json.loads(json.dumps(EXAMPLE))
    doc["cases"][0]["applicants"][0].update(surname=SECRET_NAME, date_of_birth=SECRET_DOB)
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(doc), "utf-8")
    for extra in ((), ("--json",)):
        code, out, err = _run(capsys, "--db", url, "import", str(path), *extra)
        assert code == 3 and "Traceback" not in out + err
        assert SECRET_NAME not in out + err and SECRET_DOB not in out + err
    answer = json.loads(out)
    assert answer["error"] == "INTERNAL" and "IntegrityError" in answer["message"]
    logged = (log_dir / "kiosk-admin.log").read_text("utf-8")
    assert "IntegrityError" in logged and "INSERT INTO applicants" in logged
    assert SECRET_NAME not in logged and SECRET_DOB not in logged


def test_any_other_unexpected_error_is_internal_exit_3_with_the_traceback_in_the_log(capsys, tmp_path, log_dir):
    url = sqlite_url(tmp_path / "k.db")
    assert main(["--db", url, "demo", "--today", "2026-11-25"]) == 0
    db = Database(url)
    with db.transaction() as s:  # a post row no validation wrote
        s.execute(text("UPDATE posts SET timezone = 'Mars/Olympus'"))
    db.dispose()
    code, out, err = _run(capsys, "--db", url, "slots", "--json")
    assert code == 3 and "Traceback" not in out + err
    assert json.loads(out)["error"] == "INTERNAL" and "ZoneInfoNotFoundError" in err
    assert "Traceback" in (log_dir / "kiosk-admin.log").read_text("utf-8")


def test_names_cannot_drive_the_operators_terminal(capsys, tmp_path, log_dir):
    """A name stored before validation existed is printed escaped, in text and in JSON."""
    url = sqlite_url(tmp_path / "k.db")
    assert main(["--db", url, "demo", "--today", "2026-11-25"]) == 0
    db = Database(url)
    hostile = "\x1b]0;pwned\x07\x1b[2J\u202eHAO\x9b"
    with db.transaction() as s:
        s.execute(text("UPDATE applicants SET given_names = :n WHERE id = 'GUZ2019000013-2'"), {"n": hostile})
    db.dispose()
    argv = ("--db", url, "eligibility", "GUZ2019000013", "--today", "2026-11-25")
    code, out, _ = _run(capsys, *argv)
    assert code == 0 and "CHILD_TURNS_21_SOON" in out
    assert "\\x1b]0;pwned\\x07\\x1b[2J\\u202eHAO\\x9b" in out
    assert not any(ch in out for ch in "\x1b\x07\u202e\x9b")
    code, out, _ = _run(capsys, *argv, "--json")
    assert not any(ch in out for ch in "\x1b\x07\u202e\x9b")
    assert hostile in json.loads(out)["findings"][0]["message"]  # the same JSON value, written safely


def test_database_errors_carry_no_bound_values(db):
    with db.transaction() as s:
        s.add(Post(code="GUZ", name="Guangzhou", country="CN", timezone="Asia/Shanghai"))
    with pytest.raises(IntegrityError) as err, db.transaction() as s:
        s.add(Post(code="GUZ", name=SECRET_NAME, country="CN", timezone="Asia/Shanghai"))
    assert SECRET_NAME not in str(err.value) and "hidden due to hide_parameters" in str(err.value)


def test_every_engine_the_code_creates_hides_bound_parameters():
    """An engine made anywhere in kiosk/ without hide_parameters=True would quote rows into error texts."""
    import ast
    from pathlib import Path

    import kiosk

    missing = []
    for path in Path(kiosk.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "create_engine"
                    and not any(k.arg == "hide_parameters" and getattr(k.value, "value", None) is True
                                for k in node.keywords)):
                missing.append(f"{path.name}:{node.lineno}")
    assert not missing


def test_a_busy_sqlite_file_says_so_and_to_try_again(log_dir):
    """SQLite gave up waiting for another writer (a long import): exit 3 still, but not worded as a bug."""
    locked = sqlite3.OperationalError("database is locked")
    locked.sqlite_errorname = "SQLITE_BUSY"  # type: ignore[attr-defined]
    code, payload, _ = _internal(OperationalError("BEGIN IMMEDIATE", {}, locked))
    assert code == 3 and payload["error"] == "INTERNAL"
    assert payload["message"].startswith("the database is busy") and "try again" in payload["message"]
