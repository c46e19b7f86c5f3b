"""Structured, rotated logs: one JSON object per line in `<log dir>/<program>.log`, warnings also on stderr.

platformdirs loads only when the default log folder is asked for (start-up time matters at a kiosk).
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
import re
import sys
from datetime import datetime, UTC
from pathlib import Path
from types import TracebackType

from kiosk.config import APP_NAME

DIR_VAR = "KIOSK_LOG_DIR"  # the systemd unit points it at /var/log/consular-kiosk
LEVEL_VAR = "KIOSK_LOG_LEVEL"
MAX_BYTES = 5 * 1024 * 1024  # 5 MB a file, 10 old files: a month of busy days in 55 MB at most
BACKUPS = 10

# What a record may carry besides its message. Anything else passed in `extra=` is dropped,
# so a careless `extra={"applicant": ...}` cannot put personal data into the file.
# Personal data rule: at INFO and above, the case number is the only applicant datum.
FIELDS = ("case", "booking", "slot", "seats", "kiosk", "command", "page", "seconds", "count", "event")
_HANDLER_NAME = "kiosk-json-file"


# Values a database puts into its own error texts: PostgreSQL's DETAIL ("Key (username)=(…)",
# "Failing row contains (…)") and SQLAlchemy's parameter list when an engine shows it. These reach
# the log on error paths (an exception's message, a traceback), and may name an applicant.
_VALUES = (
    (re.compile(r"(Key \((?:[^()]|\([^()]*\))*\))=\((?:[^()]|\([^()]*\))*\)"), r"\1=(…)"),
    (re.compile(r"Failing row contains \((?:[^()]|\([^()]*\))*\)"), "Failing row contains (…)"),
    (re.compile(r"\[parameters: .*?\](?=\n|$)", re.S), "[parameters hidden]"),
)


def redact(text: str) -> str:
    """`text` without the values databases quote in their errors (column names stay: they say what failed)."""
    for pattern, replacement in _VALUES:
        text = pattern.sub(replacement, text)
    return text


class JsonFormatter(logging.Formatter):
    """One line per record: time (UTC, ms), level, logger, message, pid, allowed fields, traceback."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": redact(record.getMessage()),
            "pid": record.process,
        }
        for key in FIELDS:
            if key in record.__dict__:
                entry[key] = record.__dict__[key]
        if record.exc_info:
            entry["exc"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


class _RedactingFormatter(logging.Formatter):
    """The journal's short form (stderr), with the same values left out as in the file."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def log_dir() -> Path:
    """`$KIOSK_LOG_DIR`, else the platform's user log folder (~/.local/state/consular-kiosk/log)."""
    if os.environ.get(DIR_VAR):
        return Path(os.environ[DIR_VAR])
    from platformdirs import user_log_path

    return user_log_path(APP_NAME, appauthor=False)


def setup_logging(program: str, *, directory: Path | None = None, level: str | int | None = None) -> Path:
    """Send the root logger to `<directory>/<program>.log` (JSON, rotated); returns the file's path.

    Calling it again replaces the earlier file handler (tests, a restarted main()).
    """
    directory = directory or log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{program}.log"
    stop_logging()
    root = logging.getLogger()
    # delay=True: the file is opened at the first record, not at import or start-up.
    file_handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                                        encoding="utf-8", delay=True)
    file_handler.set_name(_HANDLER_NAME)
    file_handler.setFormatter(JsonFormatter())
    # stderr keeps the short human form; under systemd it lands in the journal.
    stderr = logging.StreamHandler(sys.stderr)
    stderr.set_name(_HANDLER_NAME + "-stderr")
    stderr.setLevel(logging.WARNING)
    stderr.setFormatter(_RedactingFormatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(file_handler)
    root.addHandler(stderr)
    root.setLevel(level or os.environ.get(LEVEL_VAR, "INFO").upper())
    # Libraries chatter at INFO (SQL statements carry names and dates of birth): keep them at WARNING.
    for noisy in ("sqlalchemy", "PIL", "reportlab"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    sys.excepthook = _log_uncaught
    return path


def stop_logging() -> None:
    """Close and remove what `setup_logging` installed (tests; a program that hands over its logs)."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() in (_HANDLER_NAME, _HANDLER_NAME + "-stderr")]:
        root.removeHandler(old)
        old.close()
    if sys.excepthook is _log_uncaught:
        sys.excepthook = sys.__excepthook__


def _log_uncaught(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    # Into the file and, through the stderr handler, the journal (with the traceback) — once.
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    logging.getLogger("uncaught").critical("uncaught exception", exc_info=(kind, exc, tb))
