"""The clerk console's routes on the central service: staff sign in, then every desk call on central's session.

A console is told from a kiosk by its certificate (kiosk.central.pki.is_console: the post's CA
issued it with the clerk-console role) and is registered like a kiosk, so revoking it works the
same; the service gives a console only these routes and a kiosk none of them.

    POST /v1/desk/sign-in   {"username", "password"} → {"staff", "session", "central_time"}: central checks the
                            password (kiosk.services.clerk.staff_sign_in: its counting, delays and locks)
    POST /v1/desk/<method>  {"session", "args": [...], "kwargs": {...}} → {"result", "session"}: one desk method
                            of `METHODS` (kiosk.desk.ClerkServices), run on central
    POST /v1/desk/sign-out  {"session"} → {"signed_out": true, "central_time"}: the session ends on central

A session is a token central signs (kiosk.central.grants, the key never leaves central) naming the
staff member, the console's certificate id, when they signed in, a random session id and an idle
expiry; every answer carries a fresh one (same session id). The staff member, their role and the
time are central's: the token names the user, the staff table says the role now, central's clock
says the time; nothing in a payload is. An expired, forged, other console's or signed-out token is
401 SESSION_EXPIRED: the console goes back to sign-in.

Signing out writes the session's id to `ended_desk_sessions` in central's database (the service
process keeps nothing: several instances serve the same consoles), with an audit row; every desk
route reads it with the staff row, in the same statement. Only that session ends: the same clerk
signed in on another console stays signed in there.
"""

from __future__ import annotations

import json
import secrets
import tempfile
import typing
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from enum import Enum
from pathlib import Path
from types import NoneType, UnionType
from typing import Any, Protocol

from sqlalchemy import delete, exists, select
from sqlalchemy.exc import IntegrityError

from kiosk.central import desk_codec, grants
from kiosk.central.registry import KioskEntry
from kiosk.desk import SESSION_EXPIRED, ClerkServices
from kiosk.domain.errors import InputError, RuleError
from kiosk.services import audit, clerk
from kiosk.store.db import Database
from kiosk.store.staff import EndedDeskSession, Staff, StaffRole

SESSION = "desk"  # the grants' kind
IDLE = timedelta(minutes=30)  # a session unused this long ends (the console locks itself sooner: --idle-minutes)
LONGEST = timedelta(hours=12)  # and any session after a working day

# The desk's methods a console may call (kiosk.desk.ClerkServices); nothing else is ever dispatched.
METHODS = (
    "search", "case_view", "slots", "act", "check_qr", "cspa", "open_inquiries", "receive_document",
    "judge_document", "scans", "scan_pdf", "resolve", "days", "generate", "close_day", "shrink", "block",
    "slot_contacts", "day_contacts", "kiosks", "resolve_review", "write_off_loans", "alerts", "acknowledge_alert",
    "decide_command", "report", "export", "staff_list", "applicant_locks", "clear_lock", "unlock", "add_clerk",
)
# Reserved to supervisors by the console's screens, with no rule of the core's that checks it: checked here.
SUPERVISOR_ONLY = {"staff_list": "see the staff accounts"}
ACT_KEYWORDS = {"applicant_id", "decision", "slot_id", "language"}  # act(…, **kw): each a string


class Request(Protocol):
    """What a route gets from the service (kiosk.central.service.Request): the verified certificate's entry,
    central's clock, the JSON body."""

    kiosk: KioskEntry
    now: datetime
    body: dict[str, Any]


class SessionRefused(Exception):
    """No valid session: answered 401, and the console signs in again."""


class Session(typing.NamedTuple):
    """What a valid token names: the staff member as central knows them now, and the session's own facts."""

    staff: clerk.StaffView
    started: datetime
    session_id: str


# Each method's parameters and their declared types, read once (a call's arguments are checked against them).
_HINTS: dict[str, dict[str, Any]] = {name: typing.get_type_hints(getattr(ClerkServices, name)) for name in METHODS}


