"""What the screenshot scripts share: offscreen Qt, a window driven by its widgets and grabbed to docs/screenshots/.

Import it before anything of the project: it puts the checkout on sys.path (the scripts run as
files, `uv run python scripts/NAME.py`) and chooses the offscreen platform before Qt starts.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget, QWizard  # noqa: E402

from kiosk.services.demo import seed_demo  # noqa: E402
from kiosk.store.db import Database, sqlite_url  # noqa: E402
from ui.pages.ids import PageId  # noqa: E402
from ui.style import apply_style  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
TODAY = date(2026, 11, 2)  # a Monday; the demo is laid out relative to it, as in the tests
SIZE = (1280, 800)  # the kiosk's screen
PASSPHRASE = "a quiet walk along the pearl river"


def kiosk_app() -> QApplication:
    """The QApplication, styled as the kiosk styles it."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_style(app)
    return app


def demo_database(folder: Path, name: str = "demo.db") -> Database:
    """A fresh SQLite file with the demo post, cases and slots laid out from TODAY."""
    db = Database(sqlite_url(folder / name))
    db.init_schema()
    seed_demo(db, TODAY)
    return db


class Scene:
    """A window being photographed: `shot` waits until its worker is idle, then grabs it to OUT/<prefix><name>.png."""

    def __init__(self, app: QApplication, runner, window: QWidget, prefix: str = "") -> None:  # type: ignore[no-untyped-def]
        self.app, self.runner, self.window, self.prefix = app, runner, window, prefix
        OUT.mkdir(parents=True, exist_ok=True)

    def settle(self, until: Callable[[], bool] = lambda: True, timeout_s: float = 15) -> None:
        """Run the event loop until `until()` holds and the worker is idle, or the time is up."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            if until() and not self.runner.busy:
                break
        self.app.processEvents()

    def shot(self, name: str, widget: QWidget | None = None) -> None:
        """Grab the window (or `widget`, e.g. a dialog) once everything asked for has arrived."""
        self.settle()
        path = OUT / f"{self.prefix}{name}.png"
        (widget or self.window).grab().save(str(path))
        print("wrote", path.relative_to(ROOT))


class KioskScene(Scene):
    """The kiosk app (what ui.app.build returns), shown at the kiosk's size and driven as a visitor would."""

    def __init__(self, app: QApplication, kiosk, prefix: str = "") -> None:  # type: ignore[no-untyped-def]
        super().__init__(app, kiosk.runner, kiosk.shell, prefix)
        self.kiosk = kiosk
        self.wizard = kiosk.wizard
        kiosk.shell.resize(*SIZE)
        kiosk.shell.show()
        self.printing_shot = False  # a shot of Done while printing: settle() does not wait for the printer

    def settle(self, until: Callable[[], bool] = lambda: True, timeout_s: float = 15) -> None:
        """As Scene.settle, and no printout on its way (Done prints at once, off the GUI thread)."""
        printing = self.wizard.printing
        super().settle(lambda: until() and (self.printing_shot or not printing.busy), timeout_s)

    def forward(self) -> None:
        """Touch Confirm or Next, whichever shows; wait until the page changes or shows its error."""
        wiz = self.wizard
        start = wiz.currentId()
        for which in (QWizard.WizardButton.CommitButton, QWizard.WizardButton.NextButton):
            if wiz.button(which).isVisible():
                wiz.button(which).click()
                break
        self.settle(lambda: wiz.currentId() != start or wiz.currentPage().error_label.isVisible())

    def sign_up(self, user: str) -> None:
        """On Sign in: create the account `user` and go on to the letter."""
        page = self.wizard.page_of(PageId.SIGN_IN)
        page.create_mode.click()
        page.username.setText(user)
        page.password.setText(PASSPHRASE)
        if page.needs_repeat:
            page.repeat.setText(PASSPHRASE)
        self.forward()

    def look_up(self, case_number: str, date_of_birth: str) -> None:
        """On the letter page: type the case and the date of birth, go on to Your case."""
        page = self.wizard.page_of(PageId.LETTER)
        page.case_number.setText(case_number)
        page.date_of_birth.setText(date_of_birth)
        self.forward()


class CentralScene(KioskScene):
    """A kiosk at the post: its cache, central on PostgreSQL behind `relay`, and `clock` to move on by hand."""

    def __init__(self, app: QApplication, kiosk, relay, clock) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app, kiosk)
        self.relay, self.clock = relay, clock


@contextmanager
def central_kiosk(now: datetime) -> Iterator[CentralScene]:
    """A kiosk against a scratch central (the demo) in process, synced once; all of it removed after.

    Central is a database of its own on the server of KIOSK_TEST_PG_URL, reached through a TCP
    relay that `relay.cut()` drops as a lost network would.
    """
    from kiosk.app.in_process import InProcessCentral
    from kiosk.app.opening import open_cache
    from kiosk.app.visit import VisitServices
    from tests.clock import Clock
    from tests.pg_scratch import scratch_database
    from tests.ui.central_fixtures import write_config
    from tests.ui.link_proxy import LinkProxy
    from ui.app import build

    url = os.environ.get("KIOSK_TEST_PG_URL")
    if not url:
        sys.exit("set KIOSK_TEST_PG_URL to a PostgreSQL superuser URL")
    with scratch_database(url, "kiosk_screens") as central_url:
        central = Database(central_url.render_as_string(hide_password=False))
        central.init_schema()
        seed_demo(central, TODAY)
        central.dispose()
        relay = LinkProxy(central_url.host or "127.0.0.1", central_url.port or 5432)
        tmp = Path(tempfile.mkdtemp())
        # Central in process (kiosk.app.in_process), through the relay: a screenshot needs no service.
        link = write_config(tmp, central_url.render_as_string(hide_password=False), port=relay.port)
        app = kiosk_app()
        clock = Clock(now)
        config = link.config
        cache = open_cache(config)
        central_link = InProcessCentral(Database(link.central_url), kiosk_id=config.kiosk_id)
        services = VisitServices(db=cache, kiosk_id=config.kiosk_id, clock=clock, central=central_link,
                                 sync_seconds=config.sync_seconds, cache_path=config.cache_path, print_dir=tmp)
        scene = CentralScene(app, build(services, operator_pin="0000", sync_ms=500), relay, clock)
        try:
            scene.kiosk.link.start()
            scene.settle(lambda: scene.kiosk.link.state.reachable is True)
            yield scene
        finally:
            scene.kiosk.shell.shutdown()
            relay.close()
            cache.dispose()
            central_link.dispose()
