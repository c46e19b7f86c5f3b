"""A kiosk whose cache is garbage says "out of order" until central rebuilds it; one with no usable cache reports it."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path


from tests.ui.central_fixtures import start_configured, stop_configured, write_config, write_service_config
from ui.pages.ids import PageId

ROOT = Path(__file__).resolve().parents[2]


def test_a_garbage_cache_shows_out_of_order_until_central_rebuilds_it(qtbot, qapp, tmp_path, central_db, link, clock,
                                                                      monkeypatch) -> None:
    config = write_config(tmp_path, central_db.url, port=link.port)
    (tmp_path / "cache.db").write_bytes(random.Random(3).randbytes(200_000))
    link.cut()
    k = start_configured(qtbot, qapp, config, clock, tmp_path / "printed")
    try:
        qtbot.waitUntil(k.shell.is_out_of_order, timeout=5_000)
        assert "out of order" in k.shell.out_of_order_text.text() and "counter" in k.shell.out_of_order_text.text()
        assert (tmp_path / "cache.db.damaged").exists()
        link.restore()
        qtbot.waitUntil(lambda: not k.shell.is_out_of_order(), timeout=15_000)
        assert k.wizard.currentId() == PageId.WELCOME
        found = k.services.look_up_letter("GUZ2019000001", "1988-07-30")  # from the rebuilt cache
        assert found.case.case_number == "GUZ2019000001"
    finally:
        stop_configured(k)


def test_a_cache_that_cannot_be_opened_at_all_is_reported_with_exit_1(tmp_path) -> None:
    path = write_service_config(tmp_path)
    (tmp_path / "cache.db").mkdir()  # not a file at all: nothing can be set aside or made
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen",
           "KIOSK_CONFIG": str(path), "KIOSK_LOG_DIR": str(tmp_path / "logs")}
    done = subprocess.run([sys.executable, "-m", "ui.app", "--self-test", "--check-db"], env=env,
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 1
    assert "OUT OF ORDER" in done.stdout
    assert "out of order" in done.stderr  # the journal's line (warnings and errors go to stderr)


def test_look_ups_fall_back_to_central_on_a_damaged_cache_and_the_next_sync_heals_it(qtbot, qapp, tmp_path, central_db,
                                                                                      link, clock, monkeypatch) -> None:
    import sqlite3

    from kiosk.store.models import ApplicantRow

    k = start_configured(qtbot, qapp, write_config(tmp_path, central_db.url, port=link.port), clock,
                         tmp_path / "printed", sync_ms=60_000)
    try:
        with central_db.session() as s:
            pairs = [(a.case_number, a.date_of_birth.isoformat())
                     for a in s.query(ApplicantRow).filter(ApplicantRow.role == "principal")]
        k.services.db.dispose()  # the next read opens the file afresh
        path = tmp_path / "cache.db"
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [p for (p,) in conn.execute("SELECT pageno FROM dbstat WHERE name IN ('cases', 'applicants')")]
        conn.close()
        with path.open("r+b") as f:
            for page in pages:
                f.seek((page - 1) * size)
                f.write(b"\x0d" + bytes(size - 1))  # a leaf page that claims no cells: rows gone, or malformed
        for number, dob in pairs:  # every case still looks up: from central when the cache fails
            assert k.services.look_up_letter(number, dob).case.case_number == number
        assert k.services.cache_suspect
        with qtbot.waitSignal(k.link.synced, timeout=30_000):
            k.link.sync_now()
        assert (tmp_path / "cache.db.damaged").exists() and not k.shell.is_out_of_order()
        from kiosk.sync.heal import check

        assert check(path) is None
    finally:
        stop_configured(k)
