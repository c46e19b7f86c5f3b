"""`kiosk-central`: the post's CA, kiosks issued, renewed and revoked, the service's role — as operators run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from kiosk.central import pki
from kiosk.store.db import Database
from kiosk.store.kiosk_registry import RegisteredKiosk
from tests.central.harness import ROOT
from tests.pg_scratch import scratch_db

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def owner_url() -> Iterator[str]:
    with scratch_db("kiosk-central's CLI", "kiosk_central_cli", migrated=False) as db:
        yield db.url


def central(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiosk.central.cli", *args], cwd=ROOT, input=stdin, text=True,
                          capture_output=True, timeout=120, env={**os.environ, "KIOSK_CENTRAL_DB_URL": url})


def test_the_operators_round_issue_renew_revoke(owner_url: str, tmp_path: Path) -> None:
    ca, out = tmp_path / "ca", tmp_path / "out"
    assert central(owner_url, "migrate").returncode == 0
    assert central(owner_url, "pki", "init-ca", "--ca-dir", str(ca), "--post", "GUZ").returncode == 0
    again = central(owner_url, "pki", "init-ca", "--ca-dir", str(ca), "--post", "GUZ")
    assert again.returncode == 2 and "already" in again.stderr
    assert oct((ca / "ca.key").stat().st_mode & 0o777) == "0o600"
    issued = json.loads(central(owner_url, "pki", "issue", "hall-1", "--ca-dir", str(ca), "--out", str(out),
                                "--loan-cap", "4").stdout)
    assert issued["kiosk_id"] == "hall-1" and issued["loan_cap"] == 4 and (out / "hall-1.key").exists()
    twice = central(owner_url, "pki", "issue", "hall-1", "--ca-dir", str(ca), "--out", str(out))
    assert twice.returncode == 2 and "renew" in twice.stderr
    renewed = json.loads(central(owner_url, "pki", "renew", "hall-1", "--ca-dir", str(ca), "--out", str(out)).stdout)
    assert renewed["serial"] != issued["serial"] and renewed["loan_cap"] == 4
    revoked = json.loads(central(owner_url, "pki", "revoke", "hall-1").stdout)
    assert revoked["status"] == "revoked"
    listed = json.loads(central(owner_url, "kiosk", "list").stdout)["kiosks"]
    assert [(k["kiosk_id"], k["status"], k["cert_serial"]) for k in listed] == [("hall-1", "revoked", renewed["serial"])]
    back = central(owner_url, "pki", "renew", "hall-1", "--ca-dir", str(ca), "--out", str(out))
    assert back.returncode == 2 and "revoked" in back.stderr and "Traceback" not in back.stderr
    assert central(owner_url, "pki", "issue", "bad id!", "--ca-dir", str(ca), "--out", str(out)).returncode == 2
    db = Database(owner_url)
    with db.session() as s:
        assert s.scalars(select(RegisteredKiosk.kiosk_id)).all() == ["hall-1"]
    db.dispose()
    # A clerk console: registered beside the kiosks, with the clerk-console role in its certificate and no loans.
    for verb in ("issue", "renew"):
        console = json.loads(central(owner_url, "pki", verb, "desk-1", "--console", "--loan-cap", "5",
                                     "--ca-dir", str(ca), "--out", str(out)).stdout)
        assert console["loan_cap"] == 0 and pki.is_console(pki.load_cert(out / "desk-1.pem"))
    assert not pki.is_console(pki.load_cert(out / "hall-1.pem"))


def test_the_service_role_owns_nothing_and_public_cannot_connect(owner_url: str) -> None:
    role = f"kc_cli_{os.getpid()}"
    done = central(owner_url, "db-role", role, stdin="a-long-enough-password-for-the-role\n")
    assert done.returncode == 0, done.stderr
    assert "a-long-enough-password" not in done.stdout  # the statements are shown, the password is not
    admin = create_engine(owner_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            owned = conn.execute(text("SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
                                      "WHERE r.rolname = :r"), {"r": role}).scalar_one()
            public = conn.execute(text("SELECT has_database_privilege('public', current_database(), 'CONNECT')"))
            registry = conn.execute(text("SELECT has_table_privilege(:r, 'registered_kiosks', 'INSERT'), "
                                         "has_table_privilege(:r, 'audit_log', 'DELETE'), "
                                         "has_table_privilege(:r, 'bookings', 'UPDATE')"), {"r": role}).one()
            settings = conn.execute(text("SELECT unnest(setconfig) FROM pg_db_role_setting s JOIN pg_roles r "
                                         "ON r.oid = s.setrole WHERE r.rolname = :r"), {"r": role}).scalars().all()
        assert owned == 0 and public.scalar_one() is False
        assert tuple(registry) == (False, False, True)
        assert {s.split("=")[0] for s in settings} >= {"statement_timeout", "lock_timeout",
                                                        "idle_in_transaction_session_timeout"}
        short = central(owner_url, "db-role", role, stdin="short\n")
        assert short.returncode == 2 and "16 characters" in short.stderr
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP OWNED BY {role}"))
            conn.execute(text(f"DROP ROLE {role}"))
        admin.dispose()
