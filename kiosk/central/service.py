"""The central service's HTTP interface (WSGI): who is asking (the verified certificate), then one short transaction.

Every request:
1. the TLS layer has verified a client certificate against the post's CA (gunicorn,
   `cert_reqs=CERT_REQUIRED`); the app reads it from the connection and finds the kiosk in
   central's registry (kiosk.central.registry): unknown, revoked or superseded → 403, nothing else;
2. the kiosk's clock (`Kiosk-Time` header) is compared with central's: more than
   `MAX_SKEW` apart → 409 CLOCK_SKEW, nothing done (central's clock is used for every rule;
   the kiosk's is recorded);
3. the route runs in its own short transaction on central; a database timeout answers 503.

Routes (JSON):
    GET  /v1/hello                 → {"kiosk_id", "central_time"}
    POST /v1/commands              {"id", "kind", "payload"} → {"status", "result"}
    GET  /v1/commands/<id>         → {"status", "result"} or 404 {"status": "unknown"} (never applied)
    POST /v1/loans                 {"reported_at": ISO | null} → {"key": hex, "loans": [...], "cap", "seal_key": hex}
    POST /v1/pull                  {"seen": {...}, "batch": n} → a batch of changed rows, or {"mismatch": why}
    POST /v1/copy                  {} → {"seen", "tables": {name: [rows]}}: every synced row from one snapshot, for a
                                   cache that no longer matches central (kiosk.sync.resync)
    POST /v1/progress              {"last_revision", "oldest_pending": ISO | null} → {} (for compaction)
    POST /v1/accounts              {"username", "password"} → {"id", "username"}: made and hashed on central,
                                   under the chosen name with a random tag (accounts.sign_up)
    POST /v1/accounts/sign-in      {"username", "password"} → {"id", "username", "grant"} (central counts, delays,
                                   locks; both account routes answer with an account grant: kiosk.central.grants)
    POST /v1/account-cases         {"account": grant, "letter": grant} → {}: the case whose letter was checked is
                                   remembered on the account that signed in (kiosk.services.account_cases)
    POST /v1/account-cases/list    {"account": grant} → {"cases": [{"case_number", "reference", "appointment"}]}
    POST /v1/confirmations         {"case_number", "language", "account": grant?} → the PDF, signed on central with the post's key
                                   (with the user name of the account grant, when one is sent and holds)
    POST /v1/decisions             {"failed": [ids]} → {"decided": {id: {"state", "note", "by"}}}: clerks' retry/resolve
    POST /v1/letters               {"case", "dob", "has_letter", "visit"} → {"case_number", "grant"}: central counts the misses
                                   (per case number, visit, kiosk and post: kiosk.services.budgets)
    POST /v1/slots                 {"need", "start", "end"} → {"slots": [...]}: bookable at central's now
    POST /v1/known                 {"ids": [command ids]} → {"central_id", "commands_kept_since", "known": [ids]}:
                                   which of this kiosk's commands central still has (after a restore: kiosk.sync.replay)
    POST /v1/evaluations           {"case_number", "today": ISO | null, "has_letter"} → `eligibility --json`'s object
                                   (read only; today: a what-if date, else central's): for a case the cache keeps sealed
A rule's refusal is 422 {"error": CODE, "message"}.
The clerk console's routes (a console's certificate only): kiosk.central.desk_routes.
There is deliberately no route that returns the post's signing key or another kiosk's anything.
"""

from __future__ import annotations

import json
import logging
import ssl
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from cryptography import x509
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from kiosk.central import commands, grants, wire
from kiosk.central.desk_routes import DeskRoutes
from kiosk.central.pki import is_console
from kiosk.central.registry import KioskEntry, identify
from kiosk.domain.appointment import to_post_time
from kiosk.domain.dates import parse_case_number
from kiosk.domain.errors import InputError, RuleError
from kiosk.services import account_cases, accounts, budgets, letter
from kiosk.services.confirmation import confirmation_pdf
from kiosk.services.evaluation import evaluate_case
from kiosk.services.slots import bookable_slots
from kiosk.escrow import lending
from kiosk.services.signing import kiosk_key
from kiosk.sync.sealed import central_public_key
from kiosk.store.post_zone import post_zone
from kiosk.store.alerts import Alert
from kiosk.store.db import Database
from kiosk.store.sync_tables import AppliedCommand, OutboxCommand, OutboxStatus
from kiosk.sync import failures
from kiosk.sync.errors import CentralUnreachable, is_connection_error
from kiosk.store.sync_marks import KioskProgress
from kiosk.sync.central_marks import Mismatch, read_mark
from kiosk.sync.pull import read_batch
from kiosk.sync.resync import read_copy
from kiosk.sync.rows import upsert

