"""The service's own PostgreSQL role: owns nothing, may do only what the service does.

Run as the owner of central's tables (the role migrations run as) after every migration;
running it again is harmless. Operators maintain the kiosk registry as the owner, so the
service may only read it; the audit trail and applied commands are append-only to it.
Nobody else may connect at all (REVOKE CONNECT … FROM PUBLIC), so the advisory locks that
order sync writes are reachable only by the service and the owner.
"""

from __future__ import annotations

import re

from sqlalchemy import create_engine, text

from kiosk.central.serve import IDLE_IN_TRANSACTION_MS, LOCK_TIMEOUT_MS, STATEMENT_TIMEOUT_MS
from kiosk.domain.errors import InputError

_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
# Per table, the privileges the service does not get (it gets SELECT, INSERT, UPDATE, DELETE on the rest).
WITHHELD = {
    "alembic_version": "INSERT, UPDATE, DELETE",
    "registered_kiosks": "INSERT, UPDATE, DELETE",
    "audit_log": "UPDATE, DELETE",
    "applied_commands": "UPDATE, DELETE",
}


def ensure_role(owner_url: str, role: str, password: str) -> list[str]:
    """Create or update `role`; returns the statements run (the password shown as ***)."""
    if not _NAME.fullmatch(role):
        raise InputError(f"{role!r} is not a plain role name (lower-case letters, digits, _)", field="role")
    if len(password) < 16:
        raise InputError("the service role's password: at least 16 characters", field="password")
    engine = create_engine(owner_url, isolation_level="AUTOCOMMIT", hide_parameters=True)  # a password is bound below
    done: list[str] = []
    try:
        with engine.connect() as conn:
            database = conn.execute(text("SELECT current_database()")).scalar_one()
            exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first()
            verb = "ALTER" if exists else "CREATE"
            quoted_pw = conn.execute(text("SELECT quote_literal(:p)"), {"p": password}).scalar_one()
            statements = [
                f"{verb} ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION "
                f"PASSWORD {quoted_pw}",
                f'REVOKE CONNECT, TEMPORARY ON DATABASE "{database}" FROM PUBLIC',
                f'GRANT CONNECT ON DATABASE "{database}" TO {role}',
                "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
                f"GRANT USAGE ON SCHEMA public TO {role}",
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
                f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
                *(f"REVOKE {privs} ON {table} FROM {role}" for table, privs in WITHHELD.items()),
                f"ALTER ROLE {role} SET statement_timeout = {STATEMENT_TIMEOUT_MS}",
                f"ALTER ROLE {role} SET lock_timeout = {LOCK_TIMEOUT_MS}",
                f"ALTER ROLE {role} SET idle_in_transaction_session_timeout = {IDLE_IN_TRANSACTION_MS}",
            ]
            for sql in statements:
                conn.execute(text(sql))
                done.append(sql.replace(quoted_pw, "***"))
    finally:
        engine.dispose()
    return done
