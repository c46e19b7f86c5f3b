"""What the clerk console's tests on the real service share (tests/central/test_desk_*.py): the consoles' and
staff's password, a console's TLS client, a raw call, the audit rows of one kind. Their fixtures (desk_central,
desk) are in tests/central/conftest.py."""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import select

from kiosk.central import pki
from kiosk.central.client import RemoteCentral
from kiosk.store.models import AuditEvent as AuditRow
from tests.central.harness import Service
from tests.central.hub import Hub

PASSWORD = "counter three by the east window"


def remote(svc: Service, who: str, hub: Hub, *, urls: list[str] | None = None) -> RemoteCentral:
    tls: Path = svc.tls
    return RemoteCentral(urls or [svc.url], ca=tls / pki.CA_CERT, cert=tls / f"{who}.pem",
                         key=tls / f"{who}.key", clock=hub.now, deadline=15.0, connect=1.0)


def raw(client: RemoteCentral, path: str, body: dict) -> tuple[int, dict]:
    r = client._send("POST", path, body, time.monotonic() + 15)
    return r.status_code, r.json()


def audit(svc: Service, action: str, number: str | None = None) -> list[AuditRow]:
    with svc.central.session() as s:
        query = select(AuditRow).where(AuditRow.action == action)
        if number:
            query = query.where(AuditRow.case_number == number)
        return list(s.scalars(query.order_by(AuditRow.id)))
