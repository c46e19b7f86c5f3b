"""`kiosk-clerk --config console.toml`: a console on the central service (https, its own certificate), or a clear
refusal (exit 2) saying what to configure; never a database URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.central import pki
from kiosk.console_config import load_console_config
from ui.clerk.app import main, parse_args, remote_services

CENTRAL = """
[console]
id = "desk-1"
out = "counter"

[central]
url = "{url}"
ca = "tls/ca.pem"
cert = "tls/desk-1.pem"
key = "tls/desk-1.key"
"""


def _config(folder: Path, url: str) -> Path:
    path = folder / "console.toml"
    path.write_text(CENTRAL.format(url=url), encoding="utf-8")
    return path


def test_a_console_configured_with_an_https_central_gets_the_remote_desk(tmp_path: Path) -> None:
    pki.init_ca(tmp_path / "tls", "GUZ")
    pki.issue_console(tmp_path / "tls", tmp_path / "tls", "desk-1")
    config = load_console_config(_config(tmp_path, "https://central.guz.example:8443"))
    assert config.console_id == "desk-1" and config.link.urls == ("https://central.guz.example:8443",)
    assert pki.is_console(pki.load_cert(config.link.cert))
    desk = remote_services(parse_args(["--config", str(config.path), "--idle-minutes", "3"]))
    try:
        assert desk.out_dir == tmp_path / "counter" / "reprints" and desk.idle_lock_minutes == 3
        assert desk.staff is None and not desk.demo
    finally:
        desk.close()


@pytest.mark.parametrize("url", ["postgresql+psycopg://clerk:secret@central/kiosk", "http://central:8443"])
def test_a_database_url_or_plain_http_is_refused_with_what_to_set(tmp_path: Path, url: str, capsys) -> None:
    assert main(["--config", str(_config(tmp_path, url))]) == 2
    err = capsys.readouterr().err
    assert "[central] url" in err and "https://" in err and "secret" not in err


def test_staff_accounts_are_not_made_through_a_console_configuration(tmp_path: Path, capsys) -> None:
    assert main(["--config", str(_config(tmp_path, "https://c:1")), "--add-staff", "li"]) == 2
    assert "central's machine" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        parse_args(["--config", "x.toml", "--db", "sqlite:///x.db"])


def test_a_console_configuration_that_is_a_fifo_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    import os

    from kiosk.config import ConfigError

    fifo = tmp_path / "console.toml"
    os.mkfifo(fifo)  # no writer: a plain read would wait for ever
    with pytest.raises(ConfigError, match="FIFO"):
        load_console_config(fifo)
