"""The clerk's desk through the central service: the same methods as kiosk.desk.ClerkServices, each one route.

A console configured with an https central (kiosk.console_config) holds no database credential:
its clerk signs in to the service, which answers a session (kiosk.central.desk_routes) that every
later call carries; the staff member, their role and the time are central's. Files the desk
writes on central (a reprinted confirmation, an exported report) come back as bytes and are
written here, where the screens expect them (`out_dir`, the path the clerk chose).

Every call is blocking I/O with the client's deadline: the console's screens run it on their
worker (ui/worker.py). What goes wrong is said as a RuleError (code and message, as the console
shows every refusal): SESSION_EXPIRED (sign in again), CENTRAL_UNREACHABLE, CENTRAL_REFUSED. Signing out ends the session on
central too (POST /v1/desk/sign-out), so a copy of its token is worth nothing from then on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as time_of_day
from pathlib import Path
from typing import Any

from kiosk.central import desk_codec
from kiosk.central.client import CentralRefused, RemoteCentral, _Lost, _reply
from kiosk.desk import SESSION_EXPIRED, KiosksOverview
from kiosk.domain.errors import RuleError
from kiosk.services import clerk
from kiosk.services.budgets import AlertView
from kiosk.services.confirmation import ConfirmationCheck, write_atomically
from kiosk.services.inquiries import InquiryRecord
from kiosk.services.slots import SlotView
from kiosk.store.alerts import FailureState
from kiosk.sync.errors import CentralUnreachable
from kiosk.sync.failures import FailedView

CENTRAL_UNREACHABLE, CENTRAL_REFUSED = "CENTRAL_UNREACHABLE", "CENTRAL_REFUSED"


class SessionExpired(RuleError):
    """Central holds no session for this console's clerk any more (idle, too long, signed out): sign in again."""

    def __init__(self, message: str) -> None:
        super().__init__(SESSION_EXPIRED, message)


