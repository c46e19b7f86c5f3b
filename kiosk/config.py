"""The kiosk's TOML configuration (DATA.md): post, kiosk id, cache file, central service, printer, scanner.

A kiosk reaches central only through the kiosk-central service over https with its own
certificate: a `[central] url` that is a database URL or plain http:// is refused (the
commands that read this file exit 2 saying what to configure).

The kiosk reads it before Welcome paints: platformdirs is imported inside the function that
needs it (a default path), not at start-up.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kiosk.domain.errors import InputError
from kiosk.files import FileShapeError, read_regular
from kiosk.secrets import CREDENTIAL_PREFIX, credential_path

APP_NAME = "consular-kiosk"
FILE_NAME = "kiosk.toml"
DEFAULT_SYNC_SECONDS = 30
MAX_CONFIG_BYTES = 1024 * 1024  # a kiosk.toml is a few hundred bytes
DEFAULT_SCAN_TIMEOUT = 90  # seconds for one page: a hung scanimage is killed then (kiosk.scan.scanner)
_KIOSK_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


class ConfigError(InputError):
    """The configuration file is missing, unreadable or has a bad value; says file, key and why."""

    def __init__(self, path: Path, key: str | None, reason: str) -> None:
        super().__init__(f"{path}: {key}: {reason}" if key else f"{path}: {reason}")
        self.path, self.key, self.reason = path, key, reason
        self.field = key


@dataclass(frozen=True)
class CentralLink:
    """Central reached through the kiosk-central service: its https URLs (tried in order) and the kiosk's TLS files."""

    urls: tuple[str, ...]
    ca: Path  # the post's CA: the only one the kiosk trusts for central
    cert: Path  # this kiosk's certificate (its common name is the kiosk id central knows)
    key: Path  # its private key: on a kiosk in service the `kiosk-tls-key` systemd credential (memory, not disk)


@dataclass(frozen=True)
class ScannerSettings:
    """`[scanner] device = "…"` (a SANE device name, as `scanimage -L` lists it) and `timeout` (seconds a page)."""

    device: str
    timeout: int = DEFAULT_SCAN_TIMEOUT


@dataclass(frozen=True)
class KioskConfig:
    path: Path  # the file it was read from
    post_code: str
    kiosk_id: str
    cache_path: Path  # the kiosk's SQLite cache
    central_url: str  # the central service's first https:// URL
    link: CentralLink  # the kiosk-central service over https (kiosk.central): a kiosk holds no database credential
    printer: str | None = None
    sync_seconds: int = DEFAULT_SYNC_SECONDS  # the app syncs with central this often (and at start)
    scanner: ScannerSettings | None = None  # None: no scanner, the scan step is skipped


def default_config_path() -> Path:
    """`kiosk.toml` in the platform's user config folder."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / FILE_NAME


def default_cache_path(kiosk_id: str) -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / f"cache-{kiosk_id}.db"


def load_config(path: Path | str | None = None) -> KioskConfig:
    """Read and check the configuration; `path` defaults to the platform config folder."""
    path = Path(path) if path is not None else default_config_path()
    return _parse(path, read_toml(path))


def read_toml(path: Path) -> dict[str, Any]:
    """A configuration file's TOML (a kiosk's or a console's), read safely; ConfigError saying why not."""
    try:
        return tomllib.loads(read_regular(path, MAX_CONFIG_BYTES).decode("utf-8"))
    except FileNotFoundError:
        raise ConfigError(path, None, "no such configuration file") from None
    except FileShapeError as exc:  # a FIFO blocked the start, /dev/zero filled memory
        raise ConfigError(path, None, f"cannot read it: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, None, f"cannot read it ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, None, f"not valid TOML ({exc})") from None


