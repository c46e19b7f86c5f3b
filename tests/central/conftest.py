"""One real central service per test module: scratch PostgreSQL, the post's PKI, `kiosk-central serve` over mTLS."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kiosk.central import pki
from kiosk.store.db import Database
from tests.central.harness import Service, free_port, service_role, start_service, stop
from tests.conftest import PG_URL_VAR, pg_url
from tests.pg_scratch import scratch_database


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> Iterator[Service]:
    url = pg_url()
    if url is None:
        pytest.skip(f"the central service needs PostgreSQL: set {PG_URL_VAR}")
    tls = tmp_path_factory.mktemp("tls")
    with scratch_database(url, "kiosk_central_svc") as scratch:
        owner_url = scratch.render_as_string(hide_password=False)
        central = Database(owner_url)
        central.init_schema()
        pki.init_ca(tls, "GUZ")
        pki.issue_server(tls, tls, ["127.0.0.1", "localhost"])
        port = free_port()
        with service_role(owner_url) as role_url:
            svc = Service(f"https://127.0.0.1:{port}", tls, central, role_url)
            for kiosk in ("hall-1", "hall-2"):
                svc.issue(kiosk)
            svc.procs.append(start_service(tls, role_url, port, log=tls / "service.log"))
            try:
                yield svc
            finally:
                for proc in svc.procs:
                    stop(proc)
                central.dispose()
