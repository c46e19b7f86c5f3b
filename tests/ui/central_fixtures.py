"""A kiosk app in central mode for tests: PostgreSQL central (a copy of a seeded template) in process, a SQLite cache."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from kiosk.config import CentralLink, KioskConfig
from kiosk.services.demo import seed_demo
from kiosk.store.db import Database
from tests.pg_scratch import scratch_db
from tests.ui.demo_day import TODAY
from tests.ui.link_proxy import LinkProxy
from ui.pages.ids import PageId


NEEDS = "a kiosk in central mode"


@pytest.fixture(scope="session")
def central_template() -> Iterator[str]:
    """The demo post, cases and slots on PostgreSQL, seeded once; each test copies it (CREATE … TEMPLATE)."""
    with scratch_db(NEEDS, "kiosk_ui_template") as db:
        seed_demo(db, TODAY)
        db.dispose()  # a template database must have no connections
        yield make_url(db.url).database


@pytest.fixture
def central_db(central_template: str) -> Iterator[Database]:
    """This test's central: a fresh copy of the template, reached directly (not through the kiosk's link)."""
    with scratch_db(NEEDS, "kiosk_ui_central", template=central_template) as db:
        yield db


@pytest.fixture
def link(central_db: Database) -> Iterator[LinkProxy]:
    """The network between the kiosk and central: a relay the test can cut."""
    url = make_url(central_db.url)
    proxy = LinkProxy(url.host or "127.0.0.1", url.port or 5432)
    yield proxy
    proxy.close()


@dataclass
class Site:
    config_path: Path
    central: Database  # central itself, for the test's own checks


@dataclass(frozen=True)
class InProcessLink:
    """A kiosk whose central is the in-process `Central` on central's database (through the test's relay).

    A kiosk in service never holds a database credential (kiosk.config refuses one); these tests
    reach central's database in the test process, as `kiosk.app.in_process.InProcessCentral` does.
    """

    config: KioskConfig
    central_url: str  # with the password, to 127.0.0.1:`port` (the relay)


def write_config(tmp_path: Path, central_url: str, *, port: int, query: str = "") -> InProcessLink:
    """A kiosk (hall-1, its cache in `tmp_path`) whose central database is reached at 127.0.0.1:`port` (the relay)."""
    u = make_url(central_url).set(host="127.0.0.1", port=port)
    config = KioskConfig(path=tmp_path / "kiosk.toml", post_code="GUZ", kiosk_id="hall-1",
                         cache_path=tmp_path / "cache.db", central_url="https://central.invalid",
                         link=CentralLink(("https://central.invalid",), tmp_path / "ca.pem", tmp_path / "hall-1.pem",
                                          tmp_path / "hall-1.key"), sync_seconds=1)
    url = make_url(u.render_as_string(hide_password=False) + query)
    if "connect_timeout" not in url.query:  # as short as a kiosk's: offline shows fast
        url = url.update_query_dict({"connect_timeout": "5"})
    return InProcessLink(config, url.render_as_string(hide_password=False))


def write_service_config(tmp_path: Path, url: str = "https://127.0.0.1:9", tls: Path | str = "tls") -> Path:
    """A kiosk.toml as shipped: the central service at `url`, the TLS files under `tls` (they need not exist)."""
    path = tmp_path / "kiosk.toml"
    path.write_text(f'[post]\ncode = "GUZ"\n[kiosk]\nid = "hall-1"\ncache = "cache.db"\nsync_seconds = 1\n'
                    f'[central]\nurl = "{url}"\nca = "{tls}/ca.pem"\ncert = "{tls}/hall-1.pem"\n'
                    f'key = "{tls}/hall-1.key"\n', "utf-8")
    return path


SYNC_MS = 400  # the link's interval in these tests (a real kiosk: 30 s)


def start_configured(qtbot, qapp, config_path: Path | InProcessLink, clock, print_dir: Path, *,  # type: ignore[no-untyped-def]
                     sync_ms: int = SYNC_MS, first_sync: bool = True, scanner=None):
    """The app as `kiosk --config FILE` builds it (or with the in-process central), shown; the first sync finished
    when `first_sync`."""
    from kiosk.app.in_process import InProcessCentral
    from kiosk.app.opening import open_cache
    from kiosk.app.visit import VisitServices
    from kiosk.config import load_config
    from ui.app import build, open_configured
    from ui.style import apply_style

    apply_style(qapp)
    if isinstance(config_path, InProcessLink):
        config = config_path.config
        cache = open_cache(config)
        central = InProcessCentral(Database(config_path.central_url), kiosk_id=config.kiosk_id)
    else:
        config = load_config(config_path)
        cache, central = open_configured(config)
    services = VisitServices(db=cache, demo=False, kiosk_id=config.kiosk_id, clock=clock, central=central,
                             sync_seconds=config.sync_seconds, cache_path=config.cache_path, print_dir=print_dir,
                             scanner=scanner)
    k = build(services, idle_ms=60_000, warn_ms=3_000, operator_pin="1357", sync_ms=sync_ms)
    qtbot.addWidget(k.shell)
    k.shell.resize(1280, 800)
    k.shell.show()
    qtbot.waitExposed(k.shell)
    assert len(k.wizard.pages) == len(PageId)  # all made now (a running kiosk makes them once Welcome is painted)
    if first_sync:
        with qtbot.waitSignal(k.link.synced, timeout=30_000):
            k.link.start()
    return k


def stop_configured(k) -> None:  # type: ignore[no-untyped-def]
    k.shell.shutdown()
    k.languages.set_language("en")
    k.services.central.dispose()
    k.services.db.dispose()


@pytest.fixture
def central_kiosk(qtbot, qapp, tmp_path, central_db, link, clock):  # type: ignore[no-untyped-def]
    """A configured kiosk whose central is reached through `link`, synced once."""
    k = start_configured(qtbot, qapp, write_config(tmp_path, central_db.url, port=link.port), clock,
                         tmp_path / "printed")
    yield k
    stop_configured(k)
