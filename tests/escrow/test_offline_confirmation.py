"""An offline booking's confirmation prints at the kiosk, says so, and its QR checks as genuine on central."""

from __future__ import annotations

import pytest
from sqlalchemy import delete

from kiosk.sync.offline import offline_bookable_slots
from kiosk.pdf.qrsign import QrClaims, sign_payload
from kiosk.services.booking import book
from kiosk.services.confirmation import ConfirmationState, check_confirmation, offline_confirmation_pdf
from kiosk.services.signing import kiosk_key
from kiosk.store.loans import KioskKey
from tests.escrow.helpers import SLOT, at, looked_up, seed
from tests.pdf.pdfcheck import pdf_text, qr_codes, squash
from tests.sync.via import book_at_kiosk, sync_once

pytestmark = pytest.mark.postgres


def _offline_booking(central, cache) -> tuple[str, str]:
    numbers = seed(central)
    sync_once(central, cache, kiosk_id="hall-1", now=at("09:00"))  # loans and this kiosk's key
    k = book_at_kiosk(central.down(), cache, kiosk_id="hall-1", case_number=looked_up(cache, numbers[0]), slot_id=SLOT,
                      now=at("09:10"))
    assert k.offline
    return numbers[0], k.result.reference


def _check(central, payload: str) -> ConfirmationState:
    with central.session() as s:
        return check_confirmation(s, payload).state


def test_an_offline_confirmation_is_printed_from_the_cache_and_says_which_kiosk_issued_it_offline(central, cache):
    number, reference = _offline_booking(central, cache)
    with cache.session() as s:
        en = offline_confirmation_pdf(s, number, kiosk_id="hall-1", now=at("09:10"))
        zh = offline_confirmation_pdf(s, number, kiosk_id="hall-1", now=at("09:10"), language="zh_CN")
    assert "Issued offline by this kiosk. This confirmation is final" in " ".join(pdf_text(en).split())
    assert squash("由本自助机离线签发") in squash(pdf_text(zh))
    assert "hall-1" not in pdf_text(en) + pdf_text(zh)  # no internal ids on the applicant's paper; the QR has it
    (payload,) = qr_codes(en)
    assert payload.startswith(f"KIOSK2|{reference}|{number}|2026-11-03T15:00|hall-1|")


def test_its_qr_checks_as_genuine_once_the_booking_reached_central_and_a_forged_one_does_not(central, cache):
    number, reference = _offline_booking(central, cache)
    with cache.session() as s:
        (payload,) = qr_codes(offline_confirmation_pdf(s, number, kiosk_id="hall-1", now=at("09:10")))
    assert _check(central, payload) is ConfirmationState.UNKNOWN  # genuine, but central has not heard of it
    sync_once(central, cache, kiosk_id="hall-1", now=at("09:20"))
    assert _check(central, payload) is ConfirmationState.CURRENT
    body, sig = payload.rsplit("|", 1)
    assert _check(central, f"{body}|{'A' * len(sig)}") is ConfirmationState.NOT_GENUINE
    moved = payload.replace("2026-11-03T15:00", "2026-11-03T16:00")
    assert _check(central, moved) is ConfirmationState.NOT_GENUINE
    # Another kiosk's key cannot vouch for hall-1, nor can hall-1's for a booking it did not make offline.
    with central.transaction() as s:
        other = kiosk_key(s, "hall-2", now=at("09:20"))
    claims = QrClaims(reference, number, at("15:00"), "hall-1")
    assert _check(central, sign_payload(claims, other)) is ConfirmationState.NOT_GENUINE
    online = book(central, "GUZ2019000002", SLOT, now=at("09:30"), kiosk_id="hall-1")
    with central.session() as s:
        mine = bytes.fromhex(s.get(KioskKey, "hall-1").hmac_key)
    forged = sign_payload(QrClaims(online.reference, "GUZ2019000002", at("15:00"), "hall-1"), mine)
    assert _check(central, forged) is ConfirmationState.NOT_GENUINE


def test_a_kiosk_without_its_signing_key_offers_no_times_offline(central, cache):
    seed(central)
    sync_once(central, cache, kiosk_id="hall-1", now=at("09:00"))
    assert offline_bookable_slots(cache, "hall-1", at("09:05"))
    with cache.transaction() as s:
        s.execute(delete(KioskKey))
    assert offline_bookable_slots(cache, "hall-1", at("09:05")) == []
