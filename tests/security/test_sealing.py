"""The sealed box: only the private key's holder opens it; a changed byte or another key fails."""

from __future__ import annotations

import pytest

from kiosk.sealing import SealError, new_key_pair, open_sealed, public_of, seal


def test_sealed_to_central_opens_with_its_key_only() -> None:
    private, public = new_key_pair()
    other, _ = new_key_pair()
    assert public_of(private) == public
    blob = seal(public, "王芳 lost the letter".encode())
    assert "王芳".encode() not in blob and seal(public, b"x") != seal(public, b"x")  # fresh each time
    assert open_sealed(private, blob).decode() == "王芳 lost the letter"
    with pytest.raises(SealError):
        open_sealed(other, blob)
    with pytest.raises(SealError):
        open_sealed(private, blob[:-1] + bytes([blob[-1] ^ 1]))
