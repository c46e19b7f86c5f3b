"""`kiosk-admin`: the operator's command line (DATA.md). Exit 0 yes, 1 a "no" answer, 2 bad usage or input,
3 an internal error (`{"error": "INTERNAL", ...}`, details in the log, never a traceback on the terminal)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
from collections.abc import Sequence
from datetime import date, datetime
from logging.handlers import RotatingFileHandler
from typing import NoReturn

from sqlalchemy.exc import DBAPIError

from kiosk.cli import commands
from kiosk.cli import compact as compact_cli
from kiosk.cli import link as sync_cli
from kiosk.domain.errors import InputError, RuleError
from kiosk.domain.text import acts_on_terminal, for_terminal, text_problem
from kiosk.logs import BACKUPS, MAX_BYTES, JsonFormatter, log_dir
from kiosk.services.casefile_json import DEFAULT_MAX_BYTES
from kiosk.services.casefile_model import CaseFileError

EXIT_OK, EXIT_NO, EXIT_BAD, EXIT_INTERNAL = 0, 1, 2, 3
DB_VAR, CONFIG_VAR = "KIOSK_DB_URL", "KIOSK_CONFIG"
EXIT_INTERRUPTED = 130  # the shell's own code for Ctrl+C
INTERRUPTED = "interrupted (Ctrl+C): a transaction under way was rolled back; what was committed before stays"
log = logging.getLogger("kiosk.cli")


# Dates and times an operator may give: wide enough for any what-if, narrow enough that date arithmetic
# (a year's window, 120 days' horizon) never leaves the calendar Python can hold.
EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)
MAX_FILE_BYTES = 1024**3  # --max-bytes: parsing takes about 15x the file in memory
MAX_NEED = 1000  # --need: a slot holds at most 1,000 seats (kiosk.services.casefile_limits)
MAX_KEY = 100  # --key: the idempotency_keys column


def _shown(text: str) -> str:
    """An argument as a message quotes it: escaped, and short even when the argument is not."""
    return repr(text) if len(text) <= 40 else f"{text[:37]!r}…"


def _in_range(value: date, text: str) -> None:
    if not EARLIEST <= value <= LATEST:
        raise argparse.ArgumentTypeError(f"{_shown(text)} is outside {EARLIEST.isoformat()} to {LATEST.isoformat()}")


def _day(text: str) -> date:
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{_shown(text)} is not a date (YYYY-MM-DD)") from None
    _in_range(value, text)
    return value


def _moment(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{_shown(text)} is not a local time (YYYY-MM-DDTHH:MM)") from None
    if value.tzinfo is not None:
        raise argparse.ArgumentTypeError(f"{_shown(text)}: give the post's local wall-clock time, without a zone")
    _in_range(value.date(), text)
    return value


def _whole(text: str, low: int, high: int, what: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{_shown(text)} is not a whole number of {what}") from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"must be from {low:,} to {high:,} {what}")
    return value


def _size(text: str) -> int:
    return _whole(text, 1, MAX_FILE_BYTES, "bytes")


def _need(text: str) -> int:
    return _whole(text, 1, MAX_NEED, "seats")


def _key(text: str) -> str:
    problem = text_problem(text, max_length=MAX_KEY) if text.strip() else "is empty"
    if problem:
        raise argparse.ArgumentTypeError(f"an idempotency key {problem} (at most {MAX_KEY} characters, no control "
                                          "or invisible characters)")
    return text


class _Parser(argparse.ArgumentParser):
    """argparse's parser, remembering its last usage error so `--json` can answer it as JSON too."""

    last_error: str | None = None

    def error(self, message: str) -> NoReturn:
        _Parser.last_error = f"{self.prog}: {message}"
        super().error(message)


