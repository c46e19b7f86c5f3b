"""`kiosk --config FILE` / `$KIOSK_CONFIG`: which mode the app starts in, and how a bad configuration is told."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import DEFAULT_SYNC_SECONDS, ConfigError, load_config
from tests.ui.central_fixtures import write_service_config
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
    path = write_service_config(tmp_path)
    path.write_text(path.read_text("utf-8").replace("sync_seconds = 1", "sync_seconds = 0"), "utf-8")
    assert main(["--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "[kiosk] sync_seconds" in err and "from 1 to 3600" in err


@pytest.mark.parametrize("url", ["postgresql+psycopg://kiosk:s3cret@db.post.example/kiosk", "sqlite:///central.db",
                                 "http://central.post.example:8443"])
def test_a_kiosk_configured_with_a_database_or_plain_http_exits_2_saying_what_to_configure(tmp_path, capsys,
                                                                                          url: str) -> None:
    path = write_service_config(tmp_path, url)
    assert main(["--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "[central] url" in err and 'url = "https://HOST:PORT"' in err
    assert "ca, cert and key" in err and "s3cret" not in err and "Traceback" not in err


def test_sync_seconds_defaults_to_30_and_is_read_from_the_kiosk_table(tmp_path) -> None:
    path = write_service_config(tmp_path)
    base = path.read_text("utf-8").replace("sync_seconds = 1\n", "")
    path.write_text(base, "utf-8")
    assert load_config(path).sync_seconds == DEFAULT_SYNC_SECONDS == 30
    path.write_text(base.replace("[kiosk]\n", "[kiosk]\nsync_seconds = 5\n"), "utf-8")
    assert load_config(path).sync_seconds == 5
    path.write_text(base.replace("[kiosk]\n", "[kiosk]\nsync_seconds = true\n"), "utf-8")
    with pytest.raises(ConfigError, match="sync_seconds"):
        load_config(path)
