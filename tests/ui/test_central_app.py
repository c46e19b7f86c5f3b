"""`kiosk --config FILE` / `$KIOSK_CONFIG`: which mode the app starts in, and how a bad configuration is told."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from kiosk.config import DEFAULT_SYNC_SECONDS, ConfigError, load_config
from kiosk.store.db import Database, sqlite_url
from kiosk.store.models import CaseRow
from kiosk.sync.pull import get_state
from tests.ui.central_fixtures import write_config
from ui.app import config_path, main, parse_args

ROOT = Path(__file__).resolve().parents[2]


def test_only_an_explicit_config_or_kiosk_config_switches_to_central(monkeypatch) -> None:
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    assert config_path(parse_args([])) is None  # no config: the embedded demo
    assert config_path(parse_args(["--config", "/etc/kiosk.toml"])) == "/etc/kiosk.toml"
    monkeypatch.setenv("KIOSK_CONFIG", "/srv/kiosk.toml")
    assert config_path(parse_args([])) == "/srv/kiosk.toml"
    assert config_path(parse_args(["--db", "sqlite:///x.db"])) is None  # --db: one database, directly


def test_config_and_db_together_are_refused(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        parse_args(["--config", "k.toml", "--db", "sqlite:///x.db"])
    assert exit_.value.code == 2 and "not allowed with" in capsys.readouterr().err


def test_a_bad_configuration_exits_2_with_file_key_and_reason_before_any_window(tmp_path, capsys) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('[post]\ncode = "GUZ"\n[kiosk]\nid = "hall-1"\nsync_seconds = 0\n'
                    '[central]\nurl = "postgresql+psycopg://kiosk@db/kiosk"\n', "utf-8")
    assert main(["--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "[kiosk] sync_seconds" in err and "from 1 to 3600" in err


def test_sync_seconds_defaults_to_30_and_is_read_from_the_kiosk_table(tmp_path) -> None:
    path = tmp_path / "kiosk.toml"
    base = '[post]\ncode = "GUZ"\n[central]\nurl = "postgresql+psycopg://kiosk@db/kiosk"\n[kiosk]\nid = "hall-1"\n'
    path.write_text(base, "utf-8")
    assert load_config(path).sync_seconds == DEFAULT_SYNC_SECONDS == 30
    path.write_text(base + "sync_seconds = 5\n", "utf-8")
    assert load_config(path).sync_seconds == 5
    path.write_text(base + "sync_seconds = true\n", "utf-8")
    with pytest.raises(ConfigError, match="sync_seconds"):
        load_config(path)


def test_kiosk_with_kiosk_config_starts_syncs_its_cache_and_exits_0(tmp_path, central_db) -> None:
    url = make_url(central_db.url)
    path = write_config(tmp_path, central_db.url, port=url.port or 5432)
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen",
           "KIOSK_CONFIG": str(path), "KIOSK_CENTRAL_PASSWORD": url.password or ""}
    done = subprocess.run([sys.executable, "-m", "ui.app", "--self-test", "--check-db"], env=env,
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "database ready" in done.stdout
    assert not (tmp_path / "data" / "consular-kiosk" / "demo.db").exists()  # not the demo
    cache = Database(sqlite_url(tmp_path / "cache.db"))  # kiosk.toml's cache, relative to the file
    try:
        with cache.session() as s:  # the first sync (started at once, finished before exit) filled it
            assert s.scalar(select(func.count()).select_from(CaseRow)) == 30
            assert get_state(s, "central_reachable") == "true" and get_state(s, "kiosk") == "hall-1"
    finally:
        cache.dispose()
