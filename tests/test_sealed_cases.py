"""Sealed case records: the right (case number, date of birth) opens one, anything else does not."""

from __future__ import annotations

import base64
from datetime import date

import pytest

from kiosk import sealed_cases as sc

NUMBER = "GUZ2019541234"
DOB = date(1988, 7, 30)
RECORD = {"applicants": {"a1": ["王", "小明", "王小明", "1988-07-30"]}}


@pytest.fixture(scope="module")
def sealed() -> str:
    return sc.seal(sc.new_case_key(NUMBER, DOB), NUMBER, RECORD)


def test_the_right_pair_opens_the_record_as_typed(sealed: str) -> None:
    assert sc.open_with(" guz 2019 541234\n", DOB, sealed) == RECORD


def test_a_wrong_date_of_birth_does_not_open_it(sealed: str) -> None:
    with pytest.raises(sc.RecordSealed):
        sc.open_with(NUMBER, date(1988, 7, 31), sealed)


def test_a_record_moved_to_another_case_changed_or_cheapened_does_not_open(sealed: str) -> None:
    with pytest.raises(sc.RecordSealed):
        sc.open_with("GUZ2019541235", DOB, sealed)
    blob = base64.b64decode(sealed)
    with pytest.raises(sc.RecordSealed):
        sc.open_with(NUMBER, DOB, base64.b64encode(blob[:-1] + bytes([blob[-1] ^ 1])).decode())
    # The parameters are part of the header that is authenticated: a cheaper Argon2 gives another key.
    params = sc.params_of(sealed)
    cheaper = blob[:1] + sc._PARAMS.pack(params.memory_kib, params.time_cost + 1, params.parallelism) + blob[10:]
    with pytest.raises(sc.RecordSealed):
        sc.open_with(NUMBER, DOB, base64.b64encode(cheaper).decode())


def test_the_record_carries_the_parameters_it_was_sealed_with(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(sc.PARAMS_VAR, "128,2,1")
    text = sc.seal(sc.new_case_key(NUMBER, DOB), NUMBER, RECORD)
    monkeypatch.setenv(sc.PARAMS_VAR, "64,1,1")  # the kiosk's own setting does not matter
    assert sc.params_of(text) == sc.Argon2Params(128, 2, 1)
    assert sc.open_with(NUMBER, DOB, text) == RECORD
    monkeypatch.delenv(sc.PARAMS_VAR)
    assert sc.configured_params() == sc.PARAMS == sc.Argon2Params(64 * 1024, 2, 1)
    monkeypatch.setenv(sc.PARAMS_VAR, "4,1,1")
    with pytest.raises(ValueError, match="memory_kib"):
        sc.configured_params()


def test_the_blob_holds_no_name_or_date_in_any_encoding(sealed: str) -> None:
    for blob in (sealed.encode(), base64.b64decode(sealed)):
        for text in ("王小明", "小明", "1988-07-30", "19880730"):
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                assert text.encode(encoding) not in blob
