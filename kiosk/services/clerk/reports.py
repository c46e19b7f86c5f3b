"""Clerk reports (bookings per day, no-shows, inquiries by kind per ISO week) and their atomic CSV export."""

from __future__ import annotations

import csv
import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, selectinload

from kiosk.domain.errors import InputError
from kiosk.domain.model import InquiryKind
from kiosk.services import audit
from kiosk.services.clerk.staff import StaffView
from kiosk.store.db import Database
from kiosk.store.inquiries import Inquiry
from kiosk.store.models import Booking, BookingStatus, CaseRow, SlotRow

MAX_DAYS = 731  # two years: a report, not a data dump


@dataclass(frozen=True)
class Report:
    name: str  # bookings_per_day | no_shows | inquiries_per_week
    start: date
    end: date
    header: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


def _range(start: date, end: date) -> tuple[datetime, datetime]:
    if end < start or (end - start).days > MAX_DAYS:
        raise InputError(f"choose a range of at most {MAX_DAYS} days, the first day first", field="range")
    return datetime.combine(start, time()), datetime.combine(end + timedelta(days=1), time())


def bookings_per_day(session: Session, start: date, end: date) -> Report:
    """Per day: bookings made, rebookings, cancellations, and appointments (with applicants) that day."""
    lo, hi = _range(start, end)
    made, rebooked, cancelled, held, people = (Counter[date]() for _ in range(5))
    for b in session.scalars(select(Booking).where(or_(
            and_(Booking.created_at >= lo, Booking.created_at < hi),
            and_(Booking.cancelled_at >= lo, Booking.cancelled_at < hi),
            Booking.slot_id.in_(select(SlotRow.id).where(SlotRow.start >= lo, SlotRow.start < hi))))):
        if lo <= b.created_at < hi:
            (rebooked if b.replaces_reference else made)[b.created_at.date()] += 1
        if b.cancelled_at is not None and lo <= b.cancelled_at < hi:
            cancelled[b.cancelled_at.date()] += 1
        if b.status == BookingStatus.ACTIVE and lo <= b.slot.start < hi:
            held[b.slot.start.date()] += 1
            people[b.slot.start.date()] += b.seats
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    return Report("bookings_per_day", start, end,
                  ("day", "bookings_made", "rebookings", "cancellations", "appointments", "applicants"),
                  tuple((d, made[d], rebooked[d], cancelled[d], held[d], people[d]) for d in days))


def no_shows(session: Session, start: date, end: date, *, now: datetime) -> Report:
    """Active bookings whose appointment has passed, one row per case in them not marked interviewed."""
    lo, hi = _range(start, end)
    rows: list[tuple[object, ...]] = []
    bookings = session.scalars(
        select(Booking).join(SlotRow).options(selectinload(Booking.applicants))
        .where(Booking.status == BookingStatus.ACTIVE, SlotRow.start >= lo, SlotRow.start < min(hi, now))
        .order_by(SlotRow.start, Booking.reference))
    for b in bookings:
        per_case = Counter(x.case_number for x in b.applicants) or Counter({b.case_number: b.seats})
        for number in sorted(per_case):
            case = session.get(CaseRow, number)
            if case is not None and case.interviewed:
                continue
            rows.append((b.slot.start, b.reference, number, per_case[number],
                         case.petitioner_id if case else None, case.last_contact if case else None))
    return Report("no_shows", start, end,
                  ("appointment", "booking", "case_number", "applicants", "petitioner", "last_contact"), tuple(rows))


def inquiries_per_week(session: Session, start: date, end: date) -> Report:
    """Inquiries submitted per ISO week and kind; every week of the range is listed."""
    lo, hi = _range(start, end)
    counts: Counter[tuple[str, str]] = Counter()
    for created, kind in session.execute(select(Inquiry.created_at, Inquiry.kind)
                                         .where(Inquiry.created_at >= lo, Inquiry.created_at < hi)):
        y, w, _ = created.isocalendar()
        counts[(f"{y}-W{w:02d}", kind)] += 1
    kinds = [k.value for k in InquiryKind]
    monday, rows = start - timedelta(days=start.weekday()), []
    while monday <= end:
        y, w, _ = monday.isocalendar()
        week = f"{y}-W{w:02d}"
        line = [counts[(week, k)] for k in kinds]
        rows.append((week, monday, *line, sum(line)))
        monday += timedelta(days=7)
    return Report("inquiries_per_week", start, end, ("iso_week", "week_starts", *kinds, "total"), tuple(rows))


REPORTS = ("bookings_per_day", "no_shows", "inquiries_per_week")


def make_report(session: Session, name: str, start: date, end: date, *, now: datetime) -> Report:
    if name == "bookings_per_day":
        return bookings_per_day(session, start, end)
    if name == "no_shows":
        return no_shows(session, start, end, now=now)
    if name == "inquiries_per_week":
        return inquiries_per_week(session, start, end)
    raise InputError(f"{name!r} is not a report ({', '.join(REPORTS)})", field="report")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    text = str(value)
    # A spreadsheet runs a cell starting with = + - @ as a formula: keep data data.
    return "'" + text if not isinstance(value, int) and text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_csv(report: Report, path: Path | str) -> Path:
    """Write the report as UTF-8 CSV (with a BOM, so spreadsheets read 何健): a temp file, then os.replace."""
    target = Path(path).expanduser()
    if not target.is_absolute():
        raise InputError(f"{str(path)!r}: give the full path of the file", field="path")
    if target.suffix.lower() != ".csv":
        target = target.with_name(target.name + ".csv")
    if not target.parent.is_dir():
        raise InputError(f"the folder {target.parent} does not exist", field="path")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as f:
            out = csv.writer(f)
            out.writerow(report.header)
            out.writerows([_cell(v) for v in row] for row in report.rows)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def export_report(db: Database, who: StaffView, name: str, start: date, end: date, path: Path | str, *,
                  now: datetime) -> tuple[Path, int]:
    """Compute and write the report; the export is in the audit trail (reports hold case numbers)."""
    with db.transaction() as s:
        report = make_report(s, name, start, end, now=now)
        written = write_csv(report, path)
        audit.record(s, actor=who.actor, action="clerk.report_exported", now=now, detail={
            "report": name, "from": start, "to": end, "rows": len(report.rows), "path": str(written)})
    return written, len(report.rows)
