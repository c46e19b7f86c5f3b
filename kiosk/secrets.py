"""The central database password: `KIOSK_CENTRAL_PASSWORD`, a systemd credential, else the OS keyring.

On an installed kiosk the password is a systemd credential (`LoadCredentialEncrypted=` in the
unit): encrypted on disk with the machine's TPM2 and/or host key, decrypted by systemd into
`$CREDENTIALS_DIRECTORY` (memory, this unit only) when the kiosk starts. Never a file of ours
in the clear, and not the plaintext keyring.

keyring (and its backends) and SQLAlchemy's URL tools load only when a password is looked up or
stored: the kiosk reads its configuration before Welcome paints.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.domain.errors import InputError

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE = "consular-kiosk"
ENV_VAR = "KIOSK_CENTRAL_PASSWORD"
CREDENTIAL = "central-password"  # its name in the unit's LoadCredentialEncrypted=
CREDENTIALS_VAR = "CREDENTIALS_DIRECTORY"  # where systemd puts the unit's decrypted credentials
NO_BACKEND = (
    "no OS keyring is available to hold the central password. Install one: a Secret Service such as "
    "gnome-keyring (Linux desktop), or `pip install keyrings.alt` for a file-backed keyring; "
    f"or set the environment variable {ENV_VAR}."
)


class SecretsError(InputError):
    """The password cannot be read or stored; the message says what to install or run."""


def account_for(url: str) -> str:
    """The keyring username for a central URL: `user@host` (plus `:port` when one is given)."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    host = u.host or u.database or "local"
    return f"{u.username or ''}@{host}" + (f":{u.port}" if u.port else "")


def _keyring() -> KeyringBackend:
    import keyring
    from keyring.backends import fail

    ring = keyring.get_keyring()
    if isinstance(ring, fail.Keyring):
        raise SecretsError(NO_BACKEND, field="keyring")
    return ring


def central_password(url: str) -> str | None:
    """The password for the central URL's user@host; None when none is stored anywhere."""
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return from_env
    folder = os.environ.get(CREDENTIALS_VAR)
    if folder and (Path(folder) / CREDENTIAL).is_file():
        return (Path(folder) / CREDENTIAL).read_text("utf-8").rstrip("\r\n") or None
    from keyring.errors import KeyringError, NoKeyringError

    try:
        return _keyring().get_password(SERVICE, account_for(url))
    except NoKeyringError:
        raise SecretsError(NO_BACKEND, field="keyring") from None
    except KeyringError as exc:
        raise SecretsError(f"the OS keyring refused to answer: {exc}", field="keyring") from None


def set_password(url: str, password: str) -> str:
    """Store the password in the OS keyring; returns the keyring username it was stored under."""
    if not password:
        raise SecretsError("the password is empty", field="password")
    from keyring.errors import KeyringError, NoKeyringError

    account = account_for(url)
    try:
        _keyring().set_password(SERVICE, account, password)
    except NoKeyringError:
        raise SecretsError(NO_BACKEND, field="keyring") from None
    except KeyringError as exc:
        raise SecretsError(f"the OS keyring refused to store it: {exc}", field="keyring") from None
    return account


def url_with_password(url: str, password: str | None) -> str:
    """The URL to connect with; the password only ever lives in memory."""
    from sqlalchemy.engine import make_url

    if password is None:
        return url
    return make_url(url).set(password=password).render_as_string(hide_password=False)


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


def write_credential(path: Path, password: str) -> Path:
    """Encrypt the password as the systemd credential `central-password` at `path` (systemd-creds; root)."""
    if not password:
        raise SecretsError("the password is empty", field="password")
    tool = shutil.which("systemd-creds")
    if tool is None:
        raise SecretsError("systemd-creds is not installed (systemd 250 or newer)", field="credential")
    path.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([tool, "encrypt", f"--name={CREDENTIAL}", "-", str(path)], input=password.encode(),
                          capture_output=True, timeout=60, check=False)
    if done.returncode != 0:
        raise SecretsError(f"systemd-creds could not encrypt it: {done.stderr.decode(errors='replace').strip()}",
                           field="credential")
    path.chmod(0o600)
    return path
