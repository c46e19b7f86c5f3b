"""A TCP relay to PostgreSQL that a test cuts and restores (a lost network, not a mock), and a silent host."""

from __future__ import annotations

import contextlib
import socket
import threading


class LinkProxy:
    """Listens on 127.0.0.1:`port` and relays every connection to the target; `cut()` drops them all.

    While cut, nothing listens on the port: a connection attempt is refused at once, the
    way a kiosk sees central when the network between them is gone.
    """

    def __init__(self, host: str, port: int) -> None:
        self._target = (host, port)
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._listener: socket.socket | None = None
        self._stop = threading.Event()
        probe = socket.create_server(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.restore()

    def restore(self) -> None:
        """Listen again on the same port (new connections reach the target)."""
        self._stop.clear()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._listener.settimeout(0.05)  # the accept loop checks `_stop` this often
        self._spawn(self._accept, self._listener)

    def cut(self) -> None:
        """Stop listening and break every relayed connection."""
        self._stop.set()
        for t in list(self._threads):
            if t.name == "accept":
                t.join()
        with self._lock:
            doomed, self._sockets = self._sockets, []
        for s in doomed:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()
        self._threads = [t for t in self._threads if t.is_alive()]

    def close(self) -> None:
        self.cut()
        for t in self._threads:
            t.join(timeout=2)

    def _spawn(self, fn, *args) -> None:  # type: ignore[no-untyped-def]
        t = threading.Thread(target=fn, args=args, daemon=True, name=fn.__name__.strip("_"))
        self._threads.append(t)
        t.start()

    def _accept(self, listener: socket.socket) -> None:
        try:
            while not self._stop.is_set():
                try:
                    client, _ = listener.accept()
                except TimeoutError:
                    continue
                try:
                    upstream = socket.create_connection(self._target, timeout=5)
                except OSError:
                    client.close()
                    continue
                client.settimeout(None)
                upstream.settimeout(None)
                with self._lock:
                    self._sockets += [client, upstream]
                self._spawn(self._pump, client, upstream)
                self._spawn(self._pump, upstream, client)
        finally:
            listener.close()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                dst.shutdown(socket.SHUT_WR)


class SilentHost:
    """Accepts TCP connections (the kernel does) and never answers: a client waits for its timeout."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=16)
        self.port = self._listener.getsockname()[1]

    def close(self) -> None:
        self._listener.close()
