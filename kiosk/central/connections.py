"""Kept-alive HTTPS connections to one URL of the central service: the standard library's ssl and http.client only.

Why not a general HTTP client: the kiosk speaks to one kind of server, a few small JSON requests at a
time, and in the service bench (bench/bench_service.py) httpx's per-request work (its URL and header
models, h11's state machine, the pool's bookkeeping, headers and body in two TLS writes) was about
1.1 ms of the kiosk's CPU per booking, most of it not TLS. Here a request is one TLS write and
http.client's own reply parser (status line, headers, Content-Length or chunked body).

- One request at a time on a connection; a finished one is kept for the next request (keep-alive)
  unless the server said it closes. Before reuse it is checked: an idle connection that is readable
  was closed (or broken) by the server, and is replaced by a new one.
- `connect` bounds the TCP connect and the TLS handshake (a blackholed link answers in that time);
  `timeout` bounds every send and receive after that.
- Thread-safe: each request holds its connection alone; the idle ones are kept under a lock.
"""

from __future__ import annotations

import http.client
import json
import select
import socket
import ssl
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

KEPT = 4  # idle connections kept per URL (a kiosk has its visit's calls and its sync's, rarely more at once)


class ConnectFailed(Exception):
    """No connection (nothing was sent). `timed_out`: the link may be slow or blackholed, not refusing."""

    def __init__(self, why: str, *, timed_out: bool) -> None:
        super().__init__(why)
        self.timed_out = timed_out


class ReplyLost(Exception):
    """The request went out (or may have) and no whole reply came back in time."""


@dataclass(frozen=True, slots=True)
class Reply:
    """A whole reply (its fields named as the common HTTP clients name them)."""

    status_code: int
    reason_phrase: str
    content_type: str | None
    content: bytes

    def json(self) -> Any:
        """The body as JSON; ValueError if it is not (json.JSONDecodeError and UnicodeDecodeError are ValueErrors)."""
        return json.loads(self.content)


class Connections:
    """Requests to `base` (https://HOST[:PORT]) over kept-alive connections made with `context`."""

    def __init__(self, base: str, context: ssl.SSLContext) -> None:
        parts = urlsplit(base)
        if parts.scheme != "https" or not parts.hostname:
            raise ValueError(f"{base!r}: not an https://HOST[:PORT] URL")
        self.host, self.port = parts.hostname, parts.port or 443
        self._context = context
        shown = f"[{self.host}]" if ":" in self.host else self.host  # an IPv6 address
        self._host_header = shown if self.port == 443 else f"{shown}:{self.port}"
        self._idle: list[ssl.SSLSocket] = []
        self._lock = threading.Lock()
        self._closed = False

    def request(self, method: str, path: str, body: bytes | None, headers: dict[str, str], *,
                connect: float, timeout: float) -> Reply:
        """ConnectFailed if no connection could be made (nothing sent); ReplyLost if the reply did not come whole."""
        sock = self._kept() or self._connect(connect)
        head = [f"{method} {path} HTTP/1.1", f"Host: {self._host_header}", "Accept-Encoding: identity"]
        head += [f"{name}: {value}" for name, value in headers.items()]
        if body is not None:
            head += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
        data = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + (body or b"")
        try:
            sock.settimeout(timeout)
            sock.sendall(data)  # one TLS write: headers and body in one record
            response = http.client.HTTPResponse(sock, method=method)
            response.begin()
            content = response.read()
        except (OSError, http.client.HTTPException) as exc:  # timeouts, resets, a cut or malformed reply
            _close(sock)
            raise ReplyLost(_why(exc)) from None
        if response.will_close:
            _close(sock)
        else:
            self._keep(sock)
        return Reply(response.status, response.reason, response.getheader("Content-Type"), content)

    def close(self) -> None:
        with self._lock:
            self._closed, idle, self._idle = True, self._idle, []
        for sock in idle:
            _close(sock)

    def _connect(self, seconds: float) -> ssl.SSLSocket:
        raw: socket.socket | None = None
        try:
            raw = socket.create_connection((self.host, self.port), timeout=seconds)
            raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return self._context.wrap_socket(raw, server_hostname=self.host)  # the handshake, within `seconds`
        except TimeoutError as exc:
            if raw is not None:
                _close(raw)
            raise ConnectFailed(_why(exc), timed_out=True) from None
        except OSError as exc:  # refused, no route, name unknown, a certificate that does not verify (ssl.SSLError)
            if raw is not None:
                _close(raw)
            raise ConnectFailed(_why(exc), timed_out=False) from None

    def _kept(self) -> ssl.SSLSocket | None:
        """An idle connection the server has not closed meanwhile, or None."""
        while True:
            with self._lock:
                if not self._idle:
                    return None
                sock = self._idle.pop()
            if _idle_and_open(sock):
                return sock
            _close(sock)

    def _keep(self, sock: ssl.SSLSocket) -> None:
        with self._lock:
            if not self._closed and len(self._idle) < KEPT:
                self._idle.append(sock)
                return
        _close(sock)


def _idle_and_open(sock: ssl.SSLSocket) -> bool:
    """Nothing waiting to be read: a server sends nothing between replies, so anything (its close too) means gone."""
    try:
        if sock.pending():
            return False
        if hasattr(select, "poll"):
            poller = select.poll()
            poller.register(sock, select.POLLIN)
            return not poller.poll(0)
        return not select.select([sock], [], [], 0)[0]
    except (OSError, ValueError):  # closed meanwhile
        return False


def _close(sock: socket.socket) -> None:
    try:
        sock.close()
    except OSError:
        pass


def _why(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
