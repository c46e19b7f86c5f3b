"""A kiosk.toml whose central is the kiosk-central service: read, refused when plain http, and `kiosk-admin` through it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import ConfigError, load_config
from tests.central.harness import ROOT, Service, add_cases, bookable_slots

LINKED = """
[post]
code = "GUZ"

[kiosk]
id = "hall-1"
cache = "cache.db"

[central]
url = "{url}"
also = [{also}]
ca = "{tls}/ca.pem"
cert = "{tls}/hall-1.pem"
key = "{tls}/hall-1.key"
"""


def _write(tmp_path: Path, url: str, tls: Path | str = "tls", also: str = "") -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(LINKED.format(url=url, tls=tls, also=also), encoding="utf-8")
    return path


def test_an_https_central_reads_into_a_link_with_its_files(tmp_path) -> None:
    config = load_config(_write(tmp_path, "https://central.post.example:8443", also='"https://spare.post.example"'))
    assert config.link is not None
    assert config.link.urls == ("https://central.post.example:8443", "https://spare.post.example")
    assert config.link.cert == (tmp_path / "tls" / "hall-1.pem").resolve()


@pytest.mark.parametrize("url", ["http://central.post.example", "https://kiosk:pw@central.post.example",
                                 "https://central.post.example/api?x=1"])
def test_plain_http_or_a_credential_in_the_url_is_refused(tmp_path, url: str) -> None:
    with pytest.raises(ConfigError, match=r"\[central\] url.*https://"):
        load_config(_write(tmp_path, url))


def test_an_https_central_without_its_tls_files_says_which(tmp_path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(LINKED.format(url="https://c.example", also="", tls="t").replace('key = "t/hall-1.key"\n', ""))
    with pytest.raises(ConfigError, match=r"\[central\] key: missing"):
        load_config(path)


def _admin(config: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk.cli.main", "--config", str(config), *args, "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={k: v for k, v in os.environ.items() if k != "KIOSK_DB_URL"})


def test_plain_http_exits_2_saying_what_to_configure(tmp_path) -> None:
    done = _admin(_write(tmp_path, "http://central.post.example"), "status")
    assert done.returncode == 2 and "https://" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.postgres
def test_kiosk_admin_syncs_through_the_service(service: Service, tmp_path) -> None:
    # Eight working days out, the last one stays changeable (3 working days) on any day the test runs, weekends too.
    slots = bookable_slots(service.central, 8, seats=4)
    numbers = add_cases(service.central, 401, 2)
    config = _write(tmp_path, service.url, tls=service.tls)
    synced = _admin(config, "sync")
    assert synced.returncode == 0, synced.stderr
    answer = json.loads(synced.stdout)
    assert answer["central_reachable"] and answer["pulled"] > 0 and answer["loan_seats"] > 0
    status = json.loads(_admin(config, "status").stdout)
    assert status["central_reachable"] and status["kiosk"] == "hall-1" and status["loans"]
    booked = _admin(config, "book", numbers[0], slots[-1])
    assert booked.returncode == 0, booked.stderr
    assert json.loads(booked.stdout)["offline"] is False
    cancelled = _admin(config, "cancel", numbers[0])
    assert cancelled.returncode == 0, cancelled.stderr
    assert _admin(config, "cancel", numbers[0]).returncode == 1  # nothing left to cancel: central's answer
