"""UI fixtures: offscreen Qt, a real demo database per test (seeded once, copied), a running kiosk."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before pytest-qt creates the QApplication
os.environ.setdefault("KIOSK_SPEECH", "off")  # reading aloud only where a test asks for it (test_speech.py)

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.services.demo import seed_demo
from kiosk.store.db import Database
from tests.clock import Clock
from ui.pages.ids import PageId
from tests.sqlite_templates import build_template, copy_of
# The central-mode fixtures, for every UI test module that names them as arguments.
from tests.ui.central_fixtures import central_db as central_db
from tests.ui.central_fixtures import central_kiosk as central_kiosk
from tests.ui.central_fixtures import central_template as central_template
from tests.ui.central_fixtures import link as link
from tests.ui.demo_day import NOW as NOW
from tests.ui.demo_day import PASSPHRASE as PASSPHRASE
from tests.ui.demo_day import TODAY as TODAY


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_template(tmp_path_factory.mktemp("demo") / "template.db", lambda db: seed_demo(db, TODAY))


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    db = copy_of(demo_template, tmp_path / "kiosk.db")
    yield db
    db.dispose()


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def kiosk(qtbot, qapp, demo_db: Database, clock: Clock):  # type: ignore[no-untyped-def]
    from kiosk.app.visit import VisitServices
    from ui.app import build
    from ui.style import apply_style

    apply_style(qapp)
    services = VisitServices(db=demo_db, demo=True, kiosk_id="test-kiosk", clock=clock)
    k = build(services, idle_ms=60_000, warn_ms=3_000, operator_pin="1357")
    qtbot.addWidget(k.shell)
    k.shell.resize(1280, 800)
    k.shell.show()
    qtbot.waitExposed(k.shell)
    assert len(k.wizard.pages) == len(PageId)  # all made now (a running kiosk makes them once Welcome is painted)
    yield k
    k.shell.shutdown()
    k.languages.set_language("en")
