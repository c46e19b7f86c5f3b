"""`kiosk-admin --config FILE …`: answers from the kiosk's cache, bookings only with central's answer."""

from __future__ import annotations

import json

import pytest
from sqlalchemy.engine import make_url

from kiosk.cli.main import main

TODAY, NOW = "2026-11-25", "2026-11-25T09:00"


def write_config(tmp_path, url: str, name: str = "kiosk.toml"):
    u = make_url(url)
    bare = u._replace(password=None).render_as_string(hide_password=False)
    path = tmp_path / name
    path.write_text(f'[post]\ncode = "GUZ"\n[kiosk]\nid = "hall-1"\ncache = "cache-{name}.db"\n'
                    f'[central]\nurl = "{bare}"\n', "utf-8")
    return path, u.password


def run(capsys, *argv):
    capsys.readouterr()
    code = main([*argv, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else None


@pytest.fixture
def configured(tmp_path, central_url, monkeypatch, capsys):
    assert main(["--db", central_url, "demo", "--today", TODAY]) == 0
    path, password = write_config(tmp_path, central_url)
    monkeypatch.setenv("KIOSK_CENTRAL_PASSWORD", password)
    code, out = run(capsys, "--config", str(path), "sync")
    assert code == 0, out
    return str(path)


def test_eligibility_answers_from_the_synced_cache(capsys, configured):
    code, out = run(capsys, "--config", configured, "eligibility", "GUZ2019000013", "--today", TODAY)
    assert code == 0 and out["codes"] == ["CHILD_TURNS_21_SOON"]


def test_book_is_answered_by_central_and_a_repeated_key_books_once(capsys, configured, central_url):
    argv = ("--config", configured, "book", "GUZ2019000001", "2026-12-07T08:30", "--key", "visit-1", "--now", NOW)
    code, first = run(capsys, *argv)
    assert code == 0 and len(first["applicants"]) == 3
    code, again = run(capsys, *argv)
    assert code == 0 and again["booking"] == first["booking"]
    code, slots = run(capsys, "--db", central_url, "slots", "--now", NOW, "--from", "2026-12-07", "--to", "2026-12-07")
    # Six seats, three booked; the seats central lent this kiosk at its sync (kiosk.escrow) are not free either.
    code, status = run(capsys, "--config", configured, "status")
    lent = sum(loan["seats"] for loan in status["loans"] if loan["slot_id"] == "2026-12-07T08:30")
    assert next(s for s in slots if s["id"] == "2026-12-07T08:30")["seats_left"] == 3 - lent


def test_book_while_central_is_unreachable_answers_offline_and_books_nothing(capsys, configured, tmp_path,
                                                                              central_url, monkeypatch):
    # The same kiosk (same cache) whose central now points at a port where nothing listens.
    text = open(configured, encoding="utf-8").read()
    dead = make_url(central_url)._replace(port=1, password=None).render_as_string(hide_password=False)
    broken = tmp_path / "kiosk.toml"
    broken.write_text(text.split("[central]")[0] + f'[central]\nurl = "{dead}"\n', "utf-8")
    code, out = run(capsys, "--config", str(broken), "book", "GUZ2019000001", "2026-12-07T08:30", "--now", NOW)
    assert code == 1 and out["error"] == "OFFLINE"
    code, status = run(capsys, "--config", str(broken), "status")
    assert status["outbox"] == 0 and status["central_reachable"] is False
    code, out = run(capsys, "--config", str(broken), "eligibility", "GUZ2019000001", "--today", TODAY)
    assert code == 0 and out["decision"] == "schedule"  # eligibility still answers from the cache