def _fits(value: Any, hint: Any) -> bool:
    """Does a decoded argument have the type the desk method declares (Any: anything the codec reads)."""
    if hint is Any:
        return True
    origin = typing.get_origin(hint)
    if origin in (UnionType, typing.Union):
        return any(_fits(value, h) for h in typing.get_args(hint))
    if origin is list:
        [item] = typing.get_args(hint)
        return isinstance(value, list) and all(_fits(v, item) for v in value)
    if hint is NoneType:
        return value is None
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is date:
        return isinstance(value, date) and not isinstance(value, datetime)
    if isinstance(hint, type) and (issubclass(hint, Enum) or hint in (str, float, bool, time, datetime)):
        return isinstance(value, hint)
    return False


def _arguments(method: str, body: dict[str, Any]) -> dict[str, Any]:
    """The method's arguments by name, each of the type it declares; InputError (400) saying which is not."""
    try:
        args, kwargs = desk_codec.decode(body.get("args", [])), desk_codec.decode(body.get("kwargs", {}))
    except desk_codec.CodecError as exc:
        raise InputError(f"{method}: {exc}", field="args") from None
    if not isinstance(args, list) or not isinstance(kwargs, dict) or not all(isinstance(k, str) for k in kwargs):
        raise InputError(f"{method}: args is a list and kwargs a map", field="args")
    hints = {k: v for k, v in _HINTS[method].items() if k != "return"}
    names = list(hints)
    if method == "act":  # act(action, number, reason, **kw): kw is the action's own few strings
        names = ["action", "number", "reason"]
        extra = {k: v for k, v in kwargs.items() if k not in names}
        if set(extra) - ACT_KEYWORDS or not all(isinstance(v, str) for v in extra.values()):
            raise InputError(f"act: keywords are {sorted(ACT_KEYWORDS)}, each a string", field="kwargs")
    elif set(kwargs) - set(names):
        raise InputError(f"{method}: no argument {sorted(set(kwargs) - set(names))}", field="kwargs")
    if len(args) > len(names) or set(names[:len(args)]) & set(kwargs):
        raise InputError(f"{method}: takes {names}", field="args")
    given = dict(zip(names, args, strict=False)) | kwargs
    for name in names:
        if name not in given:
            raise InputError(f"{method}: {name} is missing", field=name)
        if not _fits(given[name], hints[name]):
            raise InputError(f"{method}: {name} is not a {hints[name]}", field=name)
    return given


