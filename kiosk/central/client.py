"""The kiosk's client of the central service: HTTPS only, the post's CA only, its own certificate, bounded time.

- Only `https://` URLs; the server's certificate must chain to the post's CA (nothing from
  the system's trust store) and name the host; the kiosk shows its own certificate.
- Every call finishes within `deadline` seconds (connect, TLS, request and reply together):
  a blackholed link is answered, not waited on.
- Several URLs: a call that could not connect tries the next (nothing was sent).
- A command whose reply was lost is "outcome unknown": central is asked by the command's id
  (the id makes sending it again safe: central applies an id once). If central cannot be
  asked within the deadline, `OutcomeUnknown` says so and the command stays pending.
"""

from __future__ import annotations

import json
import ssl
import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.central import wire
from kiosk.central.connections import ConnectFailed, Connections, Reply, ReplyLost
from kiosk.central.grants import ACCOUNT, LETTER
from kiosk.central.wire import evaluation_from_wire
from kiosk.config import check_url
from kiosk.domain.errors import InputError, RuleError
from kiosk.domain.model import Evaluation
from kiosk.services.account_cases import YourCase
from kiosk.services.accounts import AccountError, AccountView
from kiosk.services.budgets import Throttled
from kiosk.services.slots import SlotView
from kiosk.services.letter import LETTER_LOOKUP_LOCKED, LookupLocked, LookupMissed
from kiosk.sync.central_marks import Mismatch, Seen
from kiosk.sync.pull import Batch
from kiosk.sync.resync import Copy
from kiosk.store.sync_tables import OutboxStatus
from kiosk.sync.outbox import Answer
from kiosk.sync.errors import CentralUnreachable

CONNECT_SECONDS = 3.0
DEADLINE_SECONDS = 15.0  # the most a call may take, outcome look-up included (docs/operating.md)
# One request's share of the deadline: a command whose reply is lost leaves time to ask for its outcome.
REQUEST_SHARE = 0.5
COPY_SECONDS = 120.0  # a whole copy of central (a sync's, on the link's own thread: no applicant waits on it)


class OutcomeUnknown(CentralUnreachable):
    """The command was sent; whether central applied it is not known yet. Ask again by its id; never say "not done"."""

    def __init__(self, command_id: str, why: str) -> None:
        super().__init__(f"command {command_id}: outcome unknown ({why})")
        self.command_id = command_id


