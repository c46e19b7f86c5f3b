"""A cache that heals: damaged pages or a garbage file are found, set aside, rebuilt from central; no command lost."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.config import CentralLink, KioskConfig
from kiosk.escrow.overview import kiosk_health
from kiosk.services.letter import look_up_letter
from kiosk.store.db import Database
from kiosk.store.models import AuditEvent
from kiosk.store.sync_tables import AppliedCommand
from kiosk.app.opening import open_cache
from kiosk.sync.heal import REBUILT, check, is_corruption, rebuild_status
from kiosk.sync.link import resync_status
from kiosk.sync.outbox import enqueue
from tests.factories import NOW, add_case, add_slot, case_number, seed_post
from tests.sync.via import sync_once

pytestmark = pytest.mark.postgres
CASES = 120
PRINCIPAL_DOB = "1988-07-30"  # tests.factories' principal
_OUTBOX_PAGES = ("outbox", "sqlite_schema", "sqlite_autoindex_outbox_1", "ix_outbox_created_at", "ix_outbox_status")


def _config(tmp_path: Path, central_url: str) -> KioskConfig:
    """The kiosk's cache settings (its central is `central` itself here, in process: only the cache is opened)."""
    link = CentralLink(("https://central.invalid",), tmp_path / "ca.pem", tmp_path / "hall-1.pem", tmp_path / "hall-1.key")
    return KioskConfig(path=tmp_path / "kiosk.toml", post_code="GUZ", kiosk_id="hall-1",
                       cache_path=tmp_path / "cache.db", central_url=link.urls[0], link=link)


def _seed(central: Database) -> None:
    seed_post(central)
    add_slot(central, NOW.replace(day=10), 12)
    for n in range(1, CASES + 1):
        add_case(central, case_number(n))


def _queue(cache: Database, count: int) -> list[str]:
    """Inquiries made while central was away: pending commands only the cache holds."""
    ids = []
    with cache.transaction() as s:
        for n in range(1, count + 1):
            ids.append(enqueue(s, "inquiry", {"case_number": case_number(n), "kind": "letter_copy",
                                              "text": f"lost it {n}", "now": NOW.isoformat()}, now=NOW))
    return ids


def _close(cache: Database, path: Path) -> None:
    cache.dispose()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _overwrite_random_pages(path: Path, count: int, seed: int) -> list[int]:
    """Random bytes over `count` pages of central's copy (the outbox's own pages are the other test's)."""
    conn = sqlite3.connect(path)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = [p for name, p in conn.execute("SELECT name, pageno FROM dbstat") if name not in _OUTBOX_PAGES]
    conn.close()
    rng = random.Random(seed)
    chosen = sorted(rng.sample(pages, count))
    with path.open("r+b") as f:
        for page in chosen:
            f.seek((page - 1) * size)
            f.write(rng.randbytes(size))
    return chosen


def _every_case_looks_up(cache: Database) -> None:
    for n in range(1, CASES + 1):
        found = look_up_letter(cache, case_number(n), PRINCIPAL_DOB, today=date(2026, 11, 3), now=NOW)
        assert found.case.case_number == case_number(n)


