"""A clerk console's TOML configuration (`kiosk-clerk --config FILE`): the central service and the console's TLS files.

    [console]
    id = "desk-1"                  # the console's certificate's common name (shown in errors; central reads the
                                   # certificate, never this)
    out = "/srv/counter"           # optional: where reprints (out/reprints) and reports (out/reports) go

    [central]
    url = "https://central.guz.example:8443"    # as a kiosk's: https only, more in `also = [...]`
    ca = "tls/ca.pem"              # the post's CA: the only one trusted for central
    cert = "tls/desk-1.pem"        # this console's certificate (`kiosk-central pki issue desk-1 --console`)
    key = "tls/desk-1.key"

A console so configured holds no database credential: its clerks sign in to the central service
(kiosk.central.remote_desk). Paths are relative to the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.config import _KIOSK_ID, CentralLink, ConfigError, _central_link, read_toml


@dataclass(frozen=True)
class ConsoleConfig:
    path: Path
    console_id: str
    link: CentralLink
    out_dir: Path | None  # None: the user's data folder


def load_console_config(path: Path | str) -> ConsoleConfig:
    path = Path(path)
    raw = read_toml(path)
    console, central = raw.get("console"), raw.get("central")
    if not isinstance(console, dict):
        raise ConfigError(path, "[console]", "missing: the console's id (its certificate's common name)")
    console_id = console.get("id")
    if not isinstance(console_id, str) or not _KIOSK_ID.fullmatch(console_id):
        raise ConfigError(path, "[console] id", f"{console_id!r}: letters, digits, '.', '_' or '-' (at most 64)")
    if not isinstance(central, dict):
        raise ConfigError(path, "[central]", "missing: url, ca, cert and key of the central service")
    url = central.get("url")
    if not isinstance(url, str) or not url.strip().lower().startswith("https://"):
        raise ConfigError(path, "[central] url", "a console reaches central only through the central service: set "
                          "url = \"https://HOST:PORT\" and ca, cert and key (the post's CA, this console's "
                          "certificate and its key); a database URL or plain http:// is refused (on central's own "
                          "machine, `kiosk-clerk --db URL` opens its database directly)")
    out = console.get("out")
    if out is not None and (not isinstance(out, str) or not out.strip()):
        raise ConfigError(path, "[console] out", f"must be a folder's path, not {out!r}")
    return ConsoleConfig(path, console_id, _central_link(path, central, url.strip()),
                         (path.parent / out).resolve() if out else None)
