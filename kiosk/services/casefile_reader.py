"""A case file's typed getters: each reads one value, or notes a problem (what, where) and answers None."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from kiosk.domain.text import text_problem
from kiosk.services.casefile_json import Obj
from kiosk.services.casefile_limits import ADDRESS_LENGTH, MAX_SHOWN_PROBLEMS, TEXT_LIMITS, Windows, shown
from kiosk.services.casefile_model import Problem


class Getters:
    """Typed reads of one JSON value each: the value, or None (or a default) and a problem noted where it was."""

    def __init__(self, windows: Windows) -> None:
        self.windows = windows
        self.problems: list[Problem] = []
        self.count = 0

    def bad(self, where: str, field_: str, reason: str) -> None:
        self.count += 1
        if len(self.problems) < MAX_SHOWN_PROBLEMS:
            self.problems.append(Problem(where, field_, reason))

    def obj(self, value: Any, where: str, field_: str = "-", known: frozenset[str] = frozenset()) -> dict | None:
        """`value` when it is an object (noting its duplicate keys and fields not in `known`), else None and a
        problem. A key starting with `_` is a note for people (the demo's `_demo`) and is let through.
        """
        if not isinstance(value, dict):
            self.bad(where, field_, f"expected an object, got {shown(value)}")
            return None
        for key in value:
            if known and key not in known and not (isinstance(key, str) and key.startswith("_")):
                name = key if field_ == "-" else f"{field_}.{key}"
                self.bad(where, name if len(name) <= 60 and name.isprintable() else shown(name),
                         "unknown field, not part of kiosk-cases/1: check its spelling (a note for people may use a key "
                         "starting with _)")
        duplicates = getattr(value, "duplicates", ())
        if duplicates and isinstance(value, Obj):
            value.reported = True  # only here: an attribute on every object would double the memory of a big file
        for key in duplicates:
            self.bad(where, key if field_ == "-" else f"{field_}.{key}", "the key appears more than once")
        return value

    def leftover_duplicates(self, data: Any, where: str = "file") -> None:
        """Duplicate keys in places the reader does not read (unknown fields) are refused too."""
        stack: list[tuple[str, Any]] = [(where, data)]
        while stack:
            path, value = stack.pop()
            if isinstance(value, Obj):
                if value.duplicates and not value.reported:
                    for key in value.duplicates:
                        self.bad(path, key, "the key appears more than once")
                stack.extend((f"{path}.{k}", v) for k, v in value.items() if isinstance(v, (dict, list)))
            elif isinstance(value, list):  # containers only: a list of a million numbers adds nothing here
                stack.extend((f"{path}[{i}]", v) for i, v in enumerate(value) if isinstance(v, (dict, list)))

    def text(self, obj: dict, key: str, where: str, limit: str, *, required: bool = True,
             newlines: bool = False, joiners: bool = False) -> str | None:
        value = obj.get(key)
        if value is None:
            if required:
                self.bad(where, key, "missing")
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            self.bad(where, key, f"expected a non-empty text, got {shown(value)}")
            return None
        value = value.strip()
        max_length = ADDRESS_LENGTH if limit in ("post.address", "post.address_zh") else TEXT_LIMITS[limit]
        problem = text_problem(value, max_length=max_length, newlines=newlines, joiners=joiners)
        if problem:
            self.bad(where, key, problem)
            return None
        return value

    def _within(self, value: date, window: tuple[date, date], where: str, key: str, raw: str) -> bool:
        low, high = window
        if low <= value <= high:
            return True
        self.bad(where, key, f"{raw!r} is outside the accepted dates {low.isoformat()} to {high.isoformat()}")
        return False

    def day(self, obj: dict, key: str, where: str, window: tuple[date, date], *,
            required: bool = False) -> date | None:
        value = obj.get(key)
        if value is None:
            if required:
                self.bad(where, key, "missing (a date YYYY-MM-DD is required)")
            return None
        try:
            if not isinstance(value, str) or len(value) != 10:
                raise ValueError
            day = date.fromisoformat(value)
        except ValueError:
            self.bad(where, key, f"{shown(value)} is not a date (YYYY-MM-DD)")
            return None
        return day if self._within(day, window, where, key, value) else None

    def moment(self, obj: dict, key: str, where: str, label: str | None = None) -> datetime | None:
        """A post-local time inside the scheduling window (appointments, slots)."""
        value, label = obj.get(key), label or key
        try:
            if not isinstance(value, str) or len(value) != 16 or value[10] != "T":
                raise ValueError
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is not None:  # "2026-12-07T08+08" is 16 characters too
                raise ValueError
        except ValueError:
            self.bad(where, label, f"{shown(value)} is not a local time (YYYY-MM-DDTHH:MM)")
            return None
        return moment if self._within(moment.date(), self.windows.schedule, where, label, value) else None

    def flag(self, obj: dict, key: str, where: str) -> bool:
        value = obj.get(key, False)
        if not isinstance(value, bool):
            self.bad(where, key, f"expected true or false, got {shown(value)}")
            return False
        return value

    def section(self, data: dict, key: str) -> list:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.bad(key, "-", f"expected a list, got {shown(value)}")
            return []
        return value
