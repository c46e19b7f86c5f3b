"""The kiosk's secrets from systemd: the `cache-key` credential that wraps its own keys in its cache, and
the `kiosk-tls-key` credential, its TLS private key (kiosk.toml: `[central] key = "credential:kiosk-tls-key"`).

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
UNIT_CREDENTIALS = Path("/run/credentials/consular-kiosk.service")  # the same, as the unit's processes see it
CREDENTIAL_PREFIX = "credential:"  # a kiosk.toml file value naming one of the unit's credentials


class SecretsError(InputError):
    """A credential cannot be read; the message says which and why."""


STORAGE_CREDENTIAL = "cache-key"  # 32 random bytes (hex) that wrap the kiosk's own keys in its cache
TLS_KEY_CREDENTIAL = "kiosk-tls-key"  # the kiosk's TLS private key (PEM), made by packaging/linux/seal-tls-key.sh


def credential_path(name: str) -> Path:
    """Where the unit's decrypted credential `name` is: $CREDENTIALS_DIRECTORY (memory, this unit only).

    Outside a unit that loads it (no $CREDENTIALS_DIRECTORY), the kiosk unit's own folder: readable by
    nobody else, so the TLS layer then says the key is missing (kiosk.central.client.tls_context).
    """
    folder = os.environ.get(CREDENTIALS_VAR)
    return (Path(folder) if folder else UNIT_CREDENTIALS) / name


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
