"""What each `kiosk-admin` command does: (exit code, JSON payload, text for people)."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.app.opening import open_cache, open_db, open_remote, redact
from kiosk.app.operator import Operator
from kiosk.config import load_config
from kiosk.domain.dates import parse_case_number
from kiosk.domain.errors import InputError
from kiosk.domain.eligibility import evaluation_to_dict
from kiosk.services.results import BookingResult, CancelResult
from kiosk.services.demo import demo_today, seed_demo
from kiosk.store.db import Database
from kiosk.store.models import Post

Result = tuple[int, Any, str]
# Commands that load the post's data: on a kiosk's cache they would put cases in the clear beside the sealed
# copies and data central does not have; they run on central's database (--db).
CENTRAL_ONLY = ("import", "demo")


def run(args: argparse.Namespace, url: str | None) -> Result:
    if getattr(args, "config", None) and url is None:
        return _run_configured(args)
    db, is_demo = open_db(url)
    try:
        if is_demo and args.command not in ("init", "demo", "import"):
            _seed_demo_if_empty(db)
        return HANDLERS[args.command](Operator(db, demo=is_demo), args)
    finally:
        db.dispose()


def _run_configured(args: argparse.Namespace) -> Result:
    """With --config: the kiosk's cache and the central service, asked as the kiosk asks them (kiosk.app)."""
    from kiosk.central.remote_port import RemoteKioskCentral  # the TLS client loads only for a command that needs it

    if args.command in CENTRAL_ONLY:
        raise InputError(f"{args.command} writes the post's data, which lives on central: run `kiosk-admin --db URL "
                         f"{args.command} …` on central's machine (a kiosk's cache only copies central, sealed)",
                         field="--config")
    config = load_config(args.config)
    cache = open_cache(config)
    try:
        with open_remote(config) as remote:
            central = RemoteKioskCentral(remote, cache, kiosk_id=config.kiosk_id)
            return HANDLERS[args.command](Operator(cache, central, kiosk_id=config.kiosk_id), args)
    finally:
        cache.dispose()


def _seed_demo_if_empty(db: Database) -> None:
    with db.session() as s:
        empty = s.query(Post).first() is None
    if empty:
        seed_demo(db, demo_today())


def cmd_init(op: Operator, args: argparse.Namespace) -> Result:
    url = redact(op.db.url)
    return 0, {"database": url, "schema": "up to date"}, f"schema of {url} is up to date"


def cmd_import(op: Operator, args: argparse.Namespace) -> Result:
    summary = op.import_file(args.file, max_bytes=args.max_bytes)
    payload = {"file": args.file, **summary.__dict__}
    text = (f"imported {summary.cases} case(s), {summary.applicants} applicant(s), {summary.slots} slot(s), "
            f"{summary.cutoffs} cut-off(s), {summary.closures} closure(s) from {args.file}")
    return 0, payload, text


def cmd_eligibility(op: Operator, args: argparse.Namespace) -> Result:
    ev = op.eligibility(args.case, today=args.today, has_letter=not args.no_letter, date_of_birth=args.dob)
    payload = evaluation_to_dict(ev)
    lines = [f"{ev.case_number}: {ev.decision.value}"
             + (f" (earliest {ev.earliest_date.isoformat()})" if ev.earliest_date else "")]
    lines += [f"  {f.code}{' [' + f.applicant + ']' if f.applicant else ''}: {f.message} → {f.remedy}"
              for f in ev.findings]
    lines.append(f"  attending: {', '.join(ev.attending) or '-'}; group: {', '.join(ev.group)}")
    return (0 if ev.may_book else 1), payload, "\n".join(lines)


def cmd_slots(op: Operator, args: argparse.Namespace) -> Result:
    slots = op.slots(need=args.need, start=args.start, end=args.end, now=args.now)
    payload = [{"id": v.id, "start": v.start.strftime("%Y-%m-%dT%H:%M"), "seats": v.seats,
                "seats_left": v.seats_left} for v in slots]
    text = "\n".join(f"{v.id}  {v.start:%a %Y-%m-%d %H:%M}  {v.seats_left}/{v.seats} seats left" for v in slots)
    return 0, payload, text or "no bookable slot with seats left"


def cmd_book(op: Operator, args: argparse.Namespace) -> Result:
    k = op.book(args.case, args.slot, key=args.key, with_cases=args.with_cases, now=args.now, date_of_birth=args.dob)
    code, payload, text = _booked(k.result)
    if op.central is None:
        return code, payload, text
    payload.update(kiosk=k.kiosk_id, offline=k.offline)
    if k.offline:
        text += f" — issued offline by kiosk {k.kiosk_id}; final, central will record it when the link returns"
    return code, payload, text


def _booked(r: BookingResult) -> Result:
    payload = {"booking": r.reference, "case_number": r.case_number, "slot": r.slot_id,
               "applicants": list(r.applicants), "start": r.slot_start.strftime("%Y-%m-%dT%H:%M"),
               "replaces": r.replaced}
    text = (f"booked {r.reference}: case {r.case_number}, {r.slot_start:%Y-%m-%d %H:%M}, "
            f"{len(r.applicants)} applicant(s)" + (f", replaces {r.replaced}" if r.replaced else ""))
    return 0, payload, text


def cmd_cancel(op: Operator, args: argparse.Namespace) -> Result:
    number = parse_case_number(args.case)
    return _cancelled(number, op.cancel(number, now=args.now))


def _cancelled(number: str, r: CancelResult) -> Result:
    payload = {"cancelled": r.reference, "case_number": number, "slot": r.slot_id, "released": r.released}
    return 0, payload, f"cancelled {r.reference} (slot {r.slot_id}, {r.released} seat(s) released)"


def cmd_confirmation(op: Operator, args: argparse.Namespace) -> Result:
    number = parse_case_number(args.case)
    written = op.write_confirmation(number, args.out, copy=args.copy, now=args.now)
    return 0, {"case_number": number, "file": str(written)}, f"wrote {written}"


def cmd_demo(op: Operator, args: argparse.Namespace) -> Result:
    today = args.today or demo_today()  # the demo post's date, not the machine's
    summary = op.seed_demo(today)
    url = redact(op.db.url)
    text = (f"demo loaded into {url}: {summary.cases} cases, {summary.slots} slots, "
            f"{summary.cutoffs} cut-offs (dates relative to {today.isoformat()})")
    return 0, {"database": url, "today": today.isoformat(), **summary.__dict__}, text


HANDLERS = {
    "init": cmd_init, "import": cmd_import, "eligibility": cmd_eligibility, "slots": cmd_slots,
    "book": cmd_book, "cancel": cmd_cancel, "confirmation": cmd_confirmation, "demo": cmd_demo,
}
