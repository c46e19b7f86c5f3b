"""`kiosk-admin --config FILE sync | status | secrets set`, wired as kiosk/cli/main.py wires them."""

from __future__ import annotations

import argparse
import io

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring
from sqlalchemy.engine import make_url

from kiosk import secrets
from kiosk.cli import link as cli
from tests.factories import seed_post

pytestmark = pytest.mark.postgres


@pytest.fixture
def central(central_db):  # type: ignore[no-untyped-def]
    """Central's database itself: a kiosk configured with central's database URL (kiosk-admin's direct link)."""
    return central_db


def _parse(argv: list[str]) -> argparse.Namespace:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", default=argparse.SUPPRESS, metavar="FILE", help=cli.CONFIG_HELP)
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
    parser = argparse.ArgumentParser(prog="kiosk-admin", parents=[common])
    sub = parser.add_subparsers(dest="command", required=True)
    cli.add_commands(sub, common)
    return parser.parse_args(argv)


@pytest.fixture
def config_file(tmp_path, central_url):
    url = make_url(central_url)
    path = tmp_path / "kiosk.toml"
    path.write_text(f'[post]\ncode = "GUZ"\n[kiosk]\nid = "hall-1"\ncache = "cache.db"\n'
                    f'[central]\nurl = "{central_url.replace(f":{url.password}@", "@")}"\n')
    return path, url.password


def test_sync_then_status(config_file, central, monkeypatch):
    path, password = config_file
    monkeypatch.setenv(secrets.ENV_VAR, password)
    seed_post(central)
    code, payload, _ = cli.run(_parse(["--config", str(path), "sync"]))
    assert (code, payload["central_reachable"], payload["pulled"], payload["outbox"]) == (0, True, 1, 0)
    code, payload, text = cli.run(_parse(["status", "--config", str(path), "--json"]))
    assert code == 0 and payload["kiosk"] == "hall-1" and payload["central_reachable"] is True
    assert payload["outbox"] == 0 and payload["last_sync"] and "reachable" in text
    from kiosk.volume import Volume

    monkeypatch.setattr("kiosk.volume.volume_of", lambda _path: Volume(False, "sda2 <- sda"))
    code, payload, text = cli.run(_parse(["status", "--config", str(path)]))
    assert payload["cache_volume"] == {"encrypted": False, "detail": "sda2 <- sda"}
    assert "WARNING: the cache" in text and "not on an encrypted volume (sda2 <- sda)" in text
    assert (path.parent / "cache.db").exists()


def test_without_a_password_status_says_how_to_store_one(config_file, central, monkeypatch, tmp_path):
    path, _ = config_file
    monkeypatch.delenv(secrets.ENV_VAR, raising=False)
    before = keyring.get_keyring()
    ring = PlaintextKeyring()
    ring.file_path = str(tmp_path / "keyring.cfg")
    keyring.set_keyring(ring)
    try:
        code, payload, text = cli.run(_parse(["--config", str(path), "status"]))
        assert payload["central_reachable"] is False and "secrets set" in text
        monkeypatch.setattr("sys.stdin", io.StringIO("kiosk\n"))
        code, payload, _ = cli.run(_parse(["--config", str(path), "secrets", "set", "--password-stdin"]))
        assert code == 0 and payload["account"] == "kiosk@127.0.0.1:5432"
        assert cli.run(_parse(["--config", str(path), "status"]))[1]["central_reachable"] is True
    finally:
        keyring.set_keyring(before)
