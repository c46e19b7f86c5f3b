"""The kiosk's one secret from systemd: the `cache-key` credential that wraps its own keys in its cache.

The unit loads it with `LoadCredentialEncrypted=` (encrypted on disk with the machine's TPM2
and/or host key; decrypted by systemd into `$CREDENTIALS_DIRECTORY`, memory, this unit only).
A kiosk holds no central password: it reaches central through the kiosk-central service with
its own certificate (kiosk.config refuses a database URL).
"""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.domain.errors import InputError

CREDENTIALS_VAR = "CREDENTIALS_DIRECTORY"  # where systemd puts the unit's decrypted credentials


class SecretsError(InputError):
    """A credential cannot be read; the message says which and why."""


STORAGE_CREDENTIAL = "cache-key"  # 32 random bytes (hex) that wrap the kiosk's own keys in its cache


def storage_key() -> bytes | None:
    """The unit's `cache-key` credential (made by install.sh); None outside the unit."""
    folder = os.environ.get(CREDENTIALS_VAR)
    path = Path(folder) / STORAGE_CREDENTIAL if folder else None
    if path is None or not path.is_file():
        return None
    try:
        key = bytes.fromhex(path.read_text("utf-8").strip())
    except ValueError:
        raise SecretsError(f"the {STORAGE_CREDENTIAL} credential is not hex", field="credential") from None
    if len(key) != 32:
        raise SecretsError(f"the {STORAGE_CREDENTIAL} credential is not 32 bytes", field="credential")
    return key
