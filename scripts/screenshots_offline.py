"""docs/screenshots/offline-*.png and docs/samples/confirmation-offline*: booking from the kiosk's seat loan.

Needs PostgreSQL (KIOSK_TEST_PG_URL, a superuser URL): a scratch central database is created,
filled with the demo and dropped afterwards. The network is cut with a TCP relay.
"""

from __future__ import annotations

import os
import subprocess
import secrets
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication, QWizard  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from kiosk.config import load_config  # noqa: E402
from kiosk.services.demo import seed_demo  # noqa: E402
from kiosk.store.db import Database  # noqa: E402
from tests.ui.link_proxy import LinkProxy  # noqa: E402
from ui.app import build, open_configured  # noqa: E402
from ui.pages.ids import PageId  # noqa: E402
from ui.services import VisitServices  # noqa: E402
from ui.style import apply_style  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
TODAY, NOW = date(2026, 11, 2), datetime(2026, 11, 2, 14, 2)
SAMPLES = ROOT / "docs" / "samples"
PASSPHRASE = "a quiet walk along the pearl river"


def settle(until=lambda: True, timeout_s: float = 15) -> None:  # type: ignore[no-untyped-def]
    deadline = datetime.now().timestamp() + timeout_s
    while datetime.now().timestamp() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if until() and not kiosk.runner.busy:
            break
    app.processEvents()


def shot(name: str) -> None:
    settle()
    path = OUT / f"{name}.png"
    kiosk.shell.grab().save(str(path))
    print("wrote", path.relative_to(ROOT))


def forward() -> None:
    wiz = kiosk.wizard
    start = wiz.currentId()
    for which in (QWizard.WizardButton.CommitButton, QWizard.WizardButton.NextButton):
        if wiz.button(which).isVisible():
            wiz.button(which).click()
            break
    settle(lambda: wiz.currentId() != start or wiz.currentPage().error_label.isVisible())


url = os.environ.get("KIOSK_TEST_PG_URL")
if not url:
    sys.exit("set KIOSK_TEST_PG_URL to a PostgreSQL superuser URL")
admin = create_engine(url, isolation_level="AUTOCOMMIT")
name = f"kiosk_screens_{secrets.token_hex(4)}"
with admin.connect() as conn:
    conn.execute(text(f'CREATE DATABASE "{name}"'))
central_url = make_url(url).set(database=name)
central = Database(central_url.render_as_string(hide_password=False))
central.init_schema()
seed_demo(central, TODAY)
central.dispose()
relay = LinkProxy(central_url.host or "127.0.0.1", central_url.port or 5432)
tmp = Path(tempfile.mkdtemp())
bare = central_url.set(host="127.0.0.1", port=relay.port)._replace(password=None).render_as_string(hide_password=False)
(tmp / "kiosk.toml").write_text(f'[post]\ncode = "GUZ"\n[kiosk]\nid = "hall-1"\ncache = "cache.db"\n'
                                f'[central]\nurl = "{bare}"\n', "utf-8")
os.environ["KIOSK_CENTRAL_PASSWORD"] = central_url.password or ""

app = QApplication.instance() or QApplication(sys.argv[:1])
apply_style(app)
clock = {"now": NOW}
config = load_config(tmp / "kiosk.toml")
cache, central_db, error = open_configured(config)
services = VisitServices(db=cache, kiosk_id=config.kiosk_id, clock=lambda: clock["now"], config=config,
                         central=central_db, central_error=error, print_dir=tmp)
kiosk = build(services, operator_pin="0000", sync_ms=500)
kiosk.shell.resize(1280, 800)
kiosk.shell.show()
OUT.mkdir(parents=True, exist_ok=True)


def switch_language() -> None:
    kiosk.wizard.currentPage().language_button.click()
    settle()


def sample(stem: str, pdf: bytes) -> None:
    path = SAMPLES / f"{stem}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(path), str(SAMPLES / stem)], check=True)
    print("wrote", path.relative_to(ROOT), "and .png")


try:
    kiosk.link.start()
    settle(lambda: kiosk.link.state.reachable is True)
    kiosk.wizard.next()
    settle()
    page = kiosk.wizard.page_of(PageId.SIGN_IN)
    page.create_mode.click()
    page.username.setText("chen.jie@example.cn")
    page.password.setText(PASSPHRASE)
    page.repeat.setText(PASSPHRASE)
    forward()
    clock["now"] = NOW.replace(minute=5)  # the link drops; the kiosk keeps the seats central lent it
    relay.cut()
    settle(lambda: kiosk.link.state.offline)
    letter = kiosk.wizard.page_of(PageId.LETTER)
    letter.case_number.setText("GUZ2019000016")
    letter.date_of_birth.setText("1970-05-05")
    forward()
    forward()
    calendar = kiosk.wizard.page_of(PageId.CALENDAR)
    settle(lambda: bool(calendar.time_buttons()))
    shot("offline-calendar")
    switch_language()
    shot("offline-calendar-zh")
    switch_language()
    calendar.time_buttons()[0].click()
    forward()
    forward()  # Confirm: booked from the loan, final
    done = kiosk.wizard.page_of(PageId.DONE)
    shot("offline-done")
    switch_language()
    shot("offline-done-zh")
    reference = done.reference.text()
    sample("confirmation-offline", services.confirmation_pdf("GUZ2019000016", "en", reference))
    sample("confirmation-offline-zh", services.confirmation_pdf("GUZ2019000016", "zh_CN", reference))
finally:
    kiosk.shell.shutdown()
    relay.close()
    cache.dispose()
    central_db.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
