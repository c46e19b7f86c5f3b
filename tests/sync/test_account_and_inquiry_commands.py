"""Accounts and inquiries a kiosk recorded while offline reach central as they are: same name and hash, same reference."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from kiosk.services.accounts import create_account, sign_in
from kiosk.services.inquiries import submit_inquiry
from kiosk.store.accounts import Account
from kiosk.store.inquiries import Inquiry
from kiosk.store.sync_tables import OutboxCommand
from kiosk.sync.outbox import enqueue
from tests.factories import NOW, add_case, case_number, seed_post
from tests.sync.via import sync_once

pytestmark = pytest.mark.postgres

C1 = case_number(1)
PASSPHRASE = "a quiet walk along the pearl river"


def _offline_account(cache, username: str) -> None:  # type: ignore[no-untyped-def]
    def queue(s, account) -> None:  # type: ignore[no-untyped-def]
        enqueue(s, "account", {"username": account.username, "password_hash": account.password_hash,
                               "now": NOW.isoformat()}, now=NOW)

    create_account(cache, username, PASSPHRASE, now=NOW, also=queue)


def _answers(cache) -> list[tuple[str, dict]]:  # type: ignore[no-untyped-def]
    with cache.session() as s:
        rows = s.scalars(select(OutboxCommand).order_by(OutboxCommand.created_at)).all()
        return [(r.status, json.loads(r.result)) for r in rows]


def test_an_account_made_offline_reaches_central_with_its_hash_and_signs_in_there(central, cache) -> None:
    seed_post(central)
    _offline_account(cache, "Made.Offline@example.cn")
    with cache.session() as s:
        local = s.scalar(select(Account.password_hash))
    assert sync_once(central, cache, kiosk_id="hall-1", now=NOW).outbox_depth == 0
    with cache.session() as s:  # answered by central: the kiosk keeps no name or hash any longer
        assert s.scalar(select(Account.id)) is None
    with central.session() as s:
        assert s.scalar(select(Account.password_hash).where(Account.username == "made.offline@example.cn")) == local
    assert sign_in(central, "made.offline@example.cn", PASSPHRASE, now=NOW).username == "made.offline@example.cn"


def test_a_name_taken_on_central_meanwhile_is_refused(central, cache) -> None:
    seed_post(central)
    create_account(central, "taken@example.cn", PASSPHRASE + " online", now=NOW)
    _offline_account(cache, "taken@example.cn")
    sync_once(central, cache, kiosk_id="hall-1", now=NOW)
    ((status, answer),) = _answers(cache)
    assert status == "refused" and answer["error"] == "USERNAME_TAKEN"
    with central.session() as s:
        assert s.scalar(select(func.count()).select_from(Account)) == 1
    sync_once(central, cache, kiosk_id="hall-1", now=NOW)  # answered once: not pushed again
    assert [status for status, _ in _answers(cache)] == ["refused"]


def test_an_inquiry_recorded_offline_keeps_its_reference_on_central_and_in_the_cache(central, cache) -> None:
    seed_post(central)
    add_case(central, C1)
    sync_once(central, cache, kiosk_id="hall-1", now=NOW)  # the case comes into the cache
    with cache.transaction() as s:
        record = submit_inquiry(s, case_number=C1, kind="letter_copy", text="lost it", now=NOW, kiosk_id="hall-1")
        enqueue(s, "inquiry", {"reference": record.reference, "case_number": C1, "kind": "letter_copy",
                               "text": "lost it", "now": NOW.isoformat()}, now=NOW)
    sync_once(central, cache, kiosk_id="hall-1", now=NOW)
    ((status, answer),) = _answers(cache)
    assert status == "done" and answer["reference"] == record.reference
    for db in (central, cache):  # one inquiry, under the applicant's reference, on both sides
        with db.session() as s:
            assert s.scalars(select(Inquiry.reference)).all() == [record.reference]


def test_inquiry_words_and_answers_stay_on_central_the_cache_keeps_only_what_a_visit_needs(central, cache) -> None:
    from sqlalchemy import update

    from kiosk.sync.central_marks import RESYNC_NEEDED
    from kiosk.sync.pull import set_state

    seed_post(central)
    add_case(central, C1)
    with central.transaction() as s:  # written at another kiosk, answered by a clerk
        record = submit_inquiry(s, case_number=C1, kind="letter_copy", text="my name is LIN MEI, born 1988",
                                now=NOW, kiosk_id="hall-2")
    with central.transaction() as s:
        s.execute(update(Inquiry).values(outcome="Sent a copy to LIN MEI"))
    sync_once(central, cache, kiosk_id="hall-1", now=NOW)  # an incremental pull
    with cache.transaction() as s:
        set_state(s, RESYNC_NEEDED, "restored: test")
    sync_once(central, cache, kiosk_id="hall-1", now=NOW)  # and a full copy
    with cache.session() as s:
        kept = s.get(Inquiry, record.reference)
        assert (kept.case_number, kept.text, kept.outcome) == (C1, "", None)
    with central.session() as s:
        assert s.get(Inquiry, record.reference).text.startswith("my name is")


def test_queued_names_hashes_and_words_are_sealed_to_central_and_only_central_opens_them(central, cache) -> None:
    from kiosk.sync.sealed import SEALED

    seed_post(central)
    add_case(central, C1)
    sync_once(central, cache, kiosk_id="hall-1", now=NOW)  # the case, and central's public key
    _offline_account(cache, "wang.fang@example.cn")
    with cache.transaction() as s:
        record = submit_inquiry(s, case_number=C1, kind="letter_copy", text="", now=NOW, kiosk_id="hall-1")
        enqueue(s, "inquiry", {"reference": record.reference, "case_number": C1, "kind": "letter_copy",
                               "text": "Wang Fang lost the letter", "now": NOW.isoformat()}, now=NOW)
    with cache.session() as s:
        payloads = [json.loads(p) for p in s.scalars(select(OutboxCommand.payload).order_by(OutboxCommand.kind))]
    assert all(SEALED in p for p in payloads)
    assert not {"username", "password_hash", "text"} & {k for p in payloads for k in p}
    assert payloads[1]["reference"] == record.reference  # what the kiosk reads back stays in the clear
    raw = json.dumps(payloads)
    assert "wang.fang" not in raw and "Wang Fang" not in raw and "$argon2" not in raw

    sync_once(central, cache, kiosk_id="hall-1", now=NOW)
    assert [status for status, _ in _answers(cache)] == ["done", "done"]
    with central.session() as s:
        assert s.scalar(select(Account.username)) == "wang.fang@example.cn"
        assert s.get(Inquiry, record.reference).text == "Wang Fang lost the letter"
    assert sign_in(central, "wang.fang@example.cn", PASSPHRASE, now=NOW).username == "wang.fang@example.cn"
