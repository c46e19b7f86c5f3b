"""A cache copied whole through the real service: after a damaged cache is rebuilt, when central no longer matches,
and when central compacted its log past the kiosk (`kiosk-admin --config … sync`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.central import link
from kiosk.cli.main import main
from kiosk.store.db import Database, sqlite_url
from kiosk.store.models import Booking, SlotRow
from kiosk.store.sync_marks import SyncIdentity
from kiosk.store.sync_tables import OutboxCommand, OutboxStatus
from kiosk.sync.central_marks import CENTRAL_ID
from kiosk.sync.commands import CommandKind
from kiosk.sync.heal import heal
from kiosk.sync.link import resync_status
from kiosk.sync.outbox import enqueue
from kiosk.sync.pull import set_state
from tests.central.harness import Service, add_cases, bookable_slots, free_port, post_now
from tests.sync.conftest import rows_of
from tests.ui.central_fixtures import write_service_config

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def slots(service: Service) -> list[str]:
    return bookable_slots(service.central, 2, seats=10)  # (seeds the post: once per module)


def test_a_rebuilt_cache_and_one_from_another_central_are_copied_whole_through_the_service(
        service: Service, slots: list[str], tmp_path) -> None:
    [number] = add_cases(service.central, 301, 1)
    path, now = tmp_path / "cache-hall-1.db", post_now()
    cache = Database(sqlite_url(path))
    cache.init_schema()
    with service.client("hall-1") as remote:
        try:
            assert link.sync_once(remote, cache, kiosk_id="hall-1", now=now).central_reachable
            with cache.transaction() as s:  # queued, not sent yet, when the cache is found damaged
                queued = enqueue(s, CommandKind.BOOK, {"case_number": number, "slot_id": slots[0]}, now=now)
        finally:
            cache.dispose()
        heal(path, "test: page 7 unreadable", kiosk_id="hall-1", now=now)  # a new, empty cache says: copy central
        cache = Database(sqlite_url(path))
        try:
            assert resync_status(cache)["resync_needed"].startswith("damaged: ")
            with service.client("hall-1", urls=[f"https://127.0.0.1:{free_port()}"]) as away:
                lost = link.sync_once(away, cache, kiosk_id="hall-1", now=now)
            assert not lost.central_reachable and lost.out_of_order  # no visit until central is copied
            healed = link.sync_once(remote, cache, kiosk_id="hall-1", now=now)
            assert not healed.out_of_order
            assert healed.central_reachable, healed.error
            assert healed.resynced is not None and healed.resynced.startswith("damaged: ")
            assert healed.pushed == 2  # the booking kept, and the clerks' notice of the rebuild
            assert rows_of(cache) == rows_of(service.central)  # the booking came back with the copy's pull
            with cache.session() as s:
                assert s.get(OutboxCommand, queued).status == OutboxStatus.DONE.value
            status = resync_status(cache)
            assert status["resync_needed"] is None and status["resyncs"] == 1

            with cache.transaction() as s:  # the cache now claims another central: the service says so, it copies
                set_state(s, CENTRAL_ID, "another-central")
            add_cases(service.central, 302, 1)  # and central moved on meanwhile
            again = link.sync_once(remote, cache, kiosk_id="hall-1", now=now)
            assert again.central_reachable and again.resynced is not None and again.resynced.startswith("replaced: ")
            assert rows_of(cache) == rows_of(service.central) and resync_status(cache)["resyncs"] == 2
        finally:
            cache.dispose()
    with service.central.session() as s:
        assert len(s.scalars(select(Booking).where(Booking.case_number == number)).all()) == 1


def _run(capsys, *argv: str) -> tuple[int, dict]:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    code = main([*argv, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else {}


def test_a_kiosk_behind_compaction_copies_central_through_the_service_and_status_says_so(
        service: Service, slots: list[str], tmp_path, capsys) -> None:
    """`kiosk-admin --db … compact` on central as its owner; the kiosk's `--config … sync` then copies it whole."""
    slot = slots[1]
    owner = service.central.engine.url.render_as_string(hide_password=False)
    config = str(write_service_config(tmp_path, service.url, service.tls).parent / "kiosk.toml")
    config_text = Path(config).read_text("utf-8").replace("hall-1", "hall-2")  # a kiosk of its own here
    Path(config).write_text(config_text, "utf-8")
    code, first = _run(capsys, "--config", config, "sync")
    assert code == 0 and first["resynced"] is None, first
    code, status = _run(capsys, "--config", config, "status")
    assert (status["resyncs"], status["last_resync"], status["resync_needed"]) == (0, None, None)
    revision = status["last_revision"]

    for seats in range(6, 11):  # changes the compaction folds into one
        with service.central.transaction() as s:
            s.get_one(SlotRow, slot).seats = seats
    code, out = _run(capsys, "--db", owner, "compact", "--keep-days", "0")
    assert code == 0 and "hall-2" in out["kiosks_behind"] and out["horizon"] > revision
    assert _run(capsys, "--config", config, "compact")[0] == 2  # a kiosk holds no database credential to do it
    code, synced = _run(capsys, "--config", config, "sync")
    assert code == 0 and synced["resynced"].startswith("horizon"), synced

    code, status = _run(capsys, "--config", config, "status")
    with service.central.session() as s:
        assert status["central_id"] == s.scalar(select(SyncIdentity.database_id))
    assert status["resyncs"] == 1 and status["last_revision"] >= out["horizon"]
    assert status["last_resync"]["reason"].startswith("horizon") and status["last_resync"]["rows"] > 0
    code, again = _run(capsys, "--db", owner, "compact", "--keep-days", "0")
    assert "hall-2" not in again["kiosks_behind"]  # it has caught up and said so
