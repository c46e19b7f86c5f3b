"""A TCP relay in front of the service that loses what a real network loses: replies, or everything, silently."""

from __future__ import annotations

import contextlib
import socket
import threading


class FaultyLink:
    """127.0.0.1:`port` relays to the service. `mute_replies()`: connections open now keep carrying the
    kiosk's bytes to the service but nothing comes back (a reply lost after the commit); new ones work.
    `blackhole()`: from then on nothing is relayed either way and nothing is refused (packets dropped)."""

    def __init__(self, port: int) -> None:
        self._target = ("127.0.0.1", port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.url = f"https://127.0.0.1:{self.port}"
        self._muted: set[int] = set()  # ids of upstream sockets whose replies are dropped
        self._open: list[socket.socket] = []
        self._both: list[socket.socket] = []  # every relayed socket, the kiosk's side and the service's
        self.accepted = 0  # connections the kiosk has made through the link
        self._dark = threading.Event()
        self._deaf = threading.Event()
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def mute_replies(self) -> None:
        with self._lock:
            self._muted |= {id(s) for s in self._open}

    def mute_all_replies(self) -> None:
        """Every connection, open or new, carries the kiosk's bytes to the service and nothing back."""
        self._deaf.set()

    def blackhole(self) -> None:
        self._dark.set()

    def cut(self) -> None:
        """Close every open connection at once, as a service does with its idle kept-alive ones."""
        with self._lock:
            both, self._both = self._both, []
        for s in both:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)  # the FIN goes out now, even while a relay thread waits on it
                s.close()

    def heal(self) -> None:
        self._dark.clear()
        self._deaf.clear()
        with self._lock:
            self._muted.clear()

    def close(self) -> None:
        self._listener.close()
        with self._lock:
            for s in self._open:
                with contextlib.suppress(OSError):
                    s.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self._target)
            with self._lock:
                self._open.append(upstream)
                self._both += [client, upstream]
                self.accepted += 1
            threading.Thread(target=self._pump, args=(client, upstream, None), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, upstream), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, replies_of: socket.socket | None) -> None:
        try:
            while data := src.recv(65536):
                muted = replies_of is not None and (self._deaf.is_set() or id(replies_of) in self._muted)
                if self._dark.is_set() or muted:
                    continue  # dropped on the floor; the connection stays open
                dst.sendall(data)
        except OSError:
            pass
