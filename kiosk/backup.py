"""Encrypted backups of the kiosk's cache: a consistent copy, sealed with AES-256-GCM, its key a systemd credential.

A backup is taken with SQLite's online backup into memory (consistent even while the kiosk
writes; nothing of it touches the disk in the clear), encrypted under a fresh 256-bit key,
and that key is encrypted with `systemd-creds` (the machine's TPM2 where it has one, else its
host key): only this machine, as root, can restore it. Files are 0600 in a 0700 folder, and
only the newest `keep` backups are kept.

File layout: MAGIC, 4-byte length of the wrapped key, the wrapped key, 12-byte nonce, ciphertext.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import struct
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.domain.errors import InputError
from kiosk.files import FileShapeError, read_regular

MAGIC = b"KIOSKBAK1\n"
SUFFIX = ".kbak"
KEY_NAME = "backup-key"  # the systemd credential name the data key is wrapped under
_AAD = b"consular-kiosk cache backup v1"


class BackupError(InputError):
    """A backup cannot be made or read; the message says which file and why."""


def make_backup(cache_path: Path, folder: Path, *, keep: int = 3, now: datetime | None = None) -> Path:
    """Write an encrypted backup of the cache into `folder` and prune older ones; returns its path."""
    if not cache_path.is_file():
        raise BackupError(f"{cache_path}: no cache to back up", field="cache")
    if keep < 1:
        raise BackupError("keep at least one backup", field="keep")
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.chmod(0o700)
    except OSError as exc:  # a file of that name, or no right to make it
        raise BackupError(f"cannot use {folder} as the backup folder: {exc.strerror}", field="to") from None
    source, memory = sqlite3.connect(cache_path, timeout=30), sqlite3.connect(":memory:")
    try:
        source.backup(memory)
        plain = memory.serialize()
    finally:
        source.close()
        memory.close()
    key, nonce = AESGCM.generate_key(bit_length=256), os.urandom(12)
    sealed = AESGCM(key).encrypt(nonce, plain, _AAD)
    wrapped = _systemd_creds("encrypt", key)
    # The file's name says the instant it was made, in UTC: no clock of the post is needed to order them.
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"{cache_path.stem}-{stamp}{SUFFIX}"
    partial = path.with_name(path.name + ".part")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(MAGIC + struct.pack(">I", len(wrapped)) + wrapped + nonce + sealed)
    os.replace(partial, path)
    for old in sorted(folder.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)[keep:]:
        old.unlink()
    return path


def restore_backup(backup: Path, dest: Path) -> Path:
    """Decrypt a backup into `dest` (which must not exist yet): a cache file again."""
    if dest.exists() or dest.is_symlink():
        raise BackupError(f"{dest} exists: restore into a new path, then move it into place", field="to")
    data = _read_backup(backup)
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 4:
        raise BackupError(f"{backup}: not a kiosk backup", field="backup")
    at = len(MAGIC)
    (length,) = struct.unpack(">I", data[at:at + 4])
    wrapped, nonce, sealed = data[at + 4:at + 4 + length], data[at + 4 + length:at + 16 + length], \
        data[at + 16 + length:]
    key = _systemd_creds("decrypt", wrapped)
    try:
        plain = AESGCM(key).decrypt(nonce, sealed, _AAD)
    except InvalidTag:
        raise BackupError(f"{backup}: damaged, or not made for this key", field="backup") from None
    try:
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise BackupError(f"cannot write {dest}: {exc.strerror}", field="to") from None
    with os.fdopen(fd, "wb") as f:
        f.write(plain)
    return dest


def _read_backup(backup: Path) -> bytes:
    """A backup's bytes: a regular file only (a FIFO would block forever, /dev/zero never end)."""
    try:
        return read_regular(backup)
    except OSError as exc:
        raise BackupError(f"cannot read {backup}: {exc.strerror}", field="backup") from None
    except FileShapeError as exc:
        raise BackupError(f"{backup}: {exc}; give a backup's path", field="backup") from None


def _systemd_creds(action: str, data: bytes) -> bytes:
    tool = shutil.which("systemd-creds")
    if tool is None:
        raise BackupError("systemd-creds is not installed (systemd 250 or newer): backups need it", field="key")
    done = subprocess.run([tool, action, f"--name={KEY_NAME}", "-", "-"], input=data, capture_output=True,
                          timeout=60, check=False)
    if done.returncode != 0:
        why = done.stderr.decode(errors="replace").strip().splitlines()
        raise BackupError(f"systemd-creds {action} failed: {why[-1] if why else done.returncode}", field="key")
    return done.stdout