def _usage_error_as_json(argv: Sequence[str]) -> None:
    """With --json, a usage error (exit 2) also prints `{"error": "BAD_INPUT", ...}` on standard output."""
    if "--json" not in argv or _Parser.last_error is None:
        return
    named = re.match(r"[\w -]*: argument ([^:\s]+)", _Parser.last_error)
    field_ = named.group(1).split("/")[0] if named else None
    print(json_for_terminal(json.dumps({"error": "BAD_INPUT", "message": _Parser.last_error, "field": field_},
                                       ensure_ascii=False)))


def build_parser() -> argparse.ArgumentParser:
    # --db and --json are accepted before or after the command (DATA.md's synopsis puts --json last).
    common = _Parser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, metavar="URL",
                        help="SQLAlchemy database URL (default: $KIOSK_DB_URL, else the embedded demo)")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="machine-readable output on standard output")
    common.add_argument("--config", default=argparse.SUPPRESS, metavar="FILE", help=sync_cli.CONFIG_HELP)
    p = _Parser(prog="kiosk-admin", parents=[common],
                                description="Operate the consular kiosk's database.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def cmd(name: str, help_: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=help_, description=help_)

    cmd("init", "create or migrate the schema")
    imp = cmd("import", "load a case file (kiosk-cases/1, JSON)")
    imp.add_argument("file")
    imp.add_argument("--max-bytes", type=_size, default=DEFAULT_MAX_BYTES, metavar="N",
                     help=f"refuse a larger file before reading it (default {DEFAULT_MAX_BYTES:,} bytes)")
    el = cmd("eligibility", "evaluate one case against the rules")
    el.add_argument("case")
    el.add_argument("--today", type=_day, help="evaluate as of this date (default: today at the post)")
    el.add_argument("--no-letter", action="store_true", help="the applicant does not have the Appointment Letter")
    el.add_argument("--dob", metavar="DATE", help="the principal's date of birth: opens the case sealed in a "
                    "kiosk's cache (--config), so the cache answers without central")
    sl = cmd("slots", "bookable slots with seats left")
    sl.add_argument("--from", dest="start", type=_day)
    sl.add_argument("--to", dest="end", type=_day)
    sl.add_argument("--now", type=_moment)
    sl.add_argument("--need", type=_need, default=1, help="seats needed (default 1)")
    bk = cmd("book", "book (or rebook) the case's attending applicants into the slot")
    bk.add_argument("case")
    bk.add_argument("slot")
    bk.add_argument("--key", type=_key, help="idempotency key: the same key books once")
    bk.add_argument("--now", type=_moment)
    bk.add_argument("--with", dest="with_cases", action="append", default=[], metavar="CASE",
                    help="another case of the same petitioner to book into the same appointment")
    bk.add_argument("--dob", metavar="DATE", help="the principal's date of birth: opens the case sealed in a "
                    "kiosk's cache (--config), needed to book from the kiosk's seat loan while central is down")
    cn = cmd("cancel", "cancel the case's booking, if the change window allows")
    cn.add_argument("case")
    cn.add_argument("--now", type=_moment)
    cf = cmd("confirmation", "write the confirmation PDF of the case's booking")
    cf.add_argument("case")
    cf.add_argument("--out", required=True, metavar="FILE.pdf")
    cf.add_argument("--copy", action="store_true", help="mark it as a reprinted copy")
    cf.add_argument("--now", type=_moment)
    dm = cmd("demo", "fill the database with the demo post, cases and slots")
    dm.add_argument("--today", type=_day, help="build the demo's dates around this day (default: today)")
    sync_cli.add_commands(sub, common)
    compact_cli.add_command(cmd, _moment)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    _Parser.last_error = None
    try:
        args = build_parser().parse_args(given)
    except SystemExit as exc:
        if exc.code == EXIT_BAD:
            _usage_error_as_json(given)
        raise
    as_json = getattr(args, "json", False)
    try:
        url = _where(args)
        if args.command == "compact":
            code, payload, text = compact_cli.run(args, url)
        elif args.command in sync_cli.HANDLERS:
            code, payload, text = sync_cli.run(args)
        else:
            code, payload, text = commands.run(args, url)
    except RuleError as exc:
        code, payload, text = EXIT_NO, {"error": exc.code, "message": exc.message}, f"{exc.code}: {exc.message}"
    except InputError as exc:
        code, payload, text = EXIT_BAD, {"error": "BAD_INPUT", "message": str(exc), "field": exc.field}, str(exc)
        if isinstance(exc, CaseFileError):  # each problem apart too, for scripts (the message lists the same)
            payload.update(problems=[p.to_dict() for p in exc.problems], count=exc.count)
    except Exception as exc:  # noqa: BLE001  (a bug or a broken database: one line, exit 3, details in the log)
        code, payload, text = _internal(exc)
    except KeyboardInterrupt:  # Ctrl+C: a transaction under way rolled back (its `with` block); no traceback
        code, payload, text = EXIT_INTERRUPTED, {"error": "INTERRUPTED", "message": INTERRUPTED}, INTERRUPTED
    try:
        if as_json and payload is not None:
            print(json_for_terminal(json.dumps(payload, ensure_ascii=False, indent=None)), flush=True)
        if text:
            print(for_terminal(text), file=sys.stderr if (as_json or code != EXIT_OK) else sys.stdout, flush=True)
    except BrokenPipeError:  # the reader left (`kiosk-admin slots | head -1`): the answer stands, no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python flushes stdout again at exit
    return code


def _where(args: argparse.Namespace) -> str | None:
    """The database URL to work on, or None with `args.config` set (a kiosk's cache and central) or not (the demo).

    --db, else --config, else $KIOSK_DB_URL, else $KIOSK_CONFIG (kiosk.env sets it on a kiosk, as the kiosk
    reads it), else the embedded demo: a configured kiosk is never answered from the demo.
    """
    db, config = getattr(args, "db", None), getattr(args, "config", None)
    if db and config:
        raise InputError("give --db URL (one database) or --config FILE (a kiosk's cache and central), not both",
                         field="--db")
    if db or config:
        return db or None
    if os.environ.get(DB_VAR):
        return os.environ[DB_VAR]
    if os.environ.get(CONFIG_VAR):
        args.config = os.environ[CONFIG_VAR]
    return None


def _internal(exc: Exception) -> tuple[int, dict, str]:
    """What an unexpected error says: its kind only, since a database's message can quote a row."""
    kind = type(exc).__name__
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        sqlstate = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "sqlite_errorname", None)
        kind += f" ({type(exc.orig).__name__}{', ' + sqlstate if sqlstate else ''})"
        # The statement has placeholders, never values (hide_parameters); the driver's text is left out.
        _log_internal(f"kiosk-admin failed: {kind} in: {(exc.statement or '')[:500]}", None)
    else:
        _log_internal(f"kiosk-admin failed: {kind}", exc)
    message = f"internal error ({kind}); the details are in the kiosk-admin log"
    if "SQLITE_BUSY" in kind or "SQLITE_LOCKED" in kind:  # not a bug: another writer held the file too long
        message = (f"the database is busy: another writer (an import, a kiosk) held it longer than 30 s; nothing "
                   f"was changed, try again ({kind})")
    return EXIT_INTERNAL, {"error": "INTERNAL", "message": message}, f"INTERNAL: {message}"


def _log_internal(message: str, exc: Exception | None) -> None:
    """Into `<log dir>/kiosk-admin.log` only: the operator's terminal gets one line, not a traceback."""
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(folder / "kiosk-admin.log", maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                      encoding="utf-8")
    except OSError:
        return  # no log folder: the exit code and the line on the terminal still say what happened
    handler.setFormatter(JsonFormatter())
    info = (type(exc), exc, exc.__traceback__) if exc is not None else None
    handler.handle(log.makeRecord(log.name, logging.ERROR, __file__, 0, message, (), info))
    handler.close()


def json_for_terminal(text: str) -> str:
    """JSON with every character a terminal could act on written as a \\u escape (same JSON value)."""
    return "".join(_json_escape(ch) if acts_on_terminal(ch) else ch for ch in text)


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


if __name__ == "__main__":
    sys.exit(main())
