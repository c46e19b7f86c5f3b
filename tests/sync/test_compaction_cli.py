"""`kiosk-admin --db URL compact` on central (a kiosk behind it copies central whole: tests/central/test_resync.py)."""

from __future__ import annotations

import json

import pytest

from kiosk.cli.main import main
from kiosk.store.db import Database
from kiosk.store.models import SlotRow

pytestmark = pytest.mark.postgres
TODAY = "2026-11-25"
DEMO_SLOT = "2026-12-07T08:30"


def run(capsys, *argv):  # type: ignore[no-untyped-def]
    capsys.readouterr()
    code = main([*argv, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else None



@pytest.fixture
def demo(central_url) -> None:
    assert main(["--db", central_url, "demo", "--today", TODAY]) == 0


def _churn(central_url: str) -> None:
    db = Database(central_url)
    try:
        for seats in range(7, 12):
            with db.transaction() as s:
                s.get(SlotRow, DEMO_SLOT).seats = seats
    finally:
        db.dispose()


def test_compact_with_db_answers_in_json(capsys, demo, central_url):
    _churn(central_url)
    code, out = run(capsys, "--db", central_url, "compact", "--keep-days", "0", "--now", "2026-11-25T09:00")
    assert code == 0 and out["superseded"] >= 4 and out["horizon"] > 0
    assert out["log_after"] == out["log_before"] - out["superseded"] - out["tombstones"]
    assert set(out) == {"database", "keep_days", "horizon", "log_before", "log_after", "superseded", "tombstones",
                        "commands_deleted", "commands_held", "keys_deleted", "kiosks_behind", "seconds"}
    assert ":kiosk@" not in out["database"]  # the URL is shown without its password
    code, out = run(capsys, "--db", central_url, "compact", "--keep-days", "-1")
    assert code == 2 and out["field"] == "--keep-days"
