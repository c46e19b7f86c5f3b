"""An account's cases through the service: linked and listed on central's own grants of this visit, never on a
kiosk's word (kiosk.central.grants)."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from kiosk.central import grants
from kiosk.central.client import RemoteCentral
from kiosk.central.remote_port import RemoteKioskCentral
from kiosk.store.db import Database, sqlite_url
from kiosk.sync.errors import CentralUnreachable
from tests.central.harness import Service, add_cases, bookable_slots, post_now

pytestmark = pytest.mark.postgres
DOB = "1988-07-30"  # the principal's, as tests.factories makes every case
PASSWORD = "correct horse battery staple"


@pytest.fixture
def caches(tmp_path):  # type: ignore[no-untyped-def]
    made = []
    for name in ("hall-1", "hall-2"):
        db = Database(sqlite_url(tmp_path / f"{name}.db"))
        db.init_schema()
        made.append(db)
    yield made
    for db in made:
        db.dispose()


def _raw(remote: RemoteCentral, path: str, body: dict) -> tuple[int, dict]:
    r = remote._send("POST", path, body, time.monotonic() + 15)
    return r.status_code, r.json()


def test_a_returning_applicant_sees_the_cases_their_account_found_at_any_kiosk(service: Service, caches) -> None:
    [slot] = bookable_slots(service.central, 1, seats=3)
    [number] = add_cases(service.central, 701, 1)
    with service.client("hall-1") as remote:
        kiosk = RemoteKioskCentral(remote, caches[0], kiosk_id="hall-1")
        made = kiosk.create_account("lin.mei@example.com", PASSWORD, now=post_now())
        assert kiosk.cases_of(made.username, now=post_now()) == []
        kiosk.look_up_letter(number, DOB, today=post_now().date(), now=post_now(), actor="kiosk")
        kiosk.link_case(made.username, number, now=post_now())
        kiosk.link_case(made.username, number, now=post_now())  # twice: one link
        booked = kiosk.book(caches[0], number, slot, now=post_now(), key="visit-701")
    with service.client("hall-2") as remote:  # the next visit, at another kiosk
        kiosk = RemoteKioskCentral(remote, caches[1], kiosk_id="hall-2")
        kiosk.sign_in(made.username, PASSWORD, now=post_now())
        [found] = kiosk.cases_of(made.username, now=post_now())
    assert (found.case_number, found.reference) == (number, booked.result.reference)
    assert found.appointment is not None and found.appointment.start == booked.result.slot_start
    assert found.appointment.deadline < found.appointment.start.date()  # the change window, as central counts it


def test_a_kiosk_links_and_lists_nothing_without_centrals_grants(service: Service, caches) -> None:
    [mine, other] = add_cases(service.central, 711, 2)
    with service.client("hall-1") as remote:
        kiosk = RemoteKioskCentral(remote, caches[0], kiosk_id="hall-1")
        made = kiosk.create_account("wang.fang@example.com", PASSWORD, now=post_now())
        kiosk.look_up_letter(mine, DOB, today=post_now().date(), now=post_now(), actor="kiosk")
        # A case whose letter this kiosk never checked: nothing to ask with, nothing linked.
        with pytest.raises(CentralUnreachable):
            kiosk.link_case(made.username, other, now=post_now())
        account, letter = remote._grants[grants.ACCOUNT, made.username], remote._grants[grants.LETTER, mine]
        # Made-up, altered, or of the wrong kind: refused by central.
        body, mac = account.split(".")
        forged = grants._b64(grants._unb64(body).replace(made.username.encode(), b"someone-else-1234")) + "." + mac
        for bad in ("", "x.y", forged, letter):
            status, answer = _raw(remote, "/v1/account-cases/list", {"account": bad})
            assert (status, answer["error"]) == (403, "NO_GRANT")
        assert _raw(remote, "/v1/account-cases", {"account": account, "letter": account})[0] == 403
    with service.client("hall-2") as remote:  # hall-1's grants are worth nothing at hall-2
        assert _raw(remote, "/v1/account-cases/list", {"account": account})[0] == 403
        assert _raw(remote, "/v1/account-cases", {"account": account, "letter": letter})[0] == 403
    with service.client("hall-1") as remote:  # and nothing was linked by any of it
        kiosk = RemoteKioskCentral(remote, caches[0], kiosk_id="hall-1")
        kiosk.sign_in(made.username, PASSWORD, now=post_now())
        assert kiosk.cases_of(made.username, now=post_now()) == []


def test_a_grant_names_its_kind_kiosk_and_subject_and_expires() -> None:
    key, now = b"k" * 32, post_now()
    grant = grants.issue(key, grants.ACCOUNT, "lin.mei-4821", kiosk_id="hall-1", now=now)
    assert grants.check(key, grant, grants.ACCOUNT, kiosk_id="hall-1", now=now + grants.LIFETIME) == "lin.mei-4821"
    for kind, kiosk, at, k in ((grants.LETTER, "hall-1", now, key), (grants.ACCOUNT, "hall-2", now, key),
                               (grants.ACCOUNT, "hall-1", now + grants.LIFETIME + timedelta(seconds=1), key),
                               (grants.ACCOUNT, "hall-1", now, b"o" * 32)):
        with pytest.raises(grants.GrantRefused):
            grants.check(k, grant, kind, kiosk_id=kiosk, now=at)
