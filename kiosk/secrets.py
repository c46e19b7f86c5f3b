"""The central database password: `KIOSK_CENTRAL_PASSWORD`, else the OS keyring (never a file of ours)."""

from __future__ import annotations

import os

from kiosk.domain.errors import InputError

SERVICE = "consular-kiosk"
ENV_VAR = "KIOSK_CENTRAL_PASSWORD"
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


def _keyring():  # type: ignore[no-untyped-def]
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