class CentralRefused(Exception):
    """Central refused the kiosk itself: unknown or revoked certificate, or a clock too far off."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code, self.message = code, message


def tls_context(ca: Path, cert: Path, key: Path) -> ssl.SSLContext:
    """Trust the post's CA alone; present the kiosk's certificate.

    In service the key is the unit's `kiosk-tls-key` credential: ssl reads it from the folder systemd
    decrypted it into (memory, this unit only); nothing here writes it anywhere.
    """
    try:
        present = key.is_file()
    except OSError:  # another unit's credentials folder: not ours to read
        present = False
    if not present:
        raise InputError(f"the kiosk's TLS key {key} is not there: in service it is the systemd credential "
                         "kiosk-tls-key, readable only inside consular-kiosk.service or a command run with "
                         "systemd-run -p LoadCredentialEncrypted=kiosk-tls-key:…, as `sudo kiosk-unit-run "
                         "kiosk-admin --config …` does (docs/operating.md)", field="tls")
    try:
        ctx = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=str(ca))  # cafile: no system roots
        ctx.load_cert_chain(str(cert), str(key))
    except (OSError, ssl.SSLError) as exc:
        raise InputError(f"the kiosk's TLS files ({ca}, {cert}, {key}): {exc}", field="tls") from None
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


class RemoteCentral:
    """Central's side of the kiosk's calls, over HTTPS. Thread-safe (kiosk.central.connections is)."""

    def __init__(self, urls: Sequence[str], *, ca: Path, cert: Path, key: Path,
                 clock: Callable[[], datetime] | None = None, deadline: float = DEADLINE_SECONDS,
                 connect: float = CONNECT_SECONDS, timezone: str | None = None) -> None:
        if not urls:
            raise InputError("name at least one https:// URL of the central service", field="url")
        self.urls = [check_url(u) for u in urls]
        # Sent zoned (central compares instants), on the post's wall clock when its zone is known, never the machine's.
        zone = ZoneInfo(timezone) if timezone else UTC
        self.clock = clock or (lambda: datetime.now(zone).replace(microsecond=0))
        self.deadline, self.connect = deadline, connect
        tls = tls_context(ca, cert, key)
        self._links = {url: Connections(url, tls) for url in self.urls}  # kept-alive connections per URL
        # Central's visit grants (kiosk.central.grants), in memory only: the account that signed in last and the
        # letters checked since. A new sign-in starts afresh (the next visitor's), so none outlives its visit.
        self._grants: dict[tuple[str, str], str] = {}

    def close(self) -> None:
        for links in self._links.values():
            links.close()

    def __enter__(self) -> RemoteCentral:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- calls ----------------------------------------------------------------------------------------

    def hello(self) -> dict[str, Any]:
        """This kiosk's id as central knows it, and central's clock."""
        return self._read("GET", "/v1/hello", None)[1]

    def push(self, command_id: str, kind: str, payload: dict[str, Any]) -> Answer:
        """Apply a command on central (once, however often it is sent) and return central's answer."""
        until = time.monotonic() + self.deadline
        body = {"id": command_id, "kind": kind, "payload": payload}
        try:
            _status, data = self._call("POST", "/v1/commands", body, until)
        except _Lost as lost:
            found = self._resolve(command_id, body, until, str(lost))
            return found
        return _answer(data)

    def outcome(self, command_id: str) -> Answer | None:
        """Central's answer to this kiosk's command, or None if central never applied it."""
        status, data = self._read("GET", f"/v1/commands/{command_id}", None)
        return None if status == 404 else _answer(data)

    def loans(self, reported_at: datetime | None) -> dict[str, Any]:
        """Report, let central top up this kiosk's loans; its own offline key and loans come back."""
        # A lost reply is safe to leave: the next sync refreshes again.
        return self._read("POST", "/v1/loans", {"reported_at": reported_at.isoformat() if reported_at else None})[1]

    def pull(self, seen: Seen, batch: int) -> Batch | Mismatch:
        """The next batch of central's changes after `seen`, or why central no longer matches the cache."""
        data = self._read("POST", "/v1/pull", {"seen": wire.seen_to_dict(seen), "batch": batch})[1]
        if "mismatch" in data:
            return Mismatch.parse(str(data["mismatch"]))
        try:
            return wire.batch_from_dict(data)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise CentralUnreachable(f"central's pull reply could not be read ({type(exc).__name__})") from None

    def copy(self) -> Copy:
        """Every synced row of central from one snapshot, for a cache that no longer matches it (kiosk.sync.resync)."""
        try:
            data = _reply(self._send("POST", "/v1/copy", {}, time.monotonic() + COPY_SECONDS, request=COPY_SECONDS))[1]
        except _Lost as lost:
            raise CentralUnreachable(str(lost)) from None
        try:
            return wire.copy_from_dict(data)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise CentralUnreachable(f"central's copy could not be read ({type(exc).__name__})") from None

    def progress(self, last_revision: int, oldest_pending: datetime | None) -> None:
        self._read("POST", "/v1/progress", {"last_revision": last_revision,
                                            "oldest_pending": oldest_pending.isoformat() if oldest_pending else None})

    def sign_in(self, username: str, password: str) -> AccountView:
        """Central checks the password with its own clock for delays and locks; RuleError as the rule refuses."""
        d = self._read("POST", "/v1/accounts/sign-in", {"username": username, "password": password})[1]
        return self._account(d)

    def create_account(self, username: str, password: str) -> AccountView:
        """Made on central, hashed there with central's parameters (a kiosk never chooses them)."""
        try:
            d = self._call("POST", "/v1/accounts", {"username": username, "password": password},
                           time.monotonic() + self.deadline)[1]
        except _Lost as lost:  # made or not is unknown: signing in with it tells, never making it twice
            raise CentralUnreachable(f"the account may have been made ({lost})") from None
        return self._account(d)

    def _account(self, d: dict[str, Any]) -> AccountView:
        view = AccountView(int(d["id"]), str(d["username"]))
        self._grants = {(ACCOUNT, view.username): str(d.get("grant", ""))}
        return view

    def link_case(self, username: str, case_number: str) -> None:
        """Central remembers the case on the account, on its own grants that both were checked at this kiosk.
        CentralUnreachable also when this kiosk holds no such grants (nothing to ask with)."""
        account, letter = self._grants.get((ACCOUNT, username)), self._grants.get((LETTER, case_number))
        if not account or not letter:
            raise CentralUnreachable("no sign-in and letter check of this visit to link the case with")
        self._read("POST", "/v1/account-cases", {"account": account, "letter": letter})

    def cases_of(self, username: str) -> list[YourCase]:
        """The account's cases and their appointments, on central's grant of this visit's sign-in."""
        account = self._grants.get((ACCOUNT, username))
        if not account:
            raise CentralUnreachable("no sign-in of this visit to ask with")
        d = self._read("POST", "/v1/account-cases/list", {"account": account})[1]
        try:
            return [wire.your_case_from_wire(c) for c in d.get("cases", [])]
        except (ValueError, TypeError, KeyError) as exc:
            raise CentralUnreachable(f"central's answer could not be read ({type(exc).__name__})") from None

    def confirmation_pdf(self, case_number: str, *, language: str, account: str | None = None) -> bytes:
        """The confirmation of the case's active booking, rendered and signed on central; with the user name
        `account` printed on it when this visit holds central's grant of its sign-in (central reads the name
        from its own grant, never from what the kiosk says)."""
        until = time.monotonic() + self.deadline
        body: dict[str, Any] = {"case_number": case_number, "language": language}
        grant = self._grants.get((ACCOUNT, account)) if account else None
        if grant:
            body["account"] = grant
        try:
            r = self._send("POST", "/v1/confirmations", body, until)
        except _Lost as lost:
            raise CentralUnreachable(str(lost)) from None
        if r.status_code == 200 and r.content_type == "application/pdf":
            return r.content
        _reply(r)
        raise CentralUnreachable(f"central answered {r.status_code} without a PDF")

    def known(self, ids: list[str]) -> tuple[str | None, datetime | None, set[str]]:
        """Central's database id, how far back compaction may have deleted applied commands, and which of these
        commands of this kiosk it still has (kiosk.sync.replay: what a restored central lost)."""
        d = self._read("POST", "/v1/known", {"ids": ids})[1]
        kept = d.get("commands_kept_since")
        central_id = d.get("central_id")
        return (str(central_id) if central_id else None, datetime.fromisoformat(kept) if isinstance(kept, str) else None,
                {str(i) for i in d.get("known") or []})

    def decisions(self, failed: list[str]) -> dict[str, dict[str, Any]]:
        """The clerks' retry / resolve of these failed commands (kiosk.sync.failures.claim_decisions)."""
        d = self._read("POST", "/v1/decisions", {"failed": failed})[1]
        decided = d.get("decided")
        return decided if isinstance(decided, dict) else {}

    def check_letter(self, case_text: str, dob_text: str, *, has_letter: bool = True, visit: str = "") -> str:
        """Central's word that the letter's case number and date of birth match (it counts the misses, also
        per visit, kiosk and post); the case number. LookupMissed / LookupLocked / Throttled as central answers."""
        d = self._read("POST", "/v1/letters", {"case": case_text, "dob": dob_text, "has_letter": has_letter,
                                               "visit": visit})[1]
        number = str(d["case_number"])
        if d.get("grant"):
            self._grants[LETTER, number] = str(d["grant"])
        return number

    def evaluation(self, case_number: str, *, today: date | None = None, has_letter: bool = True) -> Evaluation:
        """The case evaluated on central (its date unless `today`, a what-if); InputError CASE_NOT_FOUND if none."""
        body = {"case_number": case_number, "today": today.isoformat() if today else None, "has_letter": has_letter}
        return evaluation_from_wire(self._read("POST", "/v1/evaluations", body)[1])

    def slots(self, *, need: int, start: date | None = None, end: date | None = None) -> list[SlotView]:
        """The times central offers now (its clock, its seats)."""
        body = {"need": need, "start": start.isoformat() if start else None, "end": end.isoformat() if end else None}
        d = self._read("POST", "/v1/slots", body)[1]
        return [SlotView(v["id"], datetime.fromisoformat(v["start"]), int(v["seats"]), int(v["seats_left"]),
                         date.fromisoformat(v["change_deadline"]) if v.get("change_deadline") else None)
                for v in d.get("slots", [])]

    def _read(self, method: str, path: str, body: dict[str, Any] | None) -> tuple[int, dict[str, Any]]:
        """A call whose repeat is harmless: a lost reply is just "unreachable"."""
        try:
            return self._call(method, path, body, time.monotonic() + self.deadline)
        except _Lost as lost:
            raise CentralUnreachable(str(lost)) from None

    # -- plumbing ---------------------------------------------------------------------------------------

    def _resolve(self, command_id: str, body: dict[str, Any], until: float, why: str) -> Answer:
        """The reply to a command was lost: ask by id; if central never applied it, send it again (same id)."""
        while time.monotonic() < until:
            try:
                status, data = self._call("GET", f"/v1/commands/{command_id}", None, until)
                if status != 404:
                    return _answer(data)
                return _answer(self._call("POST", "/v1/commands", body, until)[1])
            except (_Lost, CentralUnreachable) as exc:
                why = str(exc)
                time.sleep(min(0.5, max(0.0, until - time.monotonic())))
        raise OutcomeUnknown(command_id, why)

    def _call(self, method: str, path: str, body: dict[str, Any] | None, until: float) -> tuple[int, dict[str, Any]]:
        return _reply(self._send(method, path, body, until))

    def _send(self, method: str, path: str, body: dict[str, Any] | None, until: float,
              request: float | None = None) -> Reply:
        """One request, to the first URL that connects. Raises CentralUnreachable if none did
        (nothing was sent), _Lost if one connected but its reply did not come back in time.

        A URL that refused goes out of this call; one that timed out connecting (a busy or
        blackholed service) is tried again while the deadline allows.
        """
        data = None if body is None else json.dumps(body, separators=(",", ":")).encode()
        share = request if request is not None else self.deadline * REQUEST_SHARE
        errors: list[str] = []
        urls = list(self.urls)
        while urls and until - time.monotonic() > 0:
            for base in list(urls):
                left = until - time.monotonic()
                if left <= 0:
                    break
                headers = {"Kiosk-Time": self.clock().isoformat()}
                try:
                    return self._links[base].request(method, path, data, headers, connect=min(self.connect, left),
                                                     timeout=min(left, share))
                except ConnectFailed as exc:  # not connected: nothing sent
                    errors.append(f"{base}: {exc}")
                    if not exc.timed_out:
                        urls.remove(base)  # refused: the next URL; timed out: again if time allows
                except ReplyLost as exc:
                    raise _Lost(f"{base}: {exc}") from None
        raise CentralUnreachable("; ".join(errors[-len(self.urls):]) or "no time left to reach central")


