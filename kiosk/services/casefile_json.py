"""Read a case file's JSON within limits checked before parsing: size, nesting depth; duplicate keys noted.

A FIFO or /dev/zero would block or never end, and Python's `json` would read a 5 GB file whole, recurse until RecursionError on 100,000 nested
brackets, and let the last of two equal keys win silently. Here the size is checked first (from the
file system, then while reading), the nesting depth by a pass over the bytes, and every object
remembers the keys it saw twice so the reader can name the case and field.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from kiosk.files import FileShapeError, FileTooLarge, read_regular

# 32 MiB holds about 45,000 cases (a busy post's missed interviews many times over). Reading takes about
# 13x the file's size in memory (measured: 31 MiB, 45,000 cases: +413 MiB, 10 s), so the limit bounds
# memory too. Operators with a bigger genuine file raise it (`kiosk-admin import --max-bytes N`).
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
# The format's deepest value is 5 levels down (file → cases → case → applicants → applicant).
MAX_DEPTH = 16
# Values (objects, lists, texts, numbers …) a file may hold per byte of its size limit. A case file has
# one per 10-20 bytes; 32 MiB of `{},` or `"ab",` would be 7-11 million, over 1 GB once parsed.
# Raising --max-bytes raises this with it.
BYTES_PER_VALUE = 12

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")


class JsonLimitError(ValueError):
    """The file is too big, too deep or not JSON; the message says which, where it can."""


class Obj(dict):
    """A JSON object that remembers which of its keys appeared more than once."""

    duplicates: tuple[str, ...] = ()
    reported = False  # the reader named them with their case and field


def read_limited(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file, refused before reading when it is larger than `max_bytes` (kiosk.files)."""
    try:
        return read_regular(path, max_bytes)
    except FileTooLarge as exc:
        raise JsonLimitError(f"{exc}; if the file is genuine, raise the limit with --max-bytes") from None
    except FileShapeError as exc:
        raise JsonLimitError(f"{exc}; give the path of a case file") from None


def nesting_depth_exceeds(raw: bytes, limit: int = MAX_DEPTH) -> bool:
    """True when brackets (outside strings) nest deeper than `limit`; linear, no recursion."""
    return _too_deep(_brackets(raw), limit)


def _brackets(raw: bytes) -> bytes:
    """The file's brackets outside strings, in order."""
    return _STRING.sub(b"", raw).translate(None, _NOT_BRACKET)


def _too_deep(brackets: bytes, limit: int) -> bool:
    """Each pass deletes the innermost `[]`/`{}` pairs, so brackets `limit` deep are gone after `limit`
    passes. What is left is either unbalanced (json reports it) or too deep.
    """
    for _ in range(limit):
        if not brackets:
            return False
        brackets = brackets.replace(b"[]", b"").replace(b"{}", b"")
    depth = 0
    for b in brackets:  # only opens come before the first (mismatched) close: at most limit+1 steps
        if b in b"[{":
            depth += 1
            if depth > limit:
                return True
        else:
            return False
    return False


def _encoding_problem(raw: bytes) -> str | None:
    """UTF-16 or UTF-32 text (a byte-order mark, or the NUL bytes every such file has): say so by name.

    A NUL byte is never part of UTF-8 JSON (inside strings it must be written \\u0000).
    """
    for bom, name in ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
                      (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16")):
        if raw.startswith(bom):
            return f"written in {name} (it starts with a {name} byte-order mark); save it as UTF-8"
    nul = raw.find(b"\x00")
    if nul >= 0:
        return (f"holds a NUL byte at byte {nul}: UTF-16/UTF-32 text or binary data, not UTF-8 JSON; "
                "save it as UTF-8")
    return None


def parse_limited(raw: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Any:
    """Parse UTF-8 JSON whose size the caller has bounded to `max_bytes`; objects are `Obj`s.

    Nesting and the number of objects and lists are checked on the bytes first, so what is
    parsed stays within a bounded multiple of the size limit in memory.
    """
    if (problem := _encoding_problem(raw)) is not None:
        raise JsonLimitError(problem)
    # The values parsing would make, counted over the raw bytes at C speed before anything is built: the
    # top value, one more per comma, one more per non-empty object or list. (A comma or bracket inside a
    # text counts too: an upper bound.)
    values = (1 + raw.count(b",") + raw.count(b"[") + raw.count(b"{") - raw.count(b"[]") - raw.count(b"{}"))
    most = max(max_bytes // BYTES_PER_VALUE, 1)
    if values > most:
        raise JsonLimitError(f"holds about {values:,} values, more than the {most:,} a file within the size "
                             f"limit may hold (one per {BYTES_PER_VALUE} bytes; --max-bytes raises both)")
    if nesting_depth_exceeds(raw):
        raise JsonLimitError(f"nested deeper than {MAX_DEPTH} levels (the case file needs 5)")
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark (Windows editors) is not part of the JSON
    except UnicodeDecodeError as exc:
        raise JsonLimitError(f"not UTF-8 at byte {exc.start}") from None
    del raw
    try:
        return json.loads(text, object_pairs_hook=_object, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise JsonLimitError(f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number; NaN; depth the scan missed
        raise JsonLimitError(f"not acceptable JSON: {str(exc)[:120]}") from None


def _object(pairs: list[tuple[str, Any]]) -> Obj:
    obj = Obj(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        obj.duplicates = tuple(sorted({k for k, _ in pairs if k in seen or seen.add(k)}))  # type: ignore[func-returns-value]
    return obj


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")
