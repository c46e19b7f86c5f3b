"""Which central URLs a kiosk accepts (light: read while the configuration loads, before any network code)."""

from __future__ import annotations

from urllib.parse import urlsplit

from kiosk.domain.errors import InputError


def check_url(url: str) -> str:
    """An `https://host[:port]` URL without a path, user or query; anything else is refused with why."""
    parts = urlsplit(url)
    if parts.scheme != "https":
        raise InputError(f"{url!r}: central is reached over https:// only (the kiosk-central service), "
                         "never a database URL or plain http", field="url")
    if not parts.hostname or parts.username or parts.password or parts.query or parts.path not in ("", "/"):
        raise InputError(f"{url!r}: give https://HOST[:PORT] of the central service", field="url")
    return url.rstrip("/")
