"""The QR payload's signature tells a genuine confirmation from a forged or altered one."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.pdf.qrsign import QrClaims, Verdict, sign_payload, verify_payload

KEY = b"\x01" * 32
CLAIMS = QrClaims("BK-7K3M9Q", "GUZ2019541234", datetime(2026, 12, 7, 8, 30))


def test_signed_payload_verifies_and_returns_its_claims() -> None:
    payload = sign_payload(CLAIMS, KEY)
    assert payload.startswith("KIOSK1|BK-7K3M9Q|GUZ2019541234|2026-12-07T08:30|")
    result = verify_payload(payload, KEY)
    assert result.verdict is Verdict.VALID and result.claims == CLAIMS


def test_payload_signed_with_another_key_is_refused() -> None:
    assert verify_payload(sign_payload(CLAIMS, b"\x02" * 32), KEY).verdict is Verdict.BAD_SIGNATURE


def test_moving_the_slot_in_a_genuine_payload_breaks_the_signature() -> None:
    forged = sign_payload(CLAIMS, KEY).replace("2026-12-07T08:30", "2026-12-08T08:30")
    assert verify_payload(forged, KEY).verdict is Verdict.BAD_SIGNATURE


@given(position=st.integers(min_value=0), replacement=st.characters(codec="ascii"))
def test_changing_any_character_invalidates_the_payload(position: int, replacement: str) -> None:
    payload = sign_payload(CLAIMS, KEY)
    i = position % len(payload)
    if payload[i] == replacement:
        return
    tampered = payload[:i] + replacement + payload[i + 1 :]
    assert not verify_payload(tampered, KEY).ok


@pytest.mark.parametrize(
    ("payload", "verdict"),
    [
        ("", Verdict.MALFORMED),
        ("https://example.org/", Verdict.MALFORMED),
        ("KIOSK1|a|b|c", Verdict.MALFORMED),
        ("KIOSK9|BK-1|GUZ2019541234|2026-12-07T08:30|AAAA", Verdict.UNKNOWN_VERSION),
        ("KIOSK2|BK-1|GUZ2019541234|2026-12-07T08:30|AAAA", Verdict.MALFORMED),  # no kiosk id
        ("KIOSK1|BK-1|GUZ2019541234|2026-12-07T08:30|AAAA", Verdict.BAD_SIGNATURE),
    ],
)
def test_payloads_that_are_not_genuine_get_a_reason(payload: str, verdict: Verdict) -> None:
    assert verify_payload(payload, KEY).verdict is verdict


@pytest.mark.parametrize("reference", ["", "BK|1", "BK\n1"])
def test_a_reference_that_would_confuse_the_payload_is_not_signed(reference: str) -> None:
    with pytest.raises(ValueError):
        sign_payload(QrClaims(reference, "GUZ2019541234", datetime(2026, 12, 7, 8, 30)), KEY)
