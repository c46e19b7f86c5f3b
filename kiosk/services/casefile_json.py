"""Read a case file's JSON within limits checked before parsing: size, nesting depth; duplicate keys noted.

Python's `json` would read a 5 GB file whole, recurse until RecursionError on 100,000 nested
brackets, and let the last of two equal keys win silently. Here the size is checked first (from the
file system, then while reading), the nesting depth by a pass over the bytes, and every object
remembers the keys it saw twice so the reader can name the case and field.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

# 32 MiB holds about 45,000 cases (a busy post's missed interviews many times over). Reading takes about
# 13x the file's size in memory (measured: 31 MiB, 45,000 cases: +413 MiB, 10 s), so the limit bounds
# memory too. Operators with a bigger genuine file raise it (`kiosk-admin import --max-bytes N`).
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
# The format's deepest value is 5 levels down (file → cases → case → applicants → applicant).
MAX_DEPTH = 16

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")


class JsonLimitError(ValueError):
    """The file is too big, too deep or not JSON; the message says which, where it can."""


class Obj(dict):
    """A JSON object that remembers which of its keys appeared more than once."""

    duplicates: tuple[str, ...] = ()
    reported = False  # the reader named them with their case and field


def read_limited(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, refused before reading when it is larger than `max_bytes`."""
    with open(path, "rb") as f:
        size = Path(path).stat().st_size
        raw = b"" if size > max_bytes else f.read(max_bytes + 1)  # +1: a file growing while read
    if size > max_bytes or len(raw) > max_bytes:
        raise JsonLimitError(f"larger than the limit of {max_bytes:,} bytes ({max(size, len(raw)):,} bytes); "
                             "if the file is genuine, raise the limit with --max-bytes")
    return raw


def nesting_depth_exceeds(raw: bytes, limit: int = MAX_DEPTH) -> bool:
    """True when brackets (outside strings) nest deeper than `limit`; linear, no recursion.

    Each pass deletes the innermost `[]`/`{}` pairs, so a file `limit` deep is empty after
    `limit` passes. What is left is either unbalanced (json reports it) or too deep.
    """
    brackets = _STRING.sub(b"", raw).translate(None, _NOT_BRACKET)
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


def parse_limited(raw: bytes) -> Any:
    """Parse UTF-8 JSON whose size the caller has bounded; objects are `Obj`s."""
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