def _parse(path: Path, raw: dict[str, Any]) -> KioskConfig:
    def text(section: str, key: str, *, required: bool = True) -> str | None:
        table = raw.get(section)
        name = f"[{section}] {key}"
        if table is None:
            if required:
                raise ConfigError(path, name, f"missing (the file has no [{section}] section)")
            return None
        if not isinstance(table, dict):
            raise ConfigError(path, f"[{section}]", "must be a table")
        value = table.get(key)
        if value is None:
            if required:
                raise ConfigError(path, name, "missing")
            return None
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(path, name, f"must be a non-empty string, not {value!r}")
        return value.strip()

    def required(section: str, key: str) -> str:
        value = text(section, key)
        assert value is not None  # text() raises for a missing required value
        return value

    post = required("post", "code")
    if not re.fullmatch(r"[A-Za-z]{3}", post):
        raise ConfigError(path, "[post] code", f"{post!r} is not a three-letter post code")
    kiosk_id = required("kiosk", "id")
    if not _KIOSK_ID.fullmatch(kiosk_id):
        raise ConfigError(path, "[kiosk] id", f"{kiosk_id!r}: use letters, digits, '.', '_' or '-' (at most 64)")
    cache = text("kiosk", "cache", required=False)
    # A relative cache path is relative to the configuration file, not the working directory.
    cache_path = (path.parent / cache).resolve() if cache else default_cache_path(kiosk_id)
    url = required("central", "url")
    if not url.lower().startswith("https://"):  # a kiosk never holds a database credential, nor talks in clear
        raise ConfigError(path, "[central] url", f"{_redacted(url)!r}: a kiosk reaches central only through the "
                          "central service: set url = \"https://HOST:PORT\" (the kiosk-central service) and ca, "
                          "cert and key (the post's CA, this kiosk's certificate and its key); a database URL or "
                          "plain http:// is refused")
    link = _central_link(path, raw["central"], url)
    return KioskConfig(path=path, post_code=post.upper(), kiosk_id=kiosk_id, cache_path=cache_path,
                       central_url=link.urls[0], link=link, printer=text("printer", "name", required=False),
                       sync_seconds=_sync_seconds(path, raw),
                       scanner=_scanner(path, raw, text("scanner", "device", required=False)))


def check_url(url: str) -> str:
    """An `https://host[:port]` URL without a path, user or query; anything else is refused with why."""
    parts = urlsplit(url)
    if parts.scheme != "https":
        raise InputError(f"{url!r}: central is reached over https:// only (the kiosk-central service), "
                         "never a database URL or plain http", field="url")
    if not parts.hostname or parts.username or parts.password or parts.query or parts.path not in ("", "/"):
        raise InputError(f"{url!r}: give https://HOST[:PORT] of the central service", field="url")
    return url.rstrip("/")


def _central_link(path: Path, table: dict[str, Any], url: str) -> CentralLink:
    """`[central] url = "https://…"` (more in `also = [...]`, tried in order) and `ca`, `cert`, `key` files."""
    urls = [url, *(table.get("also") or [])]
    try:
        checked = tuple(check_url(u) if isinstance(u, str) else check_url(repr(u)) for u in urls)
    except InputError as exc:
        raise ConfigError(path, "[central] url", str(exc)) from None
    files = {}
    for key in ("ca", "cert", "key"):
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(path, f"[central] {key}", "missing: an https:// central needs the post's CA (ca), "
                                                        "this kiosk's certificate (cert) and its key (key)")
        value = value.strip()
        if value.startswith(CREDENTIAL_PREFIX):  # "credential:kiosk-tls-key": decrypted by systemd for this unit only
            name = value.removeprefix(CREDENTIAL_PREFIX)
            if not _KIOSK_ID.fullmatch(name):
                raise ConfigError(path, f"[central] {key}", f"{value!r}: name a credential, as in "
                                                            "\"credential:kiosk-tls-key\"")
            files[key] = credential_path(name)
        else:
            files[key] = (path.parent / value).resolve()
    return CentralLink(checked, files["ca"], files["cert"], files["key"])


def _sync_seconds(path: Path, raw: dict[str, Any]) -> int:
    kiosk = raw.get("kiosk")
    value = kiosk.get("sync_seconds", DEFAULT_SYNC_SECONDS) if isinstance(kiosk, dict) else DEFAULT_SYNC_SECONDS
    # bool is an int in Python; `sync_seconds = true` is a mistake, not 1 second.
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 3600:
        raise ConfigError(path, "[kiosk] sync_seconds", f"must be a whole number of seconds from 1 to 3600, not {value!r}")
    return value


def _scanner(path: Path, raw: dict[str, Any], device: str | None) -> ScannerSettings | None:
    if device is None:
        return None
    value = raw["scanner"].get("timeout", DEFAULT_SCAN_TIMEOUT)
    if isinstance(value, bool) or not isinstance(value, int) or not 5 <= value <= 600:
        raise ConfigError(path, "[scanner] timeout", f"must be a whole number of seconds from 5 to 600, not {value!r}")
    return ScannerSettings(device, value)


def _redacted(url: str) -> str:
    """The URL as an error may print it: no password (a database URL may carry one)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return url.replace(f":{parts.password}@", ":***@", 1)
