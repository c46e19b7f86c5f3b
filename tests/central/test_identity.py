"""Who may talk to central: a registered kiosk's certificate from the post's CA, and nothing else."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import socket
import ssl

import pytest

from sqlalchemy import select

from kiosk.central import pki, registry
from kiosk.store.alerts import Alert
from kiosk.central.client import CentralRefused, RemoteCentral
from kiosk.central.connections import ConnectFailed, Connections, ReplyLost
from kiosk.sync.errors import CentralUnreachable
from kiosk.domain.errors import InputError
from tests.central.harness import Service, post_now
from tests.factories import seed_post

pytestmark = pytest.mark.postgres


def test_a_registered_kiosk_is_known_by_its_certificate_and_told_the_posts_time(service: Service) -> None:
    seed_post(service.central)  # Guangzhou: central's clock is the post's, not the machine's zone (UTC here)
    with service.client("hall-1") as c:
        hello = c.hello()
    assert hello["kiosk_id"] == "hall-1"
    assert abs(datetime.fromisoformat(hello["central_time"]) - post_now()) < timedelta(minutes=1)


def test_no_client_certificate_is_refused_in_the_handshake(service: Service) -> None:
    links = Connections(service.url, ssl.create_default_context(cafile=str(service.tls / pki.CA_CERT)))
    with pytest.raises((ConnectFailed, ReplyLost)):  # TLS 1.3: the refusal comes with the first read
        links.request("GET", "/v1/hello", None, {"Kiosk-Time": datetime.now(UTC).isoformat()}, connect=5, timeout=5)


def test_a_certificate_from_another_ca_is_refused(service: Service, tmp_path) -> None:
    pki.init_ca(tmp_path, "GUZ")  # same post code, same kiosk id: only the CA differs
    pki.issue_kiosk(tmp_path, tmp_path, "hall-1")
    c = RemoteCentral([service.url], ca=service.tls / pki.CA_CERT, cert=tmp_path / "hall-1.pem",
                      key=tmp_path / "hall-1.key", deadline=5)
    with c, pytest.raises(CentralUnreachable):  # the server's TLS layer ends the handshake
        c.hello()


def test_a_server_that_does_not_chain_to_the_post_ca_is_refused(service: Service, tmp_path) -> None:
    pki.init_ca(tmp_path, "GUZ")  # the kiosk trusts another CA: the real server's certificate fails
    c = RemoteCentral([service.url], ca=tmp_path / pki.CA_CERT, cert=service.tls / "hall-1.pem",
                      key=service.tls / "hall-1.key", deadline=5)
    with c, pytest.raises(CentralUnreachable, match="CERTIFICATE_VERIFY_FAILED"):
        c.hello()


def test_an_unregistered_kiosk_gets_nothing(service: Service) -> None:
    pki.issue_kiosk(service.tls, service.tls, "hall-9")  # signed by the post's CA, never registered
    with service.client("hall-9") as c, pytest.raises(CentralRefused) as refused:
        c.loans(None)
    assert refused.value.code == "UNKNOWN_KIOSK"


def test_a_revoked_kiosk_gets_nothing_and_a_renewed_one_only_with_its_new_certificate(service: Service) -> None:
    service.issue("hall-5")
    old = service.tls / "hall-5-old.pem"
    old.write_bytes((service.tls / "hall-5.pem").read_bytes())
    (service.tls / "hall-5-old.key").write_bytes((service.tls / "hall-5.key").read_bytes())
    service.issue("hall-5")  # renewed: the certificate before it stops working
    with service.client("hall-5") as c:
        assert c.hello()["kiosk_id"] == "hall-5"
    with RemoteCentral([service.url], ca=service.tls / pki.CA_CERT, cert=old, key=service.tls / "hall-5-old.key") as c, \
            pytest.raises(CentralRefused):
        c.hello()
    registry.revoke(service.central, "hall-5", now=post_now())
    with service.client("hall-5") as c, pytest.raises(CentralRefused):
        c.loans(None)
    with pytest.raises(InputError, match="revoked"):
        service.issue("hall-5")


@pytest.mark.parametrize("off", [timedelta(days=365), -timedelta(days=365), timedelta(minutes=6)])
def test_a_kiosk_clock_far_off_is_refused_and_the_clerks_are_told(service: Service, off: timedelta) -> None:
    with service.client("hall-1", clock=lambda: datetime.now(UTC) + off) as c, pytest.raises(CentralRefused) as refused:
        c.hello()
    assert refused.value.code == "CLOCK_SKEW"
    with service.central.session() as s:
        alerts = s.scalars(select(Alert).where(Alert.kind == "clock_skew_kiosk")).all()
    assert [a.kiosk_id for a in alerts] == ["hall-1"]  # one open alert, counted up


@pytest.mark.parametrize("url", ["http://127.0.0.1:1", "postgresql+psycopg://kiosk@127.0.0.1/central",
                                 "https://user:pw@central.example"])
def test_the_client_takes_https_only(service: Service, url: str) -> None:
    with pytest.raises(InputError, match="https://"):
        service.client("hall-1", urls=[url])


def test_handshakes_left_hanging_do_not_keep_a_kiosk_waiting(service: Service) -> None:
    # As many peers as the service has threads open a TLS handshake and go silent (no certificate
    # needed for that): each is dropped after the handshake timeout, and a kiosk is answered.
    hanging = [socket.create_connection(("127.0.0.1", int(service.url.rsplit(":", 1)[1]))) for _ in range(8)]
    try:
        for s in hanging:
            s.sendall(b"\x16\x03\x01\x02\x00")  # the start of a ClientHello, never finished
        with service.client("hall-1", deadline=30) as c:  # (slack for a loaded machine: without the
            assert c.hello()["kiosk_id"] == "hall-1"       # handshake timeout it would wait forever)
    finally:
        for s in hanging:
            s.close()
