"""Secrets and backups at rest: the central password as an encrypted systemd credential, encrypted backups."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from kiosk import secrets
from kiosk.backup import BackupError, make_backup, restore_backup
from kiosk.store.db import Database, sqlite_url
from tests.packaging.test_restart import unit_settings

needs_creds = pytest.mark.skipif(shutil.which("systemd-creds") is None, reason="needs systemd-creds (systemd 250+)")
NAME = "ZHANG-WEIQIANG-ÜBER"  # a name that must not be readable in a backup


def test_the_unit_loads_its_cache_key_and_tls_key_as_encrypted_credentials_and_no_central_password() -> None:
    settings = unit_settings()
    assert settings["UMask"] == "0077"
    unit = (Path(__file__).parents[2] / "packaging/linux/consular-kiosk.service").read_text()
    loaded = {line.split("=", 1)[1].split(":")[0] for line in unit.splitlines()
              if line.startswith("LoadCredentialEncrypted=")}
    # A kiosk reaches central through the service, with its certificate; its key is a credential too.
    assert loaded == {secrets.STORAGE_CREDENTIAL, secrets.TLS_KEY_CREDENTIAL}
    example = (Path(__file__).parents[2] / "packaging/linux/kiosk.toml.example").read_text()
    assert f'key = "{secrets.CREDENTIAL_PREFIX}{secrets.TLS_KEY_CREDENTIAL}"' in example
    env = (Path(__file__).parents[2] / "packaging/linux/kiosk.env").read_text()
    assert "PlaintextKeyring" not in env


def _cache(path: Path) -> None:
    db = Database(sqlite_url(path))
    db.init_schema()
    with db.engine.begin() as conn:  # a row that holds a name, the way an outbox payload does
        conn.exec_driver_sql("INSERT INTO sync_state (name, value) VALUES ('probe', ?)", (NAME,))
    db.dispose()


@needs_creds
def test_a_backup_is_encrypted_private_pruned_and_restores_the_same_cache(tmp_path) -> None:
    cache = tmp_path / "cache.db"
    _cache(cache)
    folder = tmp_path / "backups"
    made = [make_backup(cache, folder, keep=2) for _ in range(3)]
    assert folder.stat().st_mode & 0o777 == 0o700
    kept = sorted(folder.iterdir())
    assert len(kept) == 2 and all(p.stat().st_mode & 0o777 == 0o600 for p in kept)
    for p in kept:
        data = p.read_bytes()
        assert NAME.encode() not in data and NAME.encode("utf-16-le") not in data and b"SQLite format" not in data
    restored = restore_backup(made[-1], tmp_path / "restored.db")
    conn = sqlite3.connect(restored)
    assert conn.execute("SELECT value FROM sync_state WHERE name = 'probe'").fetchone() == (NAME,)
    conn.close()
    with pytest.raises(BackupError, match="exists"):
        restore_backup(made[-1], restored)
    broken = tmp_path / "broken.kbak"
    broken.write_bytes(made[-1].read_bytes()[:-1] + b"\0")
    with pytest.raises(BackupError, match="damaged"):
        restore_backup(broken, tmp_path / "again.db")


def test_restoring_what_is_not_a_backup_file_is_refused_at_once(tmp_path) -> None:
    """`kiosk-admin restore-backup` read a FIFO forever and /dev/zero until memory ran out; a folder was exit 3."""
    fifo, zero, folder = tmp_path / "fifo.kbak", tmp_path / "zero.kbak", tmp_path / "folder.kbak"
    os.mkfifo(fifo)
    zero.symlink_to("/dev/zero")
    folder.mkdir()
    for path in (fifo, zero, folder):
        with pytest.raises(BackupError, match="not a regular file") as refused:
            restore_backup(path, tmp_path / "restored.db")
        assert refused.value.field == "backup"
    with pytest.raises(BackupError, match="cannot read .*: No such file") as refused:
        restore_backup(tmp_path / "missing.kbak", tmp_path / "restored.db")
    assert not (tmp_path / "restored.db").exists()


def test_printouts_go_to_the_runtime_folder_and_are_removed_after_a_few_minutes(tmp_path, monkeypatch) -> None:
    import os

    from kiosk.printed import KEEP_SECONDS, print_folder, purge

    monkeypatch.setenv("RUNTIME_DIRECTORY", str(tmp_path / "run"))
    folder = print_folder()
    assert folder == tmp_path / "run" / "confirmations" and folder.stat().st_mode & 0o777 == 0o700
    old, new = folder / "GUZ-OLD.pdf", folder / "GUZ-NEW.pdf"
    old.write_bytes(b"%PDF"), new.write_bytes(b"%PDF")
    os.utime(old, (1, 1))
    assert purge(folder) == 1 and not old.exists() and new.exists()
    assert KEEP_SECONDS <= 900
    from kiosk.app.visit import VisitServices

    services = VisitServices(db=None)
    os.utime(new, (1, 1))
    assert services.confirmation_file("GUZ-X") == folder / "GUZ-X.pdf" and not new.exists()


def test_the_kiosks_signing_key_is_wrapped_in_the_cache_with_the_units_storage_key(tmp_path, monkeypatch) -> None:
    from datetime import datetime

    from kiosk.services.signing import held_kiosk_key, store_kiosk_key
    from kiosk.store.loans import KioskKey

    creds = tmp_path / "creds"
    creds.mkdir()
    (creds / secrets.STORAGE_CREDENTIAL).write_text(bytes(range(32)).hex())
    monkeypatch.setenv(secrets.CREDENTIALS_VAR, str(creds))
    db = Database(sqlite_url(tmp_path / "cache.db"))
    db.init_schema()
    key, now = bytes(range(100, 132)), datetime(2026, 11, 3, 9, 0)
    try:
        with db.transaction() as s:
            store_kiosk_key(s, "hall-1", key, now=now)
        with db.session() as s:
            stored = s.get(KioskKey, "hall-1").hmac_key
            assert stored.startswith("v1:") and key.hex() not in stored
            assert held_kiosk_key(s, "hall-1") == key
        (creds / secrets.STORAGE_CREDENTIAL).write_text(bytes(32).hex())  # another machine's key
        with db.session() as s:
            assert held_kiosk_key(s, "hall-1") is None  # not readable: the next sync brings it again
    finally:
        db.dispose()


@needs_creds
def test_seal_tls_key_leaves_only_the_encrypted_credential_and_the_kiosk_reads_it_from_the_credentials_folder(
        tmp_path, monkeypatch) -> None:
    """seal-tls-key.sh (install.sh runs it): the plain key named in kiosk.toml becomes the `kiosk-tls-key`
    credential (0600), the plain file is gone and kiosk.toml names the credential, which the config resolves
    in $CREDENTIALS_DIRECTORY; a second run changes nothing."""
    import subprocess

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    from kiosk.central.client import tls_context
    from kiosk.central.pki import init_ca, issue_kiosk
    from kiosk.config import load_config
    from kiosk.domain.errors import InputError

    etc, ca = tmp_path / "etc", tmp_path / "ca"
    (etc / "tls").mkdir(parents=True)
    init_ca(ca, "GUZ")
    issued = issue_kiosk(ca, etc / "tls", "hall-1")
    pem = issued.key_path.read_bytes()
    key = serialization.load_pem_private_key(pem, password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    toml = etc / "kiosk.toml"
    toml.write_text('[post]\ncode = "GUZ"\n[kiosk]\nid = "hall-1"\n[central]\nurl = "https://central.example:8443"\n'
                    'ca = "../ca/ca.pem"\ncert = "tls/hall-1.pem"\nkey = "tls/hall-1.key"   # the operator\'s copy\n')
    seal = Path(__file__).parents[2] / "packaging/linux/seal-tls-key.sh"
    for _ in range(2):
        subprocess.run(["bash", str(seal), str(etc)], check=True, capture_output=True)
        cred = etc / "tls" / f"{secrets.TLS_KEY_CREDENTIAL}.cred"
        assert not issued.key_path.exists() and sorted(p.name for p in (etc / "tls").iterdir()) == [
            "hall-1.pem", cred.name]
        assert cred.stat().st_mode & 0o777 == 0o600
        body = next(line for line in pem.splitlines() if not line.startswith(b"-----"))
        der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
        assert body not in cred.read_bytes() and der not in cred.read_bytes()
        assert 'key = "credential:kiosk-tls-key"   # the operator\'s copy' in toml.read_text()
    run = tmp_path / "run-credentials"
    run.mkdir()
    subprocess.run(["systemd-creds", "decrypt", f"--name={secrets.TLS_KEY_CREDENTIAL}", str(cred),
                    str(run / secrets.TLS_KEY_CREDENTIAL)], check=True, capture_output=True)
    assert (run / secrets.TLS_KEY_CREDENTIAL).read_bytes() == pem
    monkeypatch.setenv(secrets.CREDENTIALS_VAR, str(run))
    link = load_config(toml).link
    assert link.key == run / secrets.TLS_KEY_CREDENTIAL
    tls_context(link.ca, link.cert, link.key)  # the TLS layer loads the key from the credentials folder
    monkeypatch.delenv(secrets.CREDENTIALS_VAR)  # an operator's shell, outside the unit: a clear refusal
    link = load_config(toml).link
    assert link.key == secrets.UNIT_CREDENTIALS / secrets.TLS_KEY_CREDENTIAL
    with pytest.raises(InputError, match="systemd-run -p LoadCredentialEncrypted=kiosk-tls-key"):
        tls_context(link.ca, link.cert, link.key)