class DeskRoutes:
    """Mounted on the central service (CentralService.routes: the `desk` prefix)."""

    def __init__(self, central: Database, grant_key: Callable[[datetime], bytes]) -> None:
        self.central, self.grant_key = central, grant_key

    def __call__(self, r: Request, rest: str) -> tuple[int, Any]:
        if rest == "sign-in":
            return self.sign_in(r)
        if rest not in METHODS and rest != "sign-out":
            raise InputError(f"{rest!r} is not a desk method", field="method")
        try:
            session = self._session(r)
        except SessionRefused as exc:
            return 401, {"error": SESSION_EXPIRED, "message": str(exc)}
        if rest == "sign-out":
            return self.sign_out(r, session)
        staff = session.staff
        if rest in SUPERVISOR_ONLY and not staff.is_supervisor:
            raise RuleError("SUPERVISOR_ONLY", f"Only a supervisor may {SUPERVISOR_ONLY[rest]}.")
        given = _arguments(rest, r.body)
        with tempfile.TemporaryDirectory(prefix="desk-") as folder:
            out = Path(folder)
            desk = ClerkServices(db=self.central, out_dir=out / "reprints", clock=lambda: r.now, staff=staff)
            if rest == "export":  # written here under the file name asked for; the console writes it where it asked
                name = Path(given["path"]).name
                given["path"] = str(out / (name if name not in ("", ".", "..") else "report.csv"))
            try:
                result = getattr(desk, rest)(**given)
            except InputError:
                raise
            except ValueError as exc:  # a value the core refused (a language it does not have …): said, not a 500
                raise InputError(f"{rest}: {exc}", field=rest) from None
            answer = desk_codec.encode(result, file_of=lambda p: _file(out, p))
        return 200, {"result": answer, "session": self._token(r, staff.username, session.started, session.session_id)}

    def sign_in(self, r: Request) -> tuple[int, Any]:
        username, password = r.body.get("username"), r.body.get("password")
        if not isinstance(username, str) or not isinstance(password, str) or len(username) > 200 \
                or len(password) > 1000:
            raise InputError("a user name and a password", field="username")
        staff = clerk.staff_sign_in(self.central, username, password, now=r.now, console=r.kiosk.kiosk_id)
        session = self._token(r, staff.username, r.now, secrets.token_hex(16))
        return 200, {"staff": desk_codec.encode(staff), "session": session, "central_time": r.now.isoformat()}

    def sign_out(self, r: Request, session: Session) -> tuple[int, Any]:
        """End a session central signed for this console: listed as ended, refused by every route from now on."""
        staff = session.staff
        try:
            with self.central.transaction() as s:
                # Rows whose session is past its 12 hours are refused by their age alone: not needed any more.
                s.execute(delete(EndedDeskSession).where(EndedDeskSession.started_at < r.now - LONGEST))
                s.add(EndedDeskSession(session_id=session.session_id, username=staff.username,
                                       console_id=r.kiosk.kiosk_id, started_at=session.started, ended_at=r.now))
                audit.record(s, actor=staff.actor, action="staff.signed_out", now=r.now,
                             detail={"console": r.kiosk.kiosk_id})
        except IntegrityError:
            pass  # the same sign-out sent twice at once: the twin's row and audit row stand
        return 200, {"signed_out": True, "central_time": r.now.isoformat()}

    def _token(self, r: Request, username: str, started: datetime, session_id: str) -> str:
        subject = json.dumps([username, started.isoformat(), session_id])
        return grants.issue(self.grant_key(r.now), SESSION, subject, kiosk_id=r.kiosk.kiosk_id, now=r.now,
                            lifetime=IDLE)

    def _session(self, r: Request) -> Session:
        """The staff member as central knows them now, from a session central signed for this console and that
        nobody signed out of."""
        try:
            subject = grants.check(self.grant_key(r.now), r.body.get("session"), SESSION,
                                   kiosk_id=r.kiosk.kiosk_id, now=r.now)
        except grants.GrantRefused as exc:
            raise SessionRefused(f"your session has ended ({exc}): sign in again") from None
        named = json.loads(subject)
        if not isinstance(named, list) or len(named) != 3:  # a token of a version without session ids
            raise SessionRefused("your session has ended (central was updated): sign in again")
        username, started_text, session_id = named
        started = datetime.fromisoformat(started_text)
        if r.now - started > LONGEST:
            raise SessionRefused("your session has ended (12 hours since sign-in): sign in again")
        ended = exists().where(EndedDeskSession.session_id == session_id)
        with self.central.session() as s:  # one statement: the staff row and whether the session was ended
            found = s.execute(select(Staff, ended).where(Staff.username == username)).first()
            if found is None:
                raise SessionRefused("this staff account no longer exists")
            row, signed_out = found
            if signed_out:
                raise SessionRefused("your session has ended (signed out): sign in again")
            return Session(clerk.StaffView(row.username, row.display_name, StaffRole(row.role)), started, session_id)


def _file(folder: Path, path: Path) -> desk_codec.File:
    """A file the desk wrote in this request's folder (never any other path on central)."""
    path = Path(path)
    if not path.resolve().is_relative_to(folder.resolve()) or not path.is_file():
        raise desk_codec.CodecError("the desk answered with a path outside its own folder")
    return desk_codec.File(path.name, path.read_bytes())
