"""The real central service for a test module: the session's `kiosk-central serve` (tests.central.hub), emptied
at the module's start, with central's clock the real one (these tests check clock skew against it), and
hall-1 and hall-2 issued and registered. Extra instances a test starts (failover) stop with the module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.central import pki, registry
from kiosk.central.remote_desk import RemoteDesk
from kiosk.services.clerk import add_staff
from tests.central.desk_setup import PASSWORD, remote
from tests.central.harness import Service, post_now, stop
from tests.central.hub import Hub
from tests.factories import seed_post


@pytest.fixture(scope="module")
def service(service_hub: Hub) -> Iterator[Service]:
    hub = service_hub
    hub.reset()
    hub.set_clock(post_now(), speed=1.0)  # central's clock runs in real time from the post's now
    svc = Service(hub.url, hub.tls, hub.central, hub.role_url)
    for kiosk in ("hall-1", "hall-2"):
        svc.issue(kiosk)
    try:
        yield svc
    finally:
        for proc in svc.procs:
            stop(proc)
        hub.reset()


@pytest.fixture(scope="module")
def desk_central(service: Service) -> Service:
    """Two consoles' certificates (the clerk-console role) registered, a clerk and a supervisor, cases and slots."""
    for console in ("desk-1", "desk-2"):
        issued = pki.issue_console(service.tls, service.tls, console)
        registry.register(service.central, issued.cert_path, now=post_now(), loan_cap=0)
    for name, role in (("wang", "clerk"), ("chen", "supervisor"), ("zhao", "clerk")):
        add_staff(service.central, name, PASSWORD, role=role, display_name=name.title(), now=post_now())
    seed_post(service.central)
    return service


@pytest.fixture
def desk(desk_central: Service, service_hub: Hub, tmp_path: Path) -> Iterator[RemoteDesk]:
    """A console (desk-1) on the service, nobody signed in."""
    client = remote(desk_central, "desk-1", service_hub)
    yield RemoteDesk(client, tmp_path / "reprints")
    client.close()
