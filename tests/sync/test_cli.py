"""`kiosk-admin --config FILE sync | status`, wired as kiosk/cli/main.py wires them; a database URL is refused."""

from __future__ import annotations

import argparse

import pytest

from kiosk.central import pki
from kiosk.cli import link as cli
from kiosk.cli.main import main
from tests.ui.central_fixtures import write_service_config


def _parse(argv: list[str]) -> argparse.Namespace:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", default=argparse.SUPPRESS, metavar="FILE", help=cli.CONFIG_HELP)
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
    parser = argparse.ArgumentParser(prog="kiosk-admin", parents=[common])
    sub = parser.add_subparsers(dest="command", required=True)
    cli.add_commands(sub, common)
    return parser.parse_args(argv)


def test_status_with_central_unreachable_says_so_and_warns_of_an_unencrypted_cache(tmp_path, monkeypatch):
    tls = tmp_path / "tls"
    pki.init_ca(tls, "GUZ")
    pki.issue_kiosk(tls, tls, "hall-1")
    path = write_service_config(tmp_path, "https://127.0.0.1:9", tls)  # nothing listens there
    code, payload, _ = cli.run(_parse(["--config", str(path), "sync"]))
    assert code == 1 and payload["central_reachable"] is False and payload["outbox"] == 0
    from kiosk.volume import Volume

    monkeypatch.setattr("kiosk.volume.volume_of", lambda _path: Volume(False, "sda2 <- sda"))
    code, payload, text = cli.run(_parse(["status", "--config", str(path)]))
    assert code == 0 and payload["kiosk"] == "hall-1" and payload["central_reachable"] is False
    assert payload["cache_volume"] == {"encrypted": False, "detail": "sda2 <- sda"} and "unreachable" in text
    assert "WARNING: the cache" in text and "not on an encrypted volume (sda2 <- sda)" in text
    assert (path.parent / "cache.db").exists()


@pytest.mark.parametrize("command", [["sync"], ["status"], ["book", "GUZ2019000001", "2026-12-07T08:30"],
                                     ["eligibility", "GUZ2019000001"]])
def test_a_kiosk_configured_with_a_database_url_exits_2_saying_what_to_configure(tmp_path, capsys, command):
    path = write_service_config(tmp_path, "postgresql+psycopg://kiosk:s3cret@db.post.example/kiosk")
    capsys.readouterr()
    assert main(["--config", str(path), *command]) == 2
    err = capsys.readouterr().err
    assert "[central] url" in err and 'url = "https://HOST:PORT"' in err and "s3cret" not in err
    assert not (tmp_path / "cache.db").exists()  # refused before anything was opened
