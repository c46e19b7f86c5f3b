"""The embedded demo: the Guangzhou post, ~30 cases that fire every rule, 120 days of slots."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time, timedelta
from typing import Any

from kiosk.domain.calendar import PostCalendar
from kiosk.resources import resource
from kiosk.services.casefile import file_now, parse_case_file
from kiosk.services.importer import ImportSummary, import_case_file
from kiosk.store.db import Database

TEMPLATE = resource("demo", "cases.template.json")
_TOKEN = re.compile(r"\{(T|M)((?:[+-]\d+[ymdw]?)*)\}")
_STEP = re.compile(r"([+-]\d+)([ymdw]?)")


def _shift(day: date, years: int = 0, months: int = 0, days: int = 0) -> date:
    month0 = day.month - 1 + months + 12 * years
    year, month = day.year + month0 // 12, month0 % 12 + 1
    # 29 February in a common year becomes 28 February (the day does not exist).
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last)) + timedelta(days=days)


def _weekdays_after(day: date, n: int) -> date:
    step = 1 if n >= 0 else -1
    for _ in range(abs(n)):
        day += timedelta(days=step)
        while day.weekday() >= 5:
            day += timedelta(days=step)
    return day


def resolve(text: str, today: date) -> str:
    """Replace {T-30d}, {T-21y+30d}, {T+12w} (weekdays), {M}, {M+1} with dates and months relative to today."""

    def one(m: re.Match[str]) -> str:
        kind, steps = m.group(1), _STEP.findall(m.group(2))
        if kind == "M":
            first = _shift(today.replace(day=1), months=sum(int(n) for n, _ in steps))
            return first.strftime("%Y-%m")
        day = today
        for n, unit in steps:
            if unit == "w":  # weekdays, so a demo closure never lands on a weekend
                day = _weekdays_after(day, int(n))
            else:
                day = _shift(day, **{{"y": "years", "m": "months", "d": "days", "": "days"}[unit]: int(n)})
        return day.isoformat()

    return _TOKEN.sub(one, text)


def _resolve_all(obj: Any, today: date) -> Any:
    if isinstance(obj, str):
        return resolve(obj, today)
    if isinstance(obj, list):
        return [_resolve_all(x, today) for x in obj]
    if isinstance(obj, dict):
        return {k: _resolve_all(v, today) for k, v in obj.items()}
    return obj


def demo_document(today: date) -> dict[str, Any]:
    """The demo case file for `today`, with slots on every working day of the pattern's range."""
    doc = _resolve_all(json.loads(TEMPLATE.read_text("utf-8")), today)
    pattern = doc.pop("slot_pattern")
    closures = [date.fromisoformat(c["date"]) for c in doc.get("closures", [])]
    calendar = PostCalendar(doc["post"]["country"], closures)
    slots = []
    for offset in range(pattern["days"] + 1):
        day = today + timedelta(days=offset)
        if not calendar.is_working_day(day):
            continue
        for hhmm in pattern["times"]:
            start = datetime.combine(day, time.fromisoformat(hhmm))
            slots.append({"id": start.strftime("%Y-%m-%dT%H:%M"), "start": start.strftime("%Y-%m-%dT%H:%M"),
                          "seats": pattern["seats"]})
    doc["slots"] = slots
    return doc


def demo_today() -> date:
    """Today at the demo post (its template's zone), whatever the machine's zone."""
    return file_now(json.loads(TEMPLATE.read_text("utf-8"))).date()


def seed_demo(db: Database, today: date, *, now: datetime | None = None) -> ImportSummary:
    """Fill `db` (schema already initialised) with the demo post, cases, cut-offs and slots."""
    data = parse_case_file(demo_document(today), source=str(TEMPLATE), today=today)  # its dates are around `today`
    return import_case_file(db, data, now=now or datetime.combine(today, time(8, 0)))