class RemoteDesk:
    """The console's desk on the central service. `demo` is always False: central is never the demo."""

    demo = False

    def __init__(self, remote: RemoteCentral, out_dir: Path, *, idle_lock_minutes: float = 5.0) -> None:
        self.remote, self.out_dir, self.idle_lock_minutes = remote, Path(out_dir), idle_lock_minutes
        self._staff: clerk.StaffView | None = None
        self._session: str | None = None
        self._offset: timedelta | None = None  # central's clock minus this machine's, learnt at sign-in

    @property
    def staff(self) -> clerk.StaffView | None:
        return self._staff

    @staff.setter
    def staff(self, who: clerk.StaffView | None) -> None:
        """The window sets it at sign-in and clears it at sign-out: then the session is forgotten here."""
        self._staff = who
        if who is None:
            self._session = None

    def now(self) -> datetime:
        """Central's clock at the post (as learnt at sign-in; read on the GUI thread, so never a call)."""
        local = datetime.now()
        return (local + self._offset if self._offset is not None else local).replace(second=0, microsecond=0)

    @property
    def reports_dir(self) -> Path:
        return self.out_dir.parent / "reports"

    def close(self) -> None:
        self.remote.close()

    def sign_in(self, username: str, password: str) -> clerk.StaffView:
        data = self._post("sign-in", {"username": username, "password": password}, write=False)
        staff = self._read(data.get("staff"))
        if not isinstance(staff, clerk.StaffView) or not isinstance(data.get("session"), str):
            raise RuleError(CENTRAL_UNREACHABLE, "central's answer to the sign-in could not be read")
        self._session = data["session"]
        try:
            self._offset = datetime.fromisoformat(str(data.get("central_time"))) - datetime.now()
        except ValueError:
            self._offset = None
        return staff

    def sign_out(self) -> Callable[[], None] | None:
        """Forget the session here at once (no call: the GUI thread signs out); returns the call that ends it on
        central, blocking, for the worker. None when there is no session to end (already ended or refused)."""
        token, self._session, self._staff = self._session, None, None
        if token is None:
            return None

        def end() -> None:
            self._post("sign-out", {"session": token}, write=True)

        return end

    # -- cases ----------------------------------------------------------------------------------
    def search(self, text: str) -> list[clerk.CaseHit]:
        return self._call("search", False, text)

    def case_view(self, number: str) -> clerk.CaseView:
        return self._call("case_view", False, number)

    def slots(self) -> list[SlotView]:
        return self._call("slots", False)

    def act(self, action: str, number: str, reason: str, **kw: Any) -> Any:
        result = self._call("act", True, action, number, reason, **kw)
        return self._place(result, self.out_dir)

    def check_qr(self, payload: str) -> ConfirmationCheck:
        return self._call("check_qr", False, payload)

    def cspa(self, number: str, applicant_id: str) -> clerk.ChildCspa:
        return self._call("cspa", False, number, applicant_id)

    # -- inquiries ------------------------------------------------------------------------------
    def open_inquiries(self, kind: str | None) -> list[InquiryRecord]:
        return self._call("open_inquiries", False, kind)

    def receive_document(self, reference: str, document: str, reason: str) -> InquiryRecord:
        return self._call("receive_document", True, reference, document, reason)

    def judge_document(self, reference: str, document: str, verdict: str, reason: str) -> Any:
        return self._call("judge_document", True, reference, document, verdict, reason)

    def scans(self, reference: str) -> list[Any]:
        return self._call("scans", False, reference)

    def scan_pdf(self, document_id: str) -> bytes:
        return self._call("scan_pdf", False, document_id)

    def resolve(self, reference: str, outcome: str) -> InquiryRecord:
        return self._call("resolve", True, reference, outcome)

    # -- the post's calendar --------------------------------------------------------------------
    def days(self, start: date, end: date) -> list[clerk.DayLoad]:
        return self._call("days", False, start, end)

    def generate(self, start: date, end: date, times: list[time_of_day], seats: int, reason: str) -> int:
        return self._call("generate", True, start, end, times, seats, reason)

    def close_day(self, day: date, reason: str) -> None:
        self._call("close_day", True, day, reason)

    def shrink(self, slot_id: str, seats: int, reason: str) -> None:
        self._call("shrink", True, slot_id, seats, reason)

    def block(self, slot_id: str, reason: str) -> int:
        return self._call("block", True, slot_id, reason)

    def slot_contacts(self, slot_id: str) -> list[clerk.Contact]:
        return self._call("slot_contacts", False, slot_id)

    def day_contacts(self, day: date) -> list[clerk.Contact]:
        return self._call("day_contacts", False, day)

    # -- kiosks and their seat loans ------------------------------------------------------------
    def kiosks(self) -> KiosksOverview:
        return self._call("kiosks", False)

    def resolve_review(self, review_id: int, reason: str) -> None:
        self._call("resolve_review", True, review_id, reason)

    def write_off_loans(self, kiosk_id: str, reason: str) -> int:
        return self._call("write_off_loans", True, kiosk_id, reason)

    def alerts(self) -> tuple[list[AlertView], list[FailedView]]:
        return self._call("alerts", False)

    def acknowledge_alert(self, alert_id: int) -> None:
        self._call("acknowledge_alert", True, alert_id)

    def decide_command(self, command_id: str, state: FailureState, reason: str) -> None:
        self._call("decide_command", True, command_id, state, reason)

    # -- reports and staff ----------------------------------------------------------------------
    def report(self, name: str, start: date, end: date) -> clerk.Report:
        return self._call("report", False, name, start, end)

    def export(self, name: str, start: date, end: date, path: str) -> tuple[Path, int]:
        written, rows = self._call("export", True, name, start, end, Path(path).name)
        return self._place(written, Path(path).parent), rows

    def staff_list(self) -> list[clerk.StaffLine]:
        return self._call("staff_list", False)

    def applicant_locks(self) -> list[clerk.LockLine]:
        return self._call("applicant_locks", False)

    def clear_lock(self, kind: str, key: str, reason: str) -> None:
        self._call("clear_lock", True, kind, key, reason)

    def unlock(self, username: str, reason: str) -> clerk.StaffLine:
        return self._call("unlock", True, username, reason)

    def add_clerk(self, username: str, password: str, display_name: str, reason: str) -> clerk.StaffView:
        return self._call("add_clerk", True, username, password, display_name, reason)

    # -- plumbing -------------------------------------------------------------------------------
    def _call(self, method: str, write: bool, *args: Any, **kwargs: Any) -> Any:
        if self._session is None:
            raise SessionExpired("Nobody is signed in on this console: sign in.")
        sent = self._session
        body = {"session": sent, "args": desk_codec.encode(list(args)), "kwargs": desk_codec.encode(kwargs)}
        data = self._post(method, body, write=write)
        if isinstance(data.get("session"), str) and self._session == sent:
            # The idle expiry starts again; not after a sign-out (or the next clerk's sign-in) meanwhile.
            self._session = data["session"]
        return self._read(data.get("result"))

    def _post(self, route: str, body: dict[str, Any], *, write: bool) -> dict[str, Any]:
        until = time.monotonic() + self.remote.deadline
        try:
            r = self.remote._send("POST", f"/v1/desk/{route}", body, until)
            if r.status_code == 401:
                if body.get("session") == self._session:  # the refused one (not a later sign-in's)
                    self._session = None
                raise SessionExpired(_message(r) or "Your session on central has ended: sign in again.")
            if r.status_code == 403:  # not registered, revoked, or not a console's certificate
                raise RuleError(CENTRAL_REFUSED, f"Central refused this console: {_message(r) or r.status_code}")
            return _reply(r)[1]
        except _Lost as lost:
            if write:  # sent, and the answer lost: done or not is not known, and saying either would be a guess
                raise RuleError(CENTRAL_UNREACHABLE, f"Central's answer did not come back ({lost}); it may or may "
                                "not have been done: look at the case or the screen again before repeating it.") from None
            raise RuleError(CENTRAL_UNREACHABLE, f"Central did not answer in time ({lost}); try again.") from None
        except CentralRefused as exc:
            raise RuleError(CENTRAL_REFUSED, f"Central refused this console: {exc.message}") from None
        except CentralUnreachable as exc:  # nothing was sent
            raise RuleError(CENTRAL_UNREACHABLE, f"Central cannot be reached ({exc}); nothing was done.") from None

    def _read(self, data: Any) -> Any:
        try:
            return desk_codec.decode(data)
        except desk_codec.CodecError as exc:
            raise RuleError(CENTRAL_UNREACHABLE, f"Central's answer could not be read ({exc}).") from None

    @staticmethod
    def _place(value: Any, folder: Path) -> Any:
        """A file central sent, written in `folder` (created on first use); its path instead of it."""
        if not isinstance(value, desk_codec.File):
            return value
        name = Path(value.name).name
        if name in ("", ".", ".."):
            raise RuleError(CENTRAL_UNREACHABLE, "central sent a file without a name")
        folder.mkdir(parents=True, exist_ok=True)
        return write_atomically(folder / name, value.data)  # whole or not at all


def _message(r: Any) -> str:
    try:
        data = r.json()
    except ValueError:  # not JSON: the caller says it in its own words
        return ""
    return str(data.get("message", "")) if isinstance(data, dict) else ""