log = logging.getLogger(__name__)

MAX_SKEW = timedelta(minutes=5)
MAX_BODY = 1 << 20  # 1 MiB: a command with scanned documents fits; anything larger is refused unread
MAX_BATCH = 5000  # change-log entries per pull reply
KIOSK_TIME = "HTTP_KIOSK_TIME"  # the `Kiosk-Time` request header as WSGI names it

StartResponse = Callable[..., Any]


class HttpError(Exception):
    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra


_REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
            409: "Conflict", 413: "Content Too Large", 422: "Unprocessable Content", 503: "Service Unavailable"}


@dataclass
class Request:
    method: str
    path: str
    kiosk: KioskEntry
    kiosk_time: datetime
    now: datetime  # central's clock
    body: dict[str, Any]


def peer_certificate(environ: dict[str, Any]) -> x509.Certificate | None:
    """The client certificate the TLS layer verified on this connection (gunicorn hands the app its socket)."""
    sock = environ.get("gunicorn.socket")
    if not isinstance(sock, ssl.SSLSocket):
        return None
    der = sock.getpeercert(binary_form=True)
    return x509.load_der_x509_certificate(der) if der else None


class CentralService:
    """The WSGI application; `clock` is central's wall clock at the post (naive, like every `now` here)."""

    def __init__(self, central: Database, *, clock: Callable[[], datetime] | None = None,
                 certificate: Callable[[dict[str, Any]], x509.Certificate | None] = peer_certificate) -> None:
        self.central = central
        self.clock = clock or self.post_clock
        self._zone: str | None = None  # the post's IANA zone, read once it exists
        self.certificate = certificate
        self.routes: dict[tuple[str, str], Callable[[Request, str], tuple[int, Any]]] = {
            ("GET", "hello"): self.hello, ("POST", "commands"): self.push, ("GET", "commands"): self.outcome,
            ("POST", "loans"): self.loans, ("POST", "pull"): self.pull, ("POST", "copy"): self.copy, ("POST", "progress"): self.progress,
            ("POST", "accounts"): self.accounts, ("POST", "confirmations"): self.confirmation,
            ("POST", "letters"): self.letters, ("POST", "slots"): self.slots, ("POST", "decisions"): self.decisions,
            ("POST", "known"): self.known, ("POST", "evaluations"): self.evaluation,
            ("POST", "account-cases"): self.account_cases,
            ("POST", "desk"): DeskRoutes(central, self.grant_key),  # the clerk console's (kiosk.central.desk_routes)
        }
        self._grant_key: bytes | None = None  # central's key for visit grants, read once it exists

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        try:
            status, body = self._handle(environ)
        except HttpError as exc:
            status, body = exc.status, {"error": exc.code, "message": exc.message, **exc.extra}
        except DBAPIError as exc:  # statement/lock timeout, lost database: nothing was committed
            log.warning("database error: %s", type(exc.orig).__name__ if exc.orig else type(exc).__name__)
            status, body = 503, {"error": "BUSY", "message": "central's database did not answer in time"}
        kind = "application/pdf" if isinstance(body, bytes) else "application/json"
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        start_response(f"{status} {_REASONS.get(status, '')}",
                       [("Content-Type", kind), ("Content-Length", str(len(data))), ("Cache-Control", "no-store")])
        return [data]

    def _handle(self, environ: dict[str, Any]) -> tuple[int, Any]:
        cert = self.certificate(environ)
        kiosk = identify(self.central, cert) if cert is not None else None
        if kiosk is None:
            raise HttpError(403, "UNKNOWN_KIOSK", "this certificate is not registered for an active kiosk")
        now = self.clock()
        kiosk_time = self._kiosk_time(environ.get(KIOSK_TIME), now)
        if abs(kiosk_time - now) > MAX_SKEW:
            log.warning("kiosk %s: clock %s, central %s", kiosk.kiosk_id, kiosk_time, now)
            _alert_clock(self.central, kiosk.kiosk_id, now)
            raise HttpError(409, "CLOCK_SKEW", f"the kiosk's clock is {kiosk_time:%Y-%m-%d %H:%M}, central's "
                                               f"{now:%Y-%m-%d %H:%M}; set the kiosk's clock (NTP)")
        parts = environ.get("PATH_INFO", "").strip("/").split("/")
        if len(parts) < 2 or parts[0] != "v1":
            raise HttpError(404, "NO_ROUTE", "no such route")
        method = environ.get("REQUEST_METHOD", "GET")
        route = self.routes.get((method, parts[1]))
        if route is None:
            raise HttpError(404 if all(p != parts[1] for _m, p in self.routes) else 405, "NO_ROUTE", "no such route")
        if (parts[1] == "desk") != is_console(cert):  # a console gets the desk's routes only, a kiosk none of them
            raise HttpError(403, "WRONG_ROLE", "this certificate's role may not use this route")
        request = Request(method, environ.get("PATH_INFO", ""), kiosk, kiosk_time, now, _body(environ, method))
        try:
            return route(request, "/".join(parts[2:]))
        except letter.LookupMissed as exc:  # the one message for every miss, and the tries left
            raise HttpError(400, "BAD_INPUT", str(exc), field=exc.field, tries_left=exc.tries_left,
                            to_counter=exc.to_counter) from None
        except budgets.Throttled as exc:  # the visit's, kiosk's or post's budget: when to try again
            raise HttpError(422, exc.code, exc.message, wait_seconds=exc.wait_seconds) from None
        except letter.LookupLocked as exc:
            raise HttpError(422, exc.code, exc.message, until=exc.until.isoformat()) from None
        except InputError as exc:
            raise HttpError(400, "BAD_INPUT", str(exc), field=exc.field) from None
        except accounts.AccountError as exc:  # when the kiosk may let the applicant try again
            locked = exc.locked_until.isoformat() if exc.locked_until else None
            raise HttpError(422, exc.code, exc.message, delay_seconds=exc.delay_seconds, locked_until=locked,
                            attempts_left=exc.attempts_left) from None
        except RuleError as exc:  # a rule's refusal (no booking …): said as the rule says it
            raise HttpError(422, exc.code, exc.message) from None
        except grants.GrantRefused as exc:
            raise HttpError(403, "NO_GRANT", str(exc)) from None

    def post_clock(self) -> datetime:
        """Central's clock as the post's wall time (every rule's `now`), whatever zone the machine is set to."""
        if self._zone is None:
            with self.central.session() as s:
                self._zone = post_zone(s)
        return to_post_time(datetime.now(UTC), self._zone or "UTC").replace(microsecond=0)

    def _kiosk_time(self, value: str | None, now: datetime) -> datetime:
        """The kiosk's clock on the post's wall (a zoned time is converted; a naive one is post-local already)."""
        if not value:
            raise HttpError(400, "NO_KIOSK_TIME", "every request carries the kiosk's clock in a Kiosk-Time header")
        try:
            t = datetime.fromisoformat(value)
        except ValueError:
            raise HttpError(400, "NO_KIOSK_TIME", "the Kiosk-Time header is not an ISO time") from None
        if t.tzinfo is None:
            return t
        # The same instant on central's clock, shifted by the difference between the two clocks.
        return now + (t - datetime.now(UTC))

    # -- routes -------------------------------------------------------------------------------------

    def hello(self, r: Request, _rest: str) -> tuple[int, dict[str, Any]]:
        return 200, {"kiosk_id": r.kiosk.kiosk_id, "central_time": r.now.isoformat()}

    def push(self, r: Request, _rest: str) -> tuple[int, dict[str, Any]]:
        payload = r.body.get("payload")
        if not isinstance(payload, dict):
            raise InputError("a command needs a payload object", field="payload")
        command_id, kind = str(r.body.get("id")), str(r.body.get("kind"))
        try:
            outcome = commands.apply(self.central, command_id=command_id, kind=kind, payload=payload,
                                     kiosk_id=r.kiosk.kiosk_id, now=r.now, kiosk_time=r.kiosk_time)
        except InputError:
            raise
        except Exception as exc:
            if isinstance(exc, DBAPIError) and is_connection_error(exc):
                raise  # a timeout or a lost database: 503, the outcome is asked for again by the command's id
            error = failures.describe(exc)
            log.error("command %s (%s) from %s failed: %s", command_id, kind, r.kiosk.kiosk_id, error)
            failed = OutboxCommand(id=command_id, kind=kind[:16], created_at=r.now)  # never added to a session
            failures.record_on_central(self.central, failed, r.kiosk.kiosk_id, error, r.now)
            outcome = commands.Outcome(OutboxStatus.FAILED, {"error": failures.FAILED, "message": error})
        return 200, outcome.to_dict()

    def outcome(self, r: Request, command_id: str) -> tuple[int, dict[str, Any]]:
        found = commands.outcome_of(self.central, command_id, kiosk_id=r.kiosk.kiosk_id)
        if found is None:
            return 404, {"status": "unknown"}
        return 200, found.to_dict()

    def loans(self, r: Request, _rest: str) -> tuple[int, dict[str, Any]]:
        reported = r.body.get("reported_at")
        try:
            reported_at = datetime.fromisoformat(reported) if isinstance(reported, str) else None
        except ValueError:
            raise InputError("reported_at is not a time", field="reported_at") from None
        if reported_at is not None:  # the kiosk's fence, in its own clock: never after central's now
            reported_at = min(reported_at, r.now)
        with self.central.transaction() as s:
            key = kiosk_key(s, r.kiosk.kiosk_id, now=r.now)
            seal_key = central_public_key(s, now=r.now)  # what the kiosk seals personal fields to
        loans = lending.refresh(self.central, kiosk_id=r.kiosk.kiosk_id, now=r.now, reported_at=reported_at,
                                cap=r.kiosk.loan_cap)
        return 200, {"key": key.hex(), "cap": r.kiosk.loan_cap, "loans": [loan.to_dict() for loan in loans],
                     "seal_key": seal_key.hex()}


    def pull(self, r: Request, _rest: str) -> tuple[int, dict[str, Any]]:
        try:
            seen = wire.seen_from_dict(r.body.get("seen"))
        except ValueError as exc:
            raise InputError(str(exc), field="seen") from None
        size = r.body.get("batch", 1000)
        if not isinstance(size, int) or not 1 <= size <= MAX_BATCH:
            raise InputError(f"batch: 1 to {MAX_BATCH} entries", field="batch")
        b = read_batch(self.central, None, seen, size)
        if isinstance(b, Mismatch):
            return 200, {"mismatch": str(b)}
        return 200, wire.batch_to_dict(b)  # as caches keep them (read_batch: sealed, no inquiry's words)

    def copy(self, r: Request, _rest: str) -> tuple[int, dict[str, Any]]:
        """A whole copy, read in one short snapshot and sent after it ended (no transaction waits on the kiosk)."""
        try:
            copy = read_copy(self.central)  # as a pull: only what a cache keeps
        except CentralUnreachable:
            raise HttpError(503, "BUSY", "central's database did not answer in time") from None
        return 200, wire.copy_to_dict(copy)

    def progress(self, r: Request, _rest: str) -> tuple[int, dict[str, Any]]:
        revision, oldest = r.body.get("last_revision"), r.body.get("oldest_pending")
        if not isinstance(revision, int) or revision < 0:
            raise InputError("last_revision: a revision number", field="last_revision")
        # The kiosk's clock may differ from central's by up to MAX_SKEW: compaction may forget only
        # commands applied surely before the oldest one the kiosk may still send.
        try:
            acked = min(datetime.fromisoformat(oldest), r.now) if isinstance(oldest, str) else r.now
            acked -= MAX_SKEW
        except ValueError:
            raise InputError("oldest_pending is not a time", field="oldest_pending") from None
        row = {"kiosk_id": r.kiosk.kiosk_id, "last_revision": revision, "acked_before": acked, "reported_at": r.now}
        with self.central.transaction() as s:
            upsert(s.connection(), KioskProgress.__table__, [row], False)
        return 200, {}


    def accounts(self, r: Request, rest: str) -> tuple[int, Any]:
        username, password = r.body.get("username"), r.body.get("password")
        if not isinstance(username, str) or not isinstance(password, str):
            raise InputError("a user name and a password", field="username")
        kiosk = r.kiosk.kiosk_id  # the certificate's: the per-kiosk budgets count under it (kiosk.services.budgets)
        if rest == "sign-in":
            view = accounts.sign_in(self.central, username, password, now=r.now, kiosk_id=kiosk)
        elif rest == "":  # the chosen name with a random tag: the answer never says whether a name exists
            view = accounts.sign_up(self.central, username, password, now=r.now, kiosk_id=kiosk)
        else:
            raise HttpError(404, "NO_ROUTE", "no such route")
        grant = grants.issue(self.grant_key(r.now), grants.ACCOUNT, view.username, kiosk_id=kiosk, now=r.now)
        return 200, {"id": view.id, "username": view.username, "grant": grant}

    def account_cases(self, r: Request, rest: str) -> tuple[int, Any]:
        """Link a case to an account, or list an account's cases: only with central's grants for both (this kiosk)."""
        key, kiosk = self.grant_key(r.now), r.kiosk.kiosk_id
        username = grants.check(key, r.body.get("account"), grants.ACCOUNT, kiosk_id=kiosk, now=r.now)
        if rest == "":
            number = grants.check(key, r.body.get("letter"), grants.LETTER, kiosk_id=kiosk, now=r.now)
            with self.central.transaction() as s:
                account_cases.link_case(s, username, number, now=r.now)
            return 200, {}
        if rest != "list":
            raise HttpError(404, "NO_ROUTE", "no such route")
        with self.central.session() as s:
            found = account_cases.cases_of(s, username, now=r.now)
        return 200, {"cases": [wire.your_case_to_wire(c) for c in found]}

    def grant_key(self, now: datetime) -> bytes:
        if self._grant_key is None:
            self._grant_key = grants.grant_key(self.central, now=now)
        return self._grant_key

    def confirmation(self, r: Request, _rest: str) -> tuple[int, Any]:
        number, language = r.body.get("case_number"), r.body.get("language", "en")
        if not isinstance(number, str) or not isinstance(language, str):
            raise InputError("a case number and a language", field="case_number")
        account = None
        if "account" in r.body:  # the user name the visit signed in with: central's own grant names it
            try:
                account = grants.check(self.grant_key(r.now), r.body["account"], grants.ACCOUNT,
                                       kiosk_id=r.kiosk.kiosk_id, now=r.now)
            except grants.GrantRefused as exc:  # the confirmation still prints, without a name central cannot vouch for
                log.warning("confirmation for kiosk %s: account grant refused (%s)", r.kiosk.kiosk_id, exc)
        with self.central.transaction() as s:  # the post's key is made on first use, and never leaves
            return 200, confirmation_pdf(s, number, now=r.now, language=language, account=account)

    def decisions(self, r: Request, _rest: str) -> tuple[int, Any]:
        """The clerks' retry / resolve of this kiosk's failed commands (kiosk.sync.failures)."""
        ids = r.body.get("failed")
        if not isinstance(ids, list) or not all(isinstance(i, str) and len(i) <= 36 for i in ids) or len(ids) > 1000:
            raise InputError("failed: a list of command ids", field="failed")
        with self.central.transaction() as s:
            return 200, {"decided": failures.claim_decisions(s, r.kiosk.kiosk_id, ids)}

    def known(self, r: Request, _rest: str) -> tuple[int, Any]:
        """Which of these commands of this kiosk central has applied (never another kiosk's), and its identity."""
        ids = r.body.get("ids")
        if not isinstance(ids, list) or not all(isinstance(i, str) and len(i) <= 36 for i in ids) or len(ids) > 1000:
            raise InputError("ids: a list of command ids", field="ids")
        with self.central.session() as s:
            mark = read_mark(s.connection())
            known = sorted(s.scalars(select(AppliedCommand.id).where(
                AppliedCommand.id.in_(ids), AppliedCommand.kiosk_id == r.kiosk.kiosk_id))) if ids else []
        kept = mark.commands_kept_since
        return 200, {"central_id": mark.database_id, "commands_kept_since": kept.isoformat() if kept else None,
                     "known": known}

    def letters(self, r: Request, _rest: str) -> tuple[int, Any]:
        case, dob, has_letter = r.body.get("case"), r.body.get("dob"), r.body.get("has_letter", True)
        visit = r.body.get("visit", "")
        if not isinstance(case, str) or not isinstance(dob, str) or not isinstance(has_letter, bool) \
                or not isinstance(visit, str) or len(visit) > 64:
            raise InputError("a case number and a date of birth", field="case_number")
        found = letter.look_up_letter(self.central, case, dob, today=r.now.date(), now=r.now, has_letter=has_letter,
                                      actor=f"kiosk:{r.kiosk.kiosk_id}", kiosk_id=r.kiosk.kiosk_id, visit_id=visit)
        grant = grants.issue(self.grant_key(r.now), grants.LETTER, found.case.case_number, kiosk_id=r.kiosk.kiosk_id,
                             now=r.now)
        return 200, {"case_number": found.case.case_number, "grant": grant}

    def evaluation(self, r: Request, _rest: str) -> tuple[int, Any]:
        """One case evaluated on central (read only): what the cache cannot say of a case it keeps sealed."""
        number, today, has_letter = r.body.get("case_number"), r.body.get("today"), r.body.get("has_letter", True)
        if not isinstance(number, str) or len(number) > 64 or not isinstance(has_letter, bool):
            raise InputError("a case number", field="case_number")
        try:
            day = date.fromisoformat(today) if isinstance(today, str) else r.now.date()
        except ValueError:
            raise InputError("today is a date (YYYY-MM-DD)", field="today") from None
        with self.central.session() as s:
            ev = evaluate_case(s, parse_case_number(number), today=day, has_letter=has_letter)
        return 200, wire.evaluation_to_wire(ev)

    def slots(self, r: Request, _rest: str) -> tuple[int, Any]:
        need, start, end = r.body.get("need", 1), r.body.get("start"), r.body.get("end")
        if not isinstance(need, int) or not 1 <= need <= 50:
            raise InputError("need: 1 to 50 seats", field="need")
        try:
            first = date.fromisoformat(start) if isinstance(start, str) else None
            last = date.fromisoformat(end) if isinstance(end, str) else None
        except ValueError:
            raise InputError("start and end are dates (YYYY-MM-DD)", field="start") from None
        with self.central.session() as s:
            found = bookable_slots(s, now=r.now, start=first, end=last, need=need)
        return 200, {"slots": [{**v.to_dict(), "start": v.start.isoformat(),
                                "change_deadline": v.change_deadline.isoformat() if v.change_deadline else None}
                               for v in found]}