def test_random_pages_overwritten_are_found_rebuilt_from_central_and_no_command_is_lost(central, tmp_path) -> None:
    _seed(central)
    config = _config(tmp_path, central.url)
    cache = open_cache(config)
    assert sync_once(central, cache, kiosk_id="hall-1", now=NOW).central_reachable
    queued = _queue(cache, 25)
    _close(cache, config.cache_path)
    damaged = _overwrite_random_pages(config.cache_path, 4, seed=15)

    assert check(config.cache_path) is not None, f"pages {damaged} overwritten, quick_check saw nothing"
    cache = open_cache(config)  # the check at start finds it and makes the cache again
    try:
        aside = config.cache_path.with_name("cache.db.damaged")
        assert aside.exists() and aside.stat().st_mode & 0o777 == 0o600
        assert check(config.cache_path) is None
        status = resync_status(cache)
        assert status["resync_needed"].startswith("damaged: ")

        report = sync_once(central, cache, kiosk_id="hall-1", now=NOW)
        assert report.central_reachable and report.resynced.startswith("damaged: ") and not report.out_of_order
        assert report.outbox_depth == 0 and report.pushed == 26  # the 25 kept, and the clerks' notice
        with central.session() as s:
            applied = set(s.scalars(select(AppliedCommand.id).where(AppliedCommand.id.in_(queued))))
            notice = s.scalars(select(AuditEvent).where(AuditEvent.action == REBUILT)).one()
        assert applied == set(queued)
        detail = json.loads(notice.detail)
        assert detail["kept"] == 25 and detail["lost"] == 0 and detail["kiosk_id"] == "hall-1"
        with central.session() as s:  # the clerks' Kiosks tab shows when
            assert [k.cache_rebuilt is not None for k in kiosk_health(s, now=NOW)] == [True]
        _every_case_looks_up(cache)
    finally:
        cache.dispose()


def test_a_damaged_outbox_page_costs_only_its_own_rows(tmp_path) -> None:
    """Row by row around a bad page: the commands on other pages are kept (and counted as lost otherwise)."""
    from kiosk.sync.heal import heal

    path = tmp_path / "cache.db"
    cache = Database(f"sqlite:///{path}")
    cache.init_schema()
    with cache.transaction() as s:  # big payloads: the outbox spans many pages
        ids = [enqueue(s, "audit", {"action": "x", "detail": {"pad": "p" * 1500}, "now": NOW.isoformat()}, now=NOW)
               for _ in range(60)]
    _close(cache, path)
    conn = sqlite3.connect(path)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    leaves = [p for (p,) in conn.execute("SELECT pageno FROM dbstat WHERE name = 'outbox' AND pagetype = 'leaf'")]
    conn.close()
    with path.open("r+b") as f:
        f.seek((leaves[len(leaves) // 2] - 1) * size)
        f.write(b"\xff" * size)

    report = heal(path, "test", kiosk_id="hall-1", now=NOW)
    assert 0 < report.lost < 10 and report.kept + report.lost == 60
    healed = Database(f"sqlite:///{path}")
    try:
        with healed.session() as s:
            from kiosk.store.sync_tables import OutboxCommand

            kept = set(s.scalars(select(OutboxCommand.id)))
        assert len(kept & set(ids)) == report.kept
    finally:
        healed.dispose()


def test_a_garbage_file_leaves_the_kiosk_out_of_order_until_central_answers_then_it_is_whole_again(
        central, tmp_path) -> None:
    _seed(central)
    config = _config(tmp_path, central.url)
    config.cache_path.write_bytes(random.Random(7).randbytes(300_000))
    cache = open_cache(config)
    away = central.down()
    try:
        assert check(config.cache_path) is None
        gone = sync_once(away, cache, kiosk_id="hall-1", now=NOW)
        assert not gone.central_reachable and gone.out_of_order  # nothing to serve a visit from: said so
        with cache.session() as s:  # what `kiosk-admin status` adds
            said = rebuild_status(s)
        assert said["out_of_order"] and said["cache_rebuilt"]["reason"] == "file is not a database"
        back = sync_once(central, cache, kiosk_id="hall-1", now=NOW)
        assert back.central_reachable and not back.out_of_order
        _every_case_looks_up(cache)
    finally:
        away.dispose()
        cache.dispose()


def test_corruption_errors_are_told_from_other_database_errors() -> None:
    from sqlalchemy.exc import DatabaseError, OperationalError

    malformed = sqlite3.DatabaseError("database disk image is malformed")
    assert is_corruption(DatabaseError("SELECT 1", {}, malformed))
    assert is_corruption(sqlite3.DatabaseError("file is not a database"))
    assert not is_corruption(OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked")))
