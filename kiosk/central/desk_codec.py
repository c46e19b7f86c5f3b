"""The clerk's desk over the wire: its arguments and answers as JSON, and back, for an allow-list of types only.

The desk's answers are frozen dataclasses, named tuples, enums, dates and times, bytes, and the
applicants' rows of a case (an ORM class, sent as its columns). Each is written with its type's
short name; reading back builds only a type named in `TYPES` (no import by name, nothing else
is ever constructed), so a hostile or garbled reply is a clear error, never arbitrary code.

A file the desk wrote (a reprinted confirmation, an exported report) travels as its name and
bytes (`File`); the console writes it where its screens expect it (kiosk.central.remote_desk).
"""

from __future__ import annotations

import base64
import dataclasses
from collections.abc import Callable
from datetime import date, datetime, time
from enum import Enum
from pathlib import Path
from typing import Any

from kiosk.desk import KiosksOverview
from kiosk.domain.appointment import AppointmentFacts
from kiosk.domain.cspa import CspaAge, CspaStatus
from kiosk.domain.model import BookedVia, Cspa, Decision, Evaluation, Finding, InquiryKind, Role
from kiosk.escrow.lending import Loan
from kiosk.escrow.overview import KioskHealth, ReviewView
from kiosk.pdf.qrsign import QrClaims, Verdict
from kiosk.services.audit import AuditEntry
from kiosk.services.budgets import AlertView
from kiosk.services.clerk import (
    BookingLine, CaseHit, CaseView, ChildCspa, Contact, DayLoad, LockLine, Report, StaffLine, StaffView,
)
from kiosk.services.clerk.calendar import SlotLoad
from kiosk.services.confirmation import ConfirmationCheck, ConfirmationState
from kiosk.services.documents import ScanRecord
from kiosk.services.inquiries import DocumentRecord, InquiryRecord
from kiosk.services.results import BookingResult, CancelResult
from kiosk.services.slots import SlotView
from kiosk.store.alerts import FailureState
from kiosk.store.inquiries import DocumentStatus, InquiryStatus
from kiosk.store.loans import ReviewStatus
from kiosk.store.models import ApplicantRow
from kiosk.store.staff import StaffRole
from kiosk.sync.failures import FailedView


class CodecError(ValueError):
    """A value outside the allow-list, or a reply that is not the desk's."""


@dataclasses.dataclass(frozen=True)
class File:
    """A file the desk wrote on central, on its way to the console: its name (no folder) and its bytes."""

    name: str
    data: bytes


_CLASSES: tuple[type, ...] = (
    KiosksOverview, AppointmentFacts, CspaAge, Evaluation, Finding, Loan, KioskHealth, ReviewView, QrClaims, AuditEntry,
    AlertView, BookingLine, CaseHit, CaseView, ChildCspa, Contact, DayLoad, LockLine, Report, StaffLine, StaffView,
    SlotLoad, ConfirmationCheck, ScanRecord, DocumentRecord, InquiryRecord, SlotView, FailedView, ApplicantRow, File,
    BookingResult, CancelResult,
)
_ENUMS: tuple[type[Enum], ...] = (
    CspaStatus, BookedVia, Cspa, Decision, InquiryKind, Role, Verdict, ConfirmationState, FailureState, DocumentStatus,
    InquiryStatus, ReviewStatus, StaffRole,
)
TYPES: dict[str, type] = {c.__name__: c for c in (*_CLASSES, *_ENUMS)}
assert len(TYPES) == len(_CLASSES) + len(_ENUMS), "two allowed types share a name"


def encode(value: Any, file_of: Callable[[Path], File] | None = None) -> Any:
    """`value` as JSON-ready data. `file_of` turns a path the desk wrote into a File (central's side only):
    without it a path is refused, so no path on one machine is ever taken for a file on another."""

    def enc(v: Any) -> Any:
        if v is None or isinstance(v, bool | int | float) and not isinstance(v, Enum):
            return v
        if isinstance(v, Enum):
            if type(v) not in _ENUMS:
                raise CodecError(f"{type(v).__name__} is not a type the desk sends")
            return {"$e": type(v).__name__, "v": v.value}
        if isinstance(v, str):
            return v
        if isinstance(v, datetime):
            return {"$dt": v.isoformat()}
        if isinstance(v, date):
            return {"$d": v.isoformat()}
        if isinstance(v, time):
            return {"$tm": v.isoformat()}
        if isinstance(v, bytes):
            return {"$b": base64.b64encode(v).decode()}
        if isinstance(v, Path):
            if file_of is None:
                raise CodecError("a path is sent only as the file it names")
            return enc(file_of(v))
        if isinstance(v, list):
            return [enc(x) for x in v]
        if isinstance(v, tuple) and type(v) is tuple:
            return {"$tu": [enc(x) for x in v]}
        if isinstance(v, dict):
            return {"$m": [[enc(k), enc(x)] for k, x in v.items()]}
        name = type(v).__name__
        if TYPES.get(name) is not type(v):
            raise CodecError(f"{name} is not a type the desk sends")
        if isinstance(v, tuple):  # a named tuple
            return {"$t": name, "v": [enc(x) for x in v]}
        if dataclasses.is_dataclass(v):
            return {"$t": name, "f": {f.name: enc(getattr(v, f.name)) for f in dataclasses.fields(v) if f.init}}
        columns = v.__table__.columns  # type: ignore[attr-defined]  # an ORM row (ApplicantRow): its columns, never its relationships
        return {"$t": name, "f": {c.key: enc(getattr(v, c.key)) for c in columns}}

    return enc(value)


def decode(data: Any) -> Any:
    """The value `encode` wrote; CodecError for anything else (an unknown type, a field it does not have)."""
    try:
        return _dec(data)
    except CodecError:
        raise
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise CodecError(f"not the desk's data ({type(exc).__name__}: {exc})") from None


def _dec(d: Any) -> Any:
    if d is None or isinstance(d, bool | int | float | str):
        return d
    if isinstance(d, list):
        return [_dec(x) for x in d]
    if not isinstance(d, dict) or len(d) > 2:
        raise CodecError("not the desk's data")
    if "$dt" in d:
        return datetime.fromisoformat(d["$dt"])
    if "$d" in d:
        return date.fromisoformat(d["$d"])
    if "$tm" in d:
        return time.fromisoformat(d["$tm"])
    if "$b" in d:
        return base64.b64decode(d["$b"], validate=True)
    if "$tu" in d:
        return tuple(_dec(x) for x in d["$tu"])
    if "$m" in d:
        return {_dec(k): _dec(x) for k, x in d["$m"]}
    kind = TYPES.get(d.get("$e") or d.get("$t") or "")
    if kind is None:
        raise CodecError(f"{d.get('$e') or d.get('$t')!r} is not a type the desk sends")
    if "$e" in d:
        if not issubclass(kind, Enum):
            raise CodecError(f"{kind.__name__} is not an enum")
        return kind(d["v"])
    if "v" in d and issubclass(kind, tuple):
        return kind(*(_dec(x) for x in d["v"]))
    fields = d.get("f")
    if not isinstance(fields, dict):
        raise CodecError("not the desk's data")
    return kind(**{str(k): _dec(x) for k, x in fields.items()})
