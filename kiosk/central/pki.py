"""The post's certificate authority: its CA, the service's server certificate, one client certificate per kiosk.

Files only (PEM); the registry of which certificate a kiosk may use now lives on central
(kiosk.central.registry), so revoking is a database write the service sees at the next request.
Keys are EC P-256: small, fast handshakes, supported by every TLS stack the kiosk meets.
"""

from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from kiosk.domain.errors import InputError

CA_CERT, CA_KEY = "ca.pem", "ca.key"
CA_DAYS, SERVER_DAYS, KIOSK_DAYS = 3650, 825, 397
CONSOLE_UNIT = "clerk-console"  # a clerk console's certificate carries this organisational unit (is_console)
KIOSK_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")  # as kiosk.config accepts it


@dataclass(frozen=True)
class Issued:
    cert_path: Path
    key_path: Path
    serial: str  # hex, as the registry keeps it
    not_after: datetime


def serial_hex(cert: x509.Certificate) -> str:
    return format(cert.serial_number, "x")


def _write_key(path: Path, key: ec.EllipticCurvePrivateKey) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())
    # Created 0600 from the start: never readable by others, not even for a moment.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def _write_cert(path: Path, cert: x509.Certificate) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def load_cert(path: Path) -> x509.Certificate:
    try:
        return x509.load_pem_x509_certificate(Path(path).read_bytes())
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: not a readable PEM certificate ({exc})", field="certificate") from None


def _load_ca(ca_dir: Path) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    cert = load_cert(ca_dir / CA_CERT)
    try:
        key = serialization.load_pem_private_key((ca_dir / CA_KEY).read_bytes(), password=None)
    except (OSError, ValueError) as exc:
        raise InputError(f"{ca_dir / CA_KEY}: the CA's key cannot be read ({exc})", field="ca") from None
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise InputError(f"{ca_dir / CA_KEY}: not an EC key", field="ca")
    return cert, key


def init_ca(ca_dir: Path, post_code: str, *, now: datetime | None = None) -> Path:
    """Make the post's CA in `ca_dir` (ca.pem, ca.key); refuses to overwrite an existing one."""
    ca_dir = Path(ca_dir)
    if (ca_dir / CA_KEY).exists() or (ca_dir / CA_CERT).exists():
        raise InputError(f"{ca_dir}: a CA is already there; it is never replaced in place", field="ca")
    now = now or datetime.now(UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, f"Consular post {post_code.upper()}"),
                      x509.NameAttribute(NameOID.COMMON_NAME, f"{post_code.upper()} kiosk CA")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=CA_DAYS))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    _write_key(ca_dir / CA_KEY, key)
    _write_cert(ca_dir / CA_CERT, cert)
    return ca_dir / CA_CERT


def _issue(ca_dir: Path, out_dir: Path, stem: str, subject: str, usage: x509.ObjectIdentifier,
           days: int, san: list[x509.GeneralName], now: datetime | None, unit: str | None = None) -> Issued:
    ca_cert, ca_key = _load_ca(Path(ca_dir))
    now = now or datetime.now(UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    not_after = min(now + timedelta(days=days), ca_cert.not_valid_after_utc)
    builder = (x509.CertificateBuilder()
               .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject),
                                        *([x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit)] if unit else [])]))
               .issuer_name(ca_cert.subject).public_key(key.public_key())
               .serial_number(x509.random_serial_number())
               .not_valid_before(now - timedelta(minutes=5)).not_valid_after(not_after)
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
               .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                              critical=False))
    if san:
        builder = builder.add_extension(x509.SubjectAlternativeName(san), critical=False)
    cert = builder.sign(ca_key, hashes.SHA256())
    out_dir = Path(out_dir)
    cert_path, key_path = out_dir / f"{stem}.pem", out_dir / f"{stem}.key"
    _write_key(key_path, key)
    _write_cert(cert_path, cert)
    return Issued(cert_path, key_path, serial_hex(cert), not_after)


def issue_kiosk(ca_dir: Path, out_dir: Path, kiosk_id: str, *, now: datetime | None = None,
                days: int = KIOSK_DAYS) -> Issued:
    """A client certificate whose common name is the kiosk id (the only place the service reads it from)."""
    if not KIOSK_ID.fullmatch(kiosk_id):
        raise InputError(f"{kiosk_id!r}: a kiosk id is letters, digits, '.', '_' or '-' (at most 64)", field="kiosk")
    return _issue(ca_dir, out_dir, kiosk_id, kiosk_id, ExtendedKeyUsageOID.CLIENT_AUTH, days, [], now)


def issue_console(ca_dir: Path, out_dir: Path, console_id: str, *, now: datetime | None = None,
                  days: int = KIOSK_DAYS) -> Issued:
    """A clerk console's client certificate: its id as the common name, and the clerk-console role (CONSOLE_UNIT as
    its organisational unit). The CA signs the role, so only a certificate issued as a console's is one."""
    if not KIOSK_ID.fullmatch(console_id):
        raise InputError(f"{console_id!r}: a console id is letters, digits, '.', '_' or '-' (at most 64)",
                         field="console")
    return _issue(ca_dir, out_dir, console_id, console_id, ExtendedKeyUsageOID.CLIENT_AUTH, days, [], now,
                  unit=CONSOLE_UNIT)


def is_console(cert: x509.Certificate | None) -> bool:
    """Whether a verified client certificate was issued to a clerk console (else it is a kiosk's)."""
    if cert is None:
        return False
    units = cert.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)
    return [u.value for u in units] == [CONSOLE_UNIT]


def issue_server(ca_dir: Path, out_dir: Path, names: list[str], *, now: datetime | None = None) -> Issued:
    """The service's certificate: each of `names` (host names or IP addresses) is a subject alternative name."""
    if not names:
        raise InputError("name at least one host name or IP address the kiosks use", field="name")
    san: list[x509.GeneralName] = []
    for n in names:
        try:
            san.append(x509.IPAddress(ipaddress.ip_address(n)))
        except ValueError:
            san.append(x509.DNSName(n))
    return _issue(ca_dir, out_dir, "server", names[0], ExtendedKeyUsageOID.SERVER_AUTH, SERVER_DAYS, san, now)


def kiosk_id_of(cert: x509.Certificate) -> str | None:
    """The kiosk id a verified client certificate names (its single common name), or None."""
    cns = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    if len(cns) != 1:
        return None
    value = cns[0].value
    text = value.decode() if isinstance(value, bytes) else value
    return text if KIOSK_ID.fullmatch(text) else None
