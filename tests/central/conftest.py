"""The real central service for a test module: the session's `kiosk-central serve` (tests.central.hub), emptied
at the module's start, with central's clock the real one (these tests check clock skew against it), and
hall-1 and hall-2 issued and registered. Extra instances a test starts (failover) stop with the module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.central.harness import Service, post_now, stop
from tests.central.hub import Hub


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
