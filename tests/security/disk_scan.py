"""The stolen-disk scan: every name and date of birth, in every encoding and written form, searched in one pass.

Each needle is encoded the ways a file may hold text: UTF-8, UTF-16 LE and BE (a byte search finds
UTF-16 at either alignment; SQLite's record format stores TEXT as UTF-8 or UTF-16, so these are its
forms too). Dates of birth are written the ways a program or a person writes them: ISO (with -, / or
.), day-month-year and month-day-year (with / or .), and digits only (YYYYMMDD). All needles go into
one Aho-Corasick automaton over bytes (ahocorasick-rs): a file is read once and searched once, in
time linear in its size whatever the number of needles (20,000 names and 10,000 dates at a post of
10,000 cases; a loop of `in` per needle is hours there).

Digits only is a date only as a value of its own: eight digits inside a longer run of letters and
digits (a base64 record, a longer number) are no date, so such a hit is kept only when the characters
either side, in the hit's own encoding, are not letters, digits, + or /.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import ahocorasick_rs

ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")
_WIDTH = {"utf-8": 1, "utf-16-le": 2, "utf-16-be": 2}
_RUN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


def date_forms(born: date) -> dict[str, bool]:
    """The written forms of a date, each with whether it is digits only (a value of its own only)."""
    y, m, d = f"{born.year:04d}", f"{born.month:02d}", f"{born.day:02d}"
    forms = {f"{y}{sep}{m}{sep}{d}": False for sep in "-/."}
    forms |= {f"{a}{sep}{b}{sep}{y}": False for sep in "/." for a, b in ((d, m), (m, d))}
    forms[f"{y}{m}{d}"] = True
    return forms


@dataclass(frozen=True)
class _Needle:
    label: str  # what was found, as the report names it: the name, or the date in ISO
    encoding: str
    standalone: bool  # digits only: a hit counts only outside a run of letters and digits


class Scanner:
    """One automaton for every name (Latin and native) and every date of birth, in every encoding."""

    def __init__(self, names: Iterable[str], born: Iterable[date], raw: Iterable[tuple[str, bytes]] = ()) -> None:
        """`raw`: (label, bytes) searched as they are (a key's bytes), besides the encoded names and dates."""
        needles: dict[bytes, _Needle] = {value: _Needle(label, "utf-8", False) for label, value in raw}
        for name in names:
            for encoding in ENCODINGS:
                needles[name.encode(encoding)] = _Needle(name, encoding, False)
        for day in born:
            for form, standalone in date_forms(day).items():
                for encoding in ENCODINGS:
                    needles.setdefault(form.encode(encoding), _Needle(day.isoformat(), encoding, standalone))
        self._needles = list(needles.values())
        self._automaton = ahocorasick_rs.BytesAhoCorasick(list(needles))

    def __len__(self) -> int:
        return len(self._needles)

    def leaks(self, content: bytes) -> list[str]:
        """What of the names and dates `content` holds (each hit's label), in any encoding and form."""
        found = []
        for index, start, end in self._automaton.find_matches_as_indexes(content, overlapping=True):
            needle = self._needles[index]
            if not needle.standalone or _alone(content, start, end, needle.encoding):
                found.append(needle.label)
        return found


def _char(content: bytes, start: int, encoding: str) -> str:
    """The character at byte `start` in `encoding` ("" outside the content or where it does not decode)."""
    width = _WIDTH[encoding]
    if start < 0 or start + width > len(content):
        return ""
    return content[start:start + width].decode(encoding, errors="replace")


def _alone(content: bytes, start: int, end: int, encoding: str) -> bool:
    width = _WIDTH[encoding]
    return _char(content, start - width, encoding) not in _RUN and _char(content, end, encoding) not in _RUN


def files(*places: Path) -> Iterator[Path]:
    """Every file under each place (or the place itself, a file)."""
    for place in places:
        yield from [place] if place.is_file() else sorted(p for p in place.rglob("*") if p.is_file())
