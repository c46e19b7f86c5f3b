"""Reading a file an operator or another system names: a regular file only, opened without blocking, bounded.

`open(path).read()` waits forever on a FIFO with no writer, reads /dev/zero until memory runs
out, and fails on a folder with an error of its own kind. Here each of these is one clear refusal.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class FileShapeError(ValueError):
    """Not a file that can be read whole: a folder, FIFO, device or socket; or (FileTooLarge) too big."""


class FileTooLarge(FileShapeError):
    def __init__(self, size: int, max_bytes: int) -> None:
        super().__init__(f"larger than the limit of {max_bytes:,} bytes ({size:,} bytes)")
        self.size, self.max_bytes = size, max_bytes


def read_regular(path: Path | str, max_bytes: int | None = None) -> bytes:
    """The bytes of the regular file at `path` (a symlink is followed), refused before reading when larger than
    `max_bytes`. OSError as the system gives it (no such file, permission)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise FileShapeError(f"not a regular file (it is {kind(info.st_mode)})")
    if max_bytes is not None and info.st_size > max_bytes:
        os.close(fd)
        raise FileTooLarge(info.st_size, max_bytes)
    with os.fdopen(fd, "rb") as f:
        raw = f.read() if max_bytes is None else f.read(max_bytes + 1)  # +1: a file growing while read
    if max_bytes is not None and len(raw) > max_bytes:
        raise FileTooLarge(len(raw), max_bytes)
    return raw


def kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a plain file"
