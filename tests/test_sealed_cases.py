"""Sealed case records: the right (case number, date of birth) opens one, anything else does not."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk import sealed_cases as sc

POST_KEY = bytes(range(32))
NUMBER = "GUZ2019541234"
DOB = date(1988, 7, 30)
RECORD = {"applicants": {"a1": ["王", "小明", "王小明", "1988-07-30"]}, "letter": {"visa_class": "F21"}}


@pytest.fixture(scope="module")
def sealed() -> tuple[bytes, str, bytes]:
    salt = sc.new_salt()
    index = sc.index_of(POST_KEY, NUMBER)
    return salt, index, sc.seal(sc.derive_key(NUMBER, DOB, salt), index, RECORD)


def test_the_right_pair_opens_the_record_as_typed(sealed: tuple[bytes, str, bytes]) -> None:
    salt, index, blob = sealed
    assert sc.index_of(POST_KEY, " guz 2019 541234\n") == index
    assert sc.open_with(" guz 2019 541234\n", DOB, salt, index, blob) == RECORD


def test_a_wrong_date_of_birth_does_not_open_it(sealed: tuple[bytes, str, bytes]) -> None:
    salt, index, blob = sealed
    with pytest.raises(sc.RecordSealed):
        sc.open_with(NUMBER, date(1988, 7, 31), salt, index, blob)


def test_a_record_moved_to_another_index_or_changed_does_not_open(sealed: tuple[bytes, str, bytes]) -> None:
    salt, index, blob = sealed
    key = sc.derive_key(NUMBER, DOB, salt)
    with pytest.raises(sc.RecordSealed):
        sc.open_record(key, sc.index_of(POST_KEY, "GUZ2019541235"), blob)
    with pytest.raises(sc.RecordSealed):
        sc.open_record(key, index, blob[:-1] + bytes([blob[-1] ^ 1]))


def test_the_index_names_no_case_number_without_the_post_key() -> None:
    index = sc.index_of(POST_KEY, NUMBER)
    assert NUMBER not in index and "2019541234" not in index
    assert sc.index_of(bytes(32), NUMBER) != index  # another post's key: another index


def test_the_blob_holds_no_name_or_date_in_any_encoding(sealed: tuple[bytes, str, bytes]) -> None:
    _, _, blob = sealed
    for text in ("王小明", "小明", "1988-07-30", "19880730", "F21"):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert text.encode(encoding) not in blob
