"""Password rules of NIST SP 800-63B-4 and the Argon2id parameter floor (no database)."""

from __future__ import annotations

import re

import pytest
from argon2.exceptions import VerificationError

from kiosk.services import accounts
from kiosk.services.accounts import AccountError, check_new_password, is_blocklisted


def _code(password: str, **kw: str) -> str | None:
    try:
        check_new_password(password, **kw)
    except AccountError as exc:
        return exc.code
    return None


def test_fourteen_characters_are_refused_fifteen_accepted() -> None:
    assert _code("violet mangoes") == accounts.PASSWORD_TOO_SHORT  # 14
    assert _code("violet mangoes!") is None  # 15


def test_spaces_count_as_characters() -> None:
    assert _code("tea at four, ok") is None  # 15 with the spaces


def test_sixty_four_and_far_longer_passwords_are_accepted() -> None:
    long = "the river at dusk carried lanterns past the old stone bridge " * 4
    assert len(long) > 64
    assert check_new_password(long) == long


def test_every_unicode_code_point_counts_as_one_character() -> None:
    assert _code("广州领事馆的春天真美丽") == accounts.PASSWORD_TOO_SHORT  # 11 characters
    assert _code("广州领事馆的春天真美丽啊我们一起去") is None  # 17


def test_password_is_nfkc_normalised() -> None:
    # Full-width letters and the "ﬁ" ligature become their plain forms.
    assert check_new_password("ｃｏｆｆｅｅ ｏｎ ｔｈｅ ｂａｌｃｏｎｙ ﬁne") == "coffee on the balcony fine"


def test_password_is_never_truncated() -> None:
    prefix = "correct horse battery staple " * 10  # 290 characters, far past bcrypt's 72 bytes
    hashed = accounts.HASHER.hash(check_new_password(prefix + "one"))
    with pytest.raises(VerificationError):
        accounts.HASHER.verify(hashed, prefix + "two")
    assert accounts.HASHER.verify(hashed, prefix + "one")


def test_common_password_of_fifteen_characters_is_blocklisted() -> None:
    assert _code("123456789123456") == accounts.PASSWORD_BLOCKLISTED
    assert _code("1q2w3e4r5t6y7u8i9o0p") == accounts.PASSWORD_BLOCKLISTED


def test_blocklist_ignores_case_and_spaces() -> None:
    assert _code("Friend Of EMILY") == accounts.PASSWORD_BLOCKLISTED  # listed as "friend of emily"
    assert is_blocklisted("KARTOFFELPUFFER")
    assert is_blocklisted("kartoffel puffer")


def test_repetitions_are_blocklisted() -> None:
    assert _code("aaaaaaaaaaaaaaaa") == accounts.PASSWORD_BLOCKLISTED
    assert _code("abcabcabcabcabcabc") == accounts.PASSWORD_BLOCKLISTED


def test_blocklist_file_is_shipped_with_thousands_of_entries() -> None:
    assert len(accounts._blocklist()) > 10_000
    assert "password" in accounts._blocklist()


def test_password_equal_to_user_name_is_refused() -> None:
    assert _code("meilin.guangzhou@example.cn", username="MeiLin.Guangzhou@example.cn") == accounts.PASSWORD_IS_USERNAME


def test_no_composition_rules() -> None:
    assert _code("only lower case letters here") is None


def test_argon2id_parameters_are_at_or_above_the_owasp_floor() -> None:
    phc = accounts.HASHER.hash("a sufficiently long passphrase")
    m = re.fullmatch(r"\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$.+", phc)
    assert m, phc
    memory_kib, time_cost, parallelism = map(int, m.groups())
    assert memory_kib >= 19 * 1024
    assert time_cost >= 2
    assert parallelism >= 1
