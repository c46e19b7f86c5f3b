"""`kiosk-admin --config`: `book` falls back to the kiosk's loan when central is down; `status` lists loans."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from kiosk.store.db import Database, sqlite_url
from kiosk.sync.link import sync_once
from tests.escrow.helpers import SLOT, at, seed
from tests.sync.test_cli_configured import run, write_config

pytestmark = pytest.mark.postgres


@pytest.fixture
def central(central_db):  # type: ignore[no-untyped-def]
    """Central's database itself: a kiosk configured with central's database URL (kiosk-admin's direct link)."""
    return central_db


def test_book_with_central_down_is_issued_offline_from_the_loan_and_status_shows_the_loans(
        capsys, tmp_path, central, central_url, monkeypatch):
    numbers = seed(central)
    path, password = write_config(tmp_path, central_url)
    monkeypatch.setenv("KIOSK_CENTRAL_PASSWORD", password)
    cache = Database(sqlite_url(tmp_path / "cache-kiosk.toml.db"))
    cache.init_schema()
    sync_once(central, cache, kiosk_id="hall-1", now=at("09:00"))  # the CLI's own sync uses the wall clock
    cache.dispose()
    code, status = run(capsys, "--config", str(path), "status")
    assert code == 0 and [(x["slot_id"], x["seats"]) for x in status["loans"]] == [(SLOT, 2),
                                                                                  ("2026-11-03T16:00", 2)]
    dead = make_url(central_url)._replace(port=1, password=None).render_as_string(hide_password=False)
    text = path.read_text("utf-8")
    path.write_text(text.split("[central]")[0] + f'[central]\nurl = "{dead}"\n', "utf-8")
    code, out = run(capsys, "--config", str(path), "book", numbers[0], SLOT, "--now", "2026-11-03T09:30")
    assert code == 0 and out["offline"] is True and out["kiosk"] == "hall-1" and out["slot"] == SLOT
    code, status = run(capsys, "--config", str(path), "status")
    assert status["offline_pending"] == 1 and status["loans"][0]["seats"] == 1
    assert run(capsys, "--config", str(path), "book", numbers[1], SLOT, "--now", "2026-11-03T09:31")[0] == 0
    code, out = run(capsys, "--config", str(path), "book", numbers[2], SLOT, "--now", "2026-11-03T09:32")
    assert code == 1 and out["error"] == "OFFLINE" and "16:00" in out["message"]  # the loan is used up