CLOCK_ALERT = "clock_skew_kiosk"  # alerts.kind: the Kiosks tab shows it until a clerk acknowledges it


def _alert_clock(central: Database, kiosk_id: str, now: datetime) -> None:
    """One open alert per kiosk for the clerks; a kiosk refused again only counts up (it retries every sync)."""
    with central.transaction() as s:
        open_alert = s.scalar(select(Alert).where(Alert.kind == CLOCK_ALERT, Alert.kiosk_id == kiosk_id,
                                                  Alert.acknowledged_at.is_(None)).with_for_update())
        if open_alert is None:
            s.add(Alert(kind=CLOCK_ALERT, kiosk_id=kiosk_id, raised_at=now, count=1))
        else:
            open_alert.count += 1


def _body(environ: dict[str, Any], method: str) -> dict[str, Any]:
    if method != "POST":
        return {}
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise HttpError(400, "BAD_INPUT", "bad Content-Length") from None
    if length > MAX_BODY:
        raise HttpError(413, "TOO_LARGE", f"a request body is at most {MAX_BODY} bytes")
    try:
        body = json.loads(environ["wsgi.input"].read(length) or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise HttpError(400, "BAD_INPUT", "the body is not JSON") from None
    if not isinstance(body, dict):
        raise HttpError(400, "BAD_INPUT", "the body is not a JSON object")
    return body
