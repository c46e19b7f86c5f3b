"""What each `kiosk-admin` command does: (exit code, JSON payload, text for people)."""

from __future__ import annotations

import argparse
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.domain.eligibility import evaluation_to_dict
from kiosk.domain.errors import InputError
from kiosk.services.booking import BookingResult, CancelResult
from kiosk.store.db import Database, demo_database_path, sqlite_url
from kiosk.store.models import Post

Result = tuple[int, Any, str]


def open_db(url: str | None) -> tuple[Database, bool]:
    """The named database, or the embedded demo in the user data folder; schema brought up to date."""
    is_demo = url is None
    if url is None:
        path = demo_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        url = sqlite_url(path)
    db = Database(url)
    try:
        db.init_schema()
    except Exception as exc:  # an unreachable server or a malformed URL: say which, exit 2
        db.dispose()
        raise InputError(f"cannot open database {redact(url)}: {exc.__class__.__name__}: {exc}",
                         field="--db") from exc
    return db, is_demo


def redact(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 — whatever the parser trips on, the log line must not show the URL
        return "(unparseable URL)"


def post_now(db: Database) -> datetime:
    """Now, as the post's local wall-clock time (everything is in the post's time zone)."""
    with db.session() as s:
        post = s.query(Post).first()
    zone = ZoneInfo(post.timezone) if post else None
    return datetime.now(zone).replace(tzinfo=None, second=0, microsecond=0)


def run(args: argparse.Namespace, url: str | None) -> Result:
    if getattr(args, "config", None) and url is None:
        return _run_configured(args)
    db, is_demo = open_db(url)
    try:
        if is_demo and args.command not in ("init", "demo", "import"):
            _seed_demo_if_empty(db)
        return HANDLERS[args.command](db, args)
    finally:
        db.dispose()


def _run_configured(args: argparse.Namespace) -> Result:
    """With --config: answers come from the kiosk's cache; book and cancel need central's answer."""
    from kiosk.config import load_config
    from kiosk.sync.cli import open_cache, open_central

    config = load_config(args.config)
    cache = open_cache(config)
    try:
        if args.command not in ("book", "cancel"):
            return HANDLERS[args.command](cache, args)
        if config.link is not None:  # central is the kiosk-central service
            return _through_service(config, cache, args)
        central = open_central(config)
        try:
            return _through_central(central, cache, config.kiosk_id, args)
        finally:
            central.dispose()
    finally:
        cache.dispose()


def _through_central(central: Database, cache: Database, kiosk_id: str, args: argparse.Namespace) -> Result:
    from kiosk.domain.dates import parse_case_number
    from kiosk.sync.loans import book_at_kiosk
    from kiosk.sync.online import cancel_via_central

    number = parse_case_number(args.case)
    now = args.now or post_now(cache)
    if args.command == "cancel":
        c = cancel_via_central(central, cache, kiosk_id=kiosk_id, case_number=number, now=now)
        return _cancelled(number, c)
    # Central first; when it cannot be reached, from this kiosk's seat loan (kiosk.escrow).
    k = book_at_kiosk(central, cache, kiosk_id=kiosk_id, case_number=number, slot_id=args.slot, now=now,
                      with_cases=[parse_case_number(c) for c in args.with_cases], key=args.key)
    code, payload, text = _booked(k.result)
    payload.update(kiosk=kiosk_id, offline=k.offline)
    if k.offline:
        text += f" — issued offline by kiosk {kiosk_id}; final, central will record it when the link returns"
    return code, payload, text


def _through_service(config: Any, cache: Database, args: argparse.Namespace) -> Result:
    """book/cancel through the kiosk-central service: central's clock and rules; OUTCOME_UNKNOWN when its answer
    was lost (the command stays queued; the next `sync` records what central did)."""
    from kiosk.central.remote_port import RemoteKioskCentral
    from kiosk.domain.dates import parse_case_number
    from kiosk.sync.cli import open_remote

    number = parse_case_number(args.case)
    now = post_now(cache)  # the kiosk's clock; central decides with its own (`--now` is not for central)
    with open_remote(config) as remote:
        kiosk = RemoteKioskCentral(remote, cache, kiosk_id=config.kiosk_id)
        if args.command == "cancel":
            return _cancelled(number, kiosk.cancel(cache, number, now=now))
        k = kiosk.book(cache, number, args.slot, now=now, key=args.key,
                       with_cases=[parse_case_number(c) for c in args.with_cases])
    code, payload, text = _booked(k.result)
    payload.update(kiosk=config.kiosk_id, offline=k.offline)
    if k.offline:
        text += f" — issued offline by kiosk {config.kiosk_id}; final, central will record it when the link returns"
    return code, payload, text


def _seed_demo_if_empty(db: Database) -> None:
    from kiosk.services.demo import seed_demo

    with db.session() as s:
        empty = s.query(Post).first() is None
    if empty:
        seed_demo(db, date.today())


def cmd_init(db: Database, args: argparse.Namespace) -> Result:
    return 0, {"database": redact(db.url), "schema": "up to date"}, f"schema of {redact(db.url)} is up to date"


def cmd_import(db: Database, args: argparse.Namespace) -> Result:
    from kiosk.services.importer import import_file

    summary = import_file(db, args.file, now=post_now(db), max_bytes=args.max_bytes)
    payload = {"file": args.file, **summary.__dict__}
    text = (f"imported {summary.cases} case(s), {summary.applicants} applicant(s), {summary.slots} slot(s), "
            f"{summary.cutoffs} cut-off(s), {summary.closures} closure(s) from {args.file}")
    return 0, payload, text


def cmd_eligibility(db: Database, args: argparse.Namespace) -> Result:
    from kiosk.domain.dates import parse_case_number
    from kiosk.services.evaluation import evaluate_case

    number = parse_case_number(args.case)
    today = args.today or post_now(db).date()
    with db.session() as s:
        ev = evaluate_case(s, number, today=today, has_letter=not args.no_letter)
    payload = evaluation_to_dict(ev)
    lines = [f"{ev.case_number}: {ev.decision.value}"
             + (f" (earliest {ev.earliest_date.isoformat()})" if ev.earliest_date else "")]
    lines += [f"  {f.code}{' [' + f.applicant + ']' if f.applicant else ''}: {f.message} → {f.remedy}"
              for f in ev.findings]
    lines.append(f"  attending: {', '.join(ev.attending) or '-'}; group: {', '.join(ev.group)}")
    return (0 if ev.may_book else 1), payload, "\n".join(lines)


def cmd_slots(db: Database, args: argparse.Namespace) -> Result:
    from kiosk.services.slots import bookable_slots

    if args.need < 1:
        raise InputError("must be at least 1", field="--need")
    now = args.now or post_now(db)
    with db.session() as s:
        slots = bookable_slots(s, now=now, start=args.start, end=args.end, need=args.need)
    payload = [{"id": v.id, "start": v.start.strftime("%Y-%m-%dT%H:%M"), "seats": v.seats,
                "seats_left": v.seats_left} for v in slots]
    text = "\n".join(f"{v.id}  {v.start:%a %Y-%m-%d %H:%M}  {v.seats_left}/{v.seats} seats left" for v in slots)
    return 0, payload, text or "no bookable slot with seats left"


def cmd_book(db: Database, args: argparse.Namespace) -> Result:
    from kiosk.domain.dates import parse_case_number
    from kiosk.services.booking import book

    number = parse_case_number(args.case)
    others = [parse_case_number(c) for c in args.with_cases]
    r = book(db, number, args.slot, now=args.now or post_now(db), key=args.key, with_cases=others,
             actor="kiosk-admin")
    return _booked(r)


def _booked(r: BookingResult) -> Result:
    payload = {"booking": r.reference, "case_number": r.case_number, "slot": r.slot_id,
               "applicants": list(r.applicants), "start": r.slot_start.strftime("%Y-%m-%dT%H:%M"),
               "replaces": r.replaced}
    text = (f"booked {r.reference}: case {r.case_number}, {r.slot_start:%Y-%m-%d %H:%M}, "
            f"{len(r.applicants)} applicant(s)" + (f", replaces {r.replaced}" if r.replaced else ""))
    return 0, payload, text


def cmd_cancel(db: Database, args: argparse.Namespace) -> Result:
    from kiosk.domain.dates import parse_case_number
    from kiosk.services.booking import cancel

    number = parse_case_number(args.case)
    return _cancelled(number, cancel(db, number, now=args.now or post_now(db), actor="kiosk-admin"))


def _cancelled(number: str, r: CancelResult) -> Result:
    payload = {"cancelled": r.reference, "case_number": number, "slot": r.slot_id, "released": r.released}
    return 0, payload, f"cancelled {r.reference} (slot {r.slot_id}, {r.released} seat(s) released)"


def cmd_confirmation(db: Database, args: argparse.Namespace) -> Result:
    from kiosk.domain.dates import parse_case_number
    from kiosk.services.confirmation import write_confirmation

    number = parse_case_number(args.case)
    out = Path(args.out)
    if not out.parent.is_dir():
        raise InputError(f"folder {out.parent} does not exist", field="--out")
    with db.transaction() as s:
        written = write_confirmation(s, number, out, now=args.now or post_now(db), copy=args.copy)
    return 0, {"case_number": number, "file": str(written)}, f"wrote {written}"


def cmd_demo(db: Database, args: argparse.Namespace) -> Result:
    from kiosk.services.demo import seed_demo

    today = args.today or date.today()
    summary = seed_demo(db, today, now=datetime.combine(today, time(8, 0)))
    text = (f"demo loaded into {redact(db.url)}: {summary.cases} cases, {summary.slots} slots, "
            f"{summary.cutoffs} cut-offs (dates relative to {today.isoformat()})")
    return 0, {"database": redact(db.url), "today": today.isoformat(), **summary.__dict__}, text


HANDLERS = {
    "init": cmd_init, "import": cmd_import, "eligibility": cmd_eligibility, "slots": cmd_slots,
    "book": cmd_book, "cancel": cmd_cancel, "confirmation": cmd_confirmation, "demo": cmd_demo,
}
