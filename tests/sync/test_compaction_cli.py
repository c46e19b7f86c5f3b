"""`kiosk-admin compact` on central (--db or a kiosk's --config), and what `status` then shows of the copy."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk.cli.main import main
from kiosk.store.db import Database
from kiosk.store.models import SlotRow
from kiosk.store.sync_marks import SyncIdentity
from tests.sync.test_cli_configured import TODAY, run, write_config

pytestmark = pytest.mark.postgres
DEMO_SLOT = "2026-12-07T08:30"


@pytest.fixture
def configured(tmp_path, central_url, monkeypatch, capsys) -> str:
    assert main(["--db", central_url, "demo", "--today", TODAY]) == 0
    path, password = write_config(tmp_path, central_url)
    monkeypatch.setenv("KIOSK_CENTRAL_PASSWORD", password)
    return str(path)


def _churn(central_url: str) -> None:
    db = Database(central_url)
    try:
        for seats in range(7, 12):
            with db.transaction() as s:
                s.get(SlotRow, DEMO_SLOT).seats = seats
    finally:
        db.dispose()


def test_compact_with_db_answers_in_json(capsys, configured, central_url):
    _churn(central_url)
    code, out = run(capsys, "--db", central_url, "compact", "--keep-days", "0", "--now", "2026-11-25T09:00")
    assert code == 0 and out["superseded"] >= 4 and out["horizon"] > 0
    assert out["log_after"] == out["log_before"] - out["superseded"] - out["tombstones"]
    assert set(out) == {"database", "keep_days", "horizon", "log_before", "log_after", "superseded", "tombstones",
                        "commands_deleted", "commands_held", "keys_deleted", "kiosks_behind", "seconds"}
    assert ":kiosk@" not in out["database"]  # the URL is shown without its password
    code, out = run(capsys, "--db", central_url, "compact", "--keep-days", "-1")
    assert code == 2 and out["field"] == "--keep-days"


def test_a_kiosk_behind_compaction_copies_central_and_status_says_so(capsys, configured, central_url):
    code, first = run(capsys, "--config", configured, "sync")
    assert code == 0 and first["resynced"] is None
    code, status = run(capsys, "--config", configured, "status")
    assert (status["resyncs"], status["last_resync"], status["resync_needed"]) == (0, None, None)
    revision = status["last_revision"]

    _churn(central_url)
    code, out = run(capsys, "--config", configured, "compact", "--keep-days", "0")  # through the kiosk's central
    assert code == 0 and out["kiosks_behind"] == ["hall-1"] and out["horizon"] > revision
    code, synced = run(capsys, "--config", configured, "sync")
    assert code == 0 and synced["resynced"].startswith("horizon") and synced["requeued"] == 0

    code, status = run(capsys, "--config", configured, "status")
    db = Database(central_url)
    with db.session() as s:
        assert status["central_id"] == s.scalar(select(SyncIdentity.database_id))
    db.dispose()
    assert status["resyncs"] == 1 and status["last_revision"] >= out["horizon"]
    assert status["last_resync"]["reason"].startswith("horizon") and status["last_resync"]["rows"] > 0
    assert {"kiosk", "central_reachable", "last_sync", "outbox", "loans", "offline_pending"} <= set(status)
    code, again = run(capsys, "--config", configured, "compact", "--keep-days", "0")
    assert again["kiosks_behind"] == []  # it has caught up and said so
