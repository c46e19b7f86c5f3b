"""A pull batch, or a whole copy, as JSON between the service and the kiosk: rows typed back by their table's columns."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Table

from kiosk.domain.appointment import AppointmentFacts
from kiosk.domain.eligibility import evaluation_to_dict
from kiosk.domain.model import Decision, Evaluation, Finding, InquiryKind

from kiosk.services.account_cases import YourCase
from kiosk.sync.central_marks import Seen
from kiosk.sync.pull import Batch
from kiosk.sync.resync import Copy
from kiosk.sync.rows import Key, pk, tables


def _out(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value  # datetime is a date too


def _kinds(table: Table) -> dict[str, type | None]:
    kinds: dict[str, type | None] = {}
    for col in table.columns:
        try:
            kinds[col.name] = col.type.python_type
        except NotImplementedError:
            kinds[col.name] = None
    return kinds


def _in(kind: type | None, value: Any) -> Any:
    if isinstance(value, str) and kind is datetime:
        return datetime.fromisoformat(value)
    if isinstance(value, str) and kind is date:
        return date.fromisoformat(value)
    return value


def seen_to_dict(seen: Seen) -> dict[str, Any]:
    return {"central_id": seen.central_id, "revision": seen.revision, "fingerprint": seen.fingerprint}


def seen_from_dict(d: Any) -> Seen:
    if not isinstance(d, dict) or not isinstance(d.get("revision"), int) or d["revision"] < 0:
        raise ValueError("seen: {central_id, revision >= 0, fingerprint}")
    central_id, fp = d.get("central_id"), d.get("fingerprint")
    if not (central_id is None or isinstance(central_id, str)) or not (fp is None or isinstance(fp, str)):
        raise ValueError("seen: central_id and fingerprint are strings or null")
    return Seen(central_id, d["revision"], fp)


def batch_to_dict(b: Batch) -> dict[str, Any]:
    return {
        "seen": seen_to_dict(b.seen), "entries": b.entries,
        "wanted": {name: [[_out(v) for v in key] for key in keys] for name, keys in b.wanted.items()},
        "current": {name: [{c: _out(v) for c, v in row.items()} for row in rows.values()]
                    for name, rows in b.current.items()},
    }


def batch_from_dict(d: dict[str, Any]) -> Batch:
    """Only the synced tables and their own columns are taken; anything else in the reply is ignored."""
    ts = tables()
    wanted: dict[str, dict[Key, None]] = {}
    current: dict[str, dict[Key, dict]] = {}
    for name, keys in (d.get("wanted") or {}).items():
        if name in ts:
            pk_kinds = [_kinds(ts[name])[c.name] for c in ts[name].primary_key.columns]
            wanted[name] = {tuple(_in(k, v) for k, v in zip(pk_kinds, key, strict=True)): None for key in keys}
    for name, rows in (d.get("current") or {}).items():
        if name in ts:
            kinds = _kinds(ts[name])
            typed = [{c: _in(kinds[c], row.get(c)) for c in kinds} for row in rows]
            current[name] = {pk(ts[name], row): row for row in typed}
    return Batch(seen_from_dict(d.get("seen")), int(d.get("entries", 0)), wanted, current)


def copy_to_dict(c: Copy) -> dict[str, Any]:
    return {"seen": seen_to_dict(c.mark),
            "tables": {name: [{k: _out(v) for k, v in row.items()} for row in rows] for name, rows in c.rows.items()}}


def copy_from_dict(d: dict[str, Any]) -> Copy:
    """As `batch_from_dict`: only the synced tables and their own columns."""
    ts = tables()
    rows: dict[str, list[dict]] = {}
    for name, given in (d.get("tables") or {}).items():
        if name in ts:
            kinds = _kinds(ts[name])
            rows[name] = [{c: _in(kinds[c], row.get(c)) for c in kinds} for row in given]
    return Copy(seen_from_dict(d.get("seen")), rows)


def evaluation_to_wire(ev: Evaluation) -> dict[str, Any]:
    """Exactly `eligibility --json`'s object: nothing more (no translation fields, which may hold names or dates)."""
    return evaluation_to_dict(ev)


def evaluation_from_wire(d: dict[str, Any]) -> Evaluation:
    findings = tuple(
        Finding(str(f["code"]), f.get("applicant"), str(f["message"]), str(f["remedy"]),
                InquiryKind(f["inquiry"]) if f.get("inquiry") else None, tuple(f.get("documents", ())))
        for f in d["findings"])
    return Evaluation(str(d["case_number"]), Decision(d["decision"]), findings, tuple(d["attending"]),
                      tuple(d["group"]), date.fromisoformat(d["earliest_date"]) if d.get("earliest_date") else None,
                      d.get("join_booking_of"))


def your_case_to_wire(c: YourCase) -> dict[str, Any]:
    a = c.appointment
    return {"case_number": c.case_number, "reference": c.reference,
            "appointment": {"start": a.start.isoformat(), "deadline": a.deadline.isoformat(),
                            "can_change": a.can_change} if a else None}


def your_case_from_wire(d: dict[str, Any]) -> YourCase:
    a = d.get("appointment")
    facts = AppointmentFacts(datetime.fromisoformat(a["start"]), date.fromisoformat(a["deadline"]),
                             bool(a["can_change"])) if a else None
    return YourCase(str(d["case_number"]), str(d["reference"]) if d.get("reference") else None, facts)