class _Lost(Exception):
    """A request went out and no reply came back: it may or may not have been applied."""


def _reply(r: Reply) -> tuple[int, dict[str, Any]]:
    try:
        data = r.json()
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    if r.status_code in (200, 404):
        return r.status_code, data
    code, message = str(data.get("error", r.status_code)), str(data.get("message", r.reason_phrase))
    if r.status_code in (403, 409) and code in ("UNKNOWN_KIOSK", "CLOCK_SKEW"):
        raise CentralRefused(code, message)
    if r.status_code == 400 and isinstance(data.get("tries_left"), int):
        raise LookupMissed(data["tries_left"], bool(data.get("to_counter")))
    if r.status_code == 422 and isinstance(data.get("wait_seconds"), int):  # kiosk.services.budgets
        raise Throttled(code, message, data["wait_seconds"])
    if r.status_code == 422 and code == LETTER_LOOKUP_LOCKED and isinstance(data.get("until"), str):
        raise LookupLocked(datetime.fromisoformat(data["until"]))
    if r.status_code == 400:
        raise InputError(message, field=data.get("field"))
    if r.status_code == 422 and "delay_seconds" in data:  # an account refusal: when to let them try again
        locked = data.get("locked_until")
        raise AccountError(code, message, delay_seconds=int(data.get("delay_seconds") or 0),
                           locked_until=datetime.fromisoformat(locked) if isinstance(locked, str) else None,
                           attempts_left=data.get("attempts_left"))
    if r.status_code == 422:
        raise RuleError(code, message)
    # 503 BUSY and the like: the service's database failed, maybe during a commit. Nothing is assumed
    # done or not done: a command is resolved by its id, a read is simply unanswered.
    raise _Lost(f"central answered {r.status_code} {code}: {message}")


def _answer(data: dict[str, Any]) -> Answer:
    try:
        return Answer(OutboxStatus(data["status"]), dict(data["result"]))
    except (KeyError, ValueError, TypeError):
        raise RuleError("BAD_REPLY", "central's answer could not be read") from None
