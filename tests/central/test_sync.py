"""A kiosk's cache syncs through the real service: pull, push of its outbox, loans, progress."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import select

from kiosk.central import link
from kiosk.store.db import Database, sqlite_url
from kiosk.store.loans import HeldLoan, KioskKey
from kiosk.store.models import Booking
from kiosk.store.sync_marks import KioskProgress
from kiosk.store.sync_tables import OutboxCommand, OutboxStatus
from kiosk.sync.commands import CommandKind
from kiosk.sync.outbox import enqueue
from tests.central.harness import Service, add_cases, bookable_slots, post_now
from tests.sync.conftest import rows_of

pytestmark = pytest.mark.postgres


@pytest.fixture
def cache(tmp_path):  # type: ignore[no-untyped-def]
    db = Database(sqlite_url(tmp_path / "cache-hall-1.db"))
    db.init_schema()
    yield db
    db.dispose()


def test_a_cache_synced_through_the_service_equals_central_and_its_commands_land_once(
        service: Service, cache: Database) -> None:
    slots = bookable_slots(service.central, 2, seats=10)
    numbers = add_cases(service.central, 201, 3)
    now = post_now()
    with service.client("hall-1") as remote:
        first = link.sync_once(remote, cache, kiosk_id="hall-1", now=now, batch=7)  # several batches
        assert first.central_reachable, first.error
        assert rows_of(cache) == rows_of(service.central)
        with cache.transaction() as s:  # a booking queued at the kiosk
            book = enqueue(s, CommandKind.BOOK, {"case_number": numbers[0], "slot_id": slots[0]}, now=now)
        second = link.sync_once(remote, cache, kiosk_id="hall-1", now=now)
        assert second.central_reachable and second.pushed == 1 and second.outbox_depth == 0
        again = link.push(remote, cache, now=now)  # nothing pending: nothing sent twice
    assert again.pushed == 0
    with cache.session() as s:
        answered = s.get(OutboxCommand, book)
        assert answered.status == OutboxStatus.DONE.value
        assert s.scalars(select(HeldLoan)).all() and s.get(KioskKey, "hall-1") is not None
    with service.central.session() as s:
        booked = s.scalars(select(Booking).where(Booking.case_number == numbers[0])).all()
        progress = s.get(KioskProgress, "hall-1")
    assert len(booked) == 1 and booked[0].kiosk_id == "hall-1"
    assert rows_of(cache) == rows_of(service.central)  # the booking came back with the pull
    assert progress is not None and progress.last_revision > 0


def test_an_inquirys_words_never_leave_central_in_a_pull(service: Service) -> None:
    [number] = add_cases(service.central, 251, 1)
    words = "my name is LIN MEI, born 1988, lost the letter"
    with service.client("hall-2") as remote:
        answer = remote.push(str(uuid.uuid4()), "inquiry", {"case_number": number, "kind": "letter_copy",
                                                             "text": words})
        assert answer.status is OutboxStatus.DONE, answer.result
        reply = remote._read("POST", "/v1/pull", {"seen": {"central_id": None, "revision": 0, "fingerprint": None},
                                                  "batch": 5000})[1]
    assert "inquiries" in reply["current"] and words not in json.dumps(reply)


def test_a_revoked_kiosk_syncs_nothing(service: Service, cache: Database) -> None:
    from kiosk.central import registry

    service.issue("hall-6")
    registry.revoke(service.central, "hall-6", now=post_now())
    with service.client("hall-6") as remote:
        report = link.sync_once(remote, cache, kiosk_id="hall-6", now=post_now())
    assert not report.central_reachable and "UNKNOWN_KIOSK" in report.error
    assert not any(rows_of(cache).values())


def test_an_inquirys_words_are_sealed_in_the_outbox_and_opened_by_the_service(service: Service,
                                                                              cache: Database) -> None:
    from kiosk.store.inquiries import Inquiry
    from kiosk.sync.sealed import SEALED

    numbers = add_cases(service.central, 301, 1)
    now = post_now()
    with service.client("hall-1") as remote:
        assert link.sync_once(remote, cache, kiosk_id="hall-1", now=now).central_reachable  # brings the key
        with cache.transaction() as s:
            queued = enqueue(s, CommandKind.INQUIRY, {"case_number": numbers[0], "kind": "letter_copy",
                                                      "text": "Wang Fang lost the letter"}, now=now)
        with cache.session() as s:
            payload = json.loads(s.get(OutboxCommand, queued).payload)
        assert SEALED in payload and "text" not in payload and "Wang Fang" not in json.dumps(payload)
        assert link.sync_once(remote, cache, kiosk_id="hall-1", now=now).pushed == 1
    with cache.session() as s:
        reference = json.loads(s.get(OutboxCommand, queued).result)["reference"]
    with service.central.session() as s:
        assert s.get(Inquiry, reference).text == "Wang Fang lost the letter"


def test_an_account_made_offline_travels_sealed_and_arrives_through_the_service(service: Service,
                                                                                  cache: Database) -> None:
    from argon2 import PasswordHasher

    from kiosk.store.accounts import Account

    with service.client("hall-2") as remote:
        assert link.sync_once(remote, cache, kiosk_id="hall-2", now=post_now()).central_reachable  # central's key
        with cache.transaction() as s:
            command = enqueue(s, CommandKind.ACCOUNT, {"username": "zhang.wei@example.com",
                                                       "password_hash": PasswordHasher().hash("a long passphrase!")},
                              now=post_now())
        with cache.session() as s:
            queued = s.get(OutboxCommand, command).payload
        assert "zhang.wei" not in queued and "argon2" not in queued  # sealed to central in the outbox
        assert link.sync_once(remote, cache, kiosk_id="hall-2", now=post_now()).pushed == 1
    with cache.session() as s:
        assert s.get(OutboxCommand, command).status == OutboxStatus.DONE.value
    with service.central.session() as s:
        assert s.scalar(select(Account.id).where(Account.username == "zhang.wei@example.com")) is not None


@pytest.mark.skipif(__import__("shutil").which("scanimage") is None, reason="scanimage (sane-utils) not installed")
def test_a_scanned_document_travels_sealed_in_chunks_and_arrives_whole_through_the_service(
        service: Service, cache: Database) -> None:
    from kiosk.scan.pdf import document_pdf
    from kiosk.services.documents import scan_pdf, scans_of
    from kiosk.sync.documents import ScannedDocument, queue_documents
    from tests.scan.sane import test_scanner

    scanner = test_scanner()
    pdf = document_pdf("Marriage certificate", [scanner.scan_page()], resolution=scanner.resolution)
    with service.client("hall-1") as remote:
        assert link.sync_once(remote, cache, kiosk_id="hall-1", now=post_now()).central_reachable  # central's key
        with cache.transaction() as s:
            queue_documents(s, "INQ-GUZ-7K3M9Q", [ScannedDocument("Marriage certificate", pdf, 1)], now=post_now(),
                            chunk_bytes=8192)
        with cache.session() as s:
            chunks = s.scalars(select(OutboxCommand.id).where(OutboxCommand.kind == "document_chunk")).all()
        assert len(chunks) > 1
        assert link.sync_once(remote, cache, kiosk_id="hall-1", now=post_now()).pushed == len(chunks)
    with service.central.session() as s:
        [scan] = scans_of(s, "INQ-GUZ-7K3M9Q")
        assert (scan.name, scan.pages, scan_pdf(s, scan.id)) == ("Marriage certificate", 1, pdf)
    with cache.session() as s:
        assert all("data" not in json.loads(p) for p in s.scalars(select(OutboxCommand.payload)))


def test_a_failing_command_through_the_service_is_held_retried_by_a_clerk_and_the_rest_flow(
        service: Service, tmp_path) -> None:
    from datetime import timedelta

    from sqlalchemy import text

    from kiosk.services.clerk.staff import StaffRole, StaffView
    from kiosk.store.inquiries import Inquiry
    from kiosk.sync.failures import FailureState, decide, failed_on_kiosk
    from tests.sync.test_poison_commands import refusing_inquiries

    from kiosk.store.models import Post
    from tests.factories import seed_post

    with service.central.session() as s:
        if s.scalar(select(Post.code)) is None:
            seed_post(service.central)
    cache = Database(sqlite_url(tmp_path / "poison-cache.db"))
    cache.init_schema()
    poison, other = add_cases(service.central, 951, 2)
    now = post_now()
    with service.client("hall-2") as remote:
        assert link.sync_once(remote, cache, kiosk_id="hall-2", now=now).central_reachable  # the sealing key
        with cache.transaction() as s:
            bad = enqueue(s, CommandKind.INQUIRY, {"case_number": poison, "kind": "letter_copy", "text": "x"}, now=now)
            enqueue(s, CommandKind.INQUIRY, {"case_number": other, "kind": "letter_copy", "text": "y"},
                    now=now + timedelta(seconds=1))
        with service.central.engine.begin() as conn:
            conn.execute(text(refusing_inquiries(poison)))
        try:
            held = link.sync_once(remote, cache, kiosk_id="hall-2", now=now)
            assert held.central_reachable and [c["id"] for c in failed_on_kiosk(cache)] == [bad]
        finally:
            with service.central.engine.begin() as conn:
                conn.execute(text("DROP TRIGGER refuse_inquiry ON inquiries; DROP FUNCTION refuse_inquiry()"))
        decide(service.central, StaffView("wang", "Wang Li", StaffRole.CLERK), bad, FailureState.RETRY,
               "grant restored by the DBA", now=now)
        report = link.sync_once(remote, cache, kiosk_id="hall-2", now=now)
    assert report.outbox_depth == 0 and failed_on_kiosk(cache) == []
    with service.central.session() as s:
        assert sorted(s.scalars(select(Inquiry.case_number).where(Inquiry.case_number.in_((poison, other))))) \
            == sorted((poison, other))
    cache.dispose()
