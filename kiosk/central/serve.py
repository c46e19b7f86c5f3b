"""Running the central service: gunicorn with mutual TLS, and central's database URL with its timeouts.

Why gunicorn (WSGI, gthread workers): its TLS layer verifies client certificates
(`cert_reqs`, `ca_certs`) and it hands the application the connection's socket
(`environ["gunicorn.socket"]`), from which the verified certificate is read — no proxy
needed. The ASGI servers checked (uvicorn 0.55, hypercorn 0.18, gunicorn's ASGI worker) do
not pass the client certificate to the application yet (the ASGI TLS extension is not
implemented in their releases). Each request is a few short database transactions, so
threads suit it; gunicorn restarts a stuck worker (`timeout`) and runs under systemd.
"""

from __future__ import annotations

import os
import ssl
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import make_url

from kiosk.domain.errors import InputError

if TYPE_CHECKING:
    from kiosk.store.db import Database

DB_URL_VAR = "KIOSK_CENTRAL_DB_URL"
DB_URL_CREDENTIAL = "central-db-url"  # systemd LoadCredential= name

# On every connection the service opens (also set on its role by `kiosk-central db-role`):
# no statement, lock wait or open transaction can hold rows for long, and a silent peer is noticed.
STATEMENT_TIMEOUT_MS = 5000
LOCK_TIMEOUT_MS = 2000
IDLE_IN_TRANSACTION_MS = 10000
_KEEPALIVES = {"keepalives": "1", "keepalives_idle": "10", "keepalives_interval": "5", "keepalives_count": "3",
               "connect_timeout": "5"}


def database_url(explicit: str | None = None) -> str:
    """Central's URL: given, `$KIOSK_CENTRAL_DB_URL`, or the systemd credential `central-db-url`."""
    url = explicit or os.environ.get(DB_URL_VAR)
    creds = os.environ.get("CREDENTIALS_DIRECTORY")
    if not url and creds and (Path(creds) / DB_URL_CREDENTIAL).is_file():
        url = (Path(creds) / DB_URL_CREDENTIAL).read_text(encoding="utf-8").strip()
    if not url:
        raise InputError(f"central's database URL: set {DB_URL_VAR} or the systemd credential "
                         f"{DB_URL_CREDENTIAL}", field="database")
    if not make_url(url).get_backend_name().startswith("postgresql"):
        raise InputError("central's database is PostgreSQL (postgresql+psycopg://…)", field="database")
    return url


def with_timeouts(url: str) -> str:
    """The URL with the service's session timeouts and TCP keepalives as libpq options."""
    options = (f"-c statement_timeout={STATEMENT_TIMEOUT_MS} -c lock_timeout={LOCK_TIMEOUT_MS} "
               f"-c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_MS}")
    u = make_url(url)
    return u.update_query_dict({**_KEEPALIVES, "options": options}).render_as_string(hide_password=False)


HANDSHAKE_SECONDS = 3.0  # a connection's TLS handshake and first request, or it is closed


class _TimedContext(ssl.SSLContext):
    """A server context whose connections time out: a peer that opens a handshake and goes silent
    frees its worker thread after HANDSHAKE_SECONDS (gunicorn's own sockets block without limit)."""

    def wrap_socket(self, sock, *args, **kwargs):
        sock.settimeout(HANDSHAKE_SECONDS)
        return super().wrap_socket(sock, *args, **kwargs)


def server_context(cert: Path, key: Path, ca: Path) -> ssl.SSLContext:
    """Mutual TLS: the post's CA alone verifies clients; TLS 1.2 or newer."""
    ctx = _TimedContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(str(cert), str(key))
    ctx.load_verify_locations(cafile=str(ca))
    ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx


def serve(*, bind: str, cert: Path, key: Path, ca: Path, db_url: str, workers: int = 2, threads: int = 8,
          timeout: int = 30, app: Callable[[Database], Any] | None = None) -> None:
    """Run until stopped (SIGTERM: finish requests in flight, then exit).

    `app` makes the WSGI application from central's database (default: CentralService with central's
    clock; the test suite's service passes one with a clock it sets).
    """
    from gunicorn.app.base import BaseApplication  # type: ignore[import-untyped]

    for path in (cert, key, ca):
        if not Path(path).is_file():
            raise InputError(f"{path}: no such file", field="tls")

    options: dict[str, Any] = {
        "bind": bind, "workers": workers, "worker_class": "gthread", "threads": threads,
        "certfile": str(cert), "keyfile": str(key), "ca_certs": str(ca), "cert_reqs": ssl.CERT_REQUIRED,
        "timeout": timeout, "graceful_timeout": 10, "keepalive": 5, "accesslog": None, "errorlog": "-",
        "loglevel": "warning", "proc_name": "kiosk-central",
        # One context per worker (gunicorn would build one per connection), with the handshake timeout.
        "ssl_context": lambda _conf, _default: contexts.setdefault("ctx", server_context(cert, key, ca)),
    }
    contexts: dict[str, ssl.SSLContext] = {}
    url = with_timeouts(db_url)

    class _Server(BaseApplication):
        def load_config(self) -> None:
            for name, value in options.items():
                self.cfg.set(name, value)

        def load(self) -> Any:  # in each worker, after the fork: its own connection pool
            from kiosk.central.service import CentralService
            from kiosk.store.db import Database

            # A connection per thread: beyond the pool's size each request would open and close one.
            return (app or CentralService)(Database(url, pool_size=threads))

    _Server().run()
