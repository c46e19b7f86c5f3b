"""A public-key sealed box (X25519 + HKDF-SHA256 + ChaCha20-Poly1305): anyone with the public key seals, only
the private key's holder opens. The construction of libsodium's crypto_box_seal, from `cryptography`.

A fresh ephemeral key pair per message: the shared secret of (ephemeral private, recipient public)
keys one message only, so the nonce can be fixed. The blob is the ephemeral public key + ciphertext.
"""

from __future__ import annotations

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_INFO = b"consular-kiosk sealed box v1"
_NONCE = bytes(12)
_RAW = serialization.Encoding.Raw


class SealError(ValueError):
    """The blob was not sealed to this key, or was changed."""


def new_key_pair() -> tuple[bytes, bytes]:
    """(private, public), 32 raw bytes each."""
    private = X25519PrivateKey.generate()
    return (private.private_bytes(_RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption()),
            _public(private))


def public_of(private: bytes) -> bytes:
    return _public(X25519PrivateKey.from_private_bytes(private))


def seal(public: bytes, plain: bytes) -> bytes:
    ephemeral = X25519PrivateKey.generate()
    eph_public = _public(ephemeral)
    key = _key(ephemeral.exchange(X25519PublicKey.from_public_bytes(public)), eph_public, public)
    return eph_public + ChaCha20Poly1305(key).encrypt(_NONCE, plain, None)


def open_sealed(private: bytes, blob: bytes) -> bytes:
    if len(blob) < 32 + 16:
        raise SealError("too short to be a sealed box")
    me = X25519PrivateKey.from_private_bytes(private)
    eph_public, body = blob[:32], blob[32:]
    key = _key(me.exchange(X25519PublicKey.from_public_bytes(eph_public)), eph_public, _public(me))
    try:
        return ChaCha20Poly1305(key).decrypt(_NONCE, body, None)
    except InvalidTag:
        raise SealError("not sealed to this key, or changed on the way") from None


def _public(private: X25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)


def _key(shared: bytes, eph_public: bytes, recipient: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=None, info=_INFO + eph_public + recipient).derive(shared)
