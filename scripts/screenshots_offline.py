"""docs/screenshots/offline-*.png and docs/samples/confirmation-offline*: booking from the kiosk's seat loan.

Needs PostgreSQL (KIOSK_TEST_PG_URL, a superuser URL): a scratch central database is created,
filled with the demo and dropped afterwards. The network is cut with a TCP relay.
"""

from __future__ import annotations

import subprocess
from datetime import datetime

from scene import ROOT, KioskScene, central_kiosk  # first: the checkout on sys.path, offscreen Qt

from ui.pages.ids import PageId

NOW = datetime(2026, 11, 2, 14, 2)
SAMPLES = ROOT / "docs" / "samples"


def sample(stem: str, pdf: bytes) -> None:
    path = SAMPLES / f"{stem}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(path), str(SAMPLES / stem)], check=True)
    print("wrote", path.relative_to(ROOT), "and .png")


def switch_language(scene: KioskScene) -> None:
    scene.wizard.currentPage().language_button.click()
    scene.settle()


with central_kiosk(NOW) as scene:
    scene.wizard.next()
    scene.settle()
    scene.sign_up("chen.jie@example.cn")
    scene.clock.now = NOW.replace(minute=5)  # the link drops; the kiosk keeps the seats central lent it
    scene.relay.cut()
    scene.settle(lambda: scene.kiosk.link.state.offline)
    scene.look_up("GUZ2019000016", "1970-05-05")
    scene.forward()
    calendar = scene.wizard.page_of(PageId.CALENDAR)
    scene.settle(lambda: bool(calendar.time_buttons()))
    scene.shot("offline-calendar")
    switch_language(scene)
    scene.shot("offline-calendar-zh")
    switch_language(scene)
    calendar.time_buttons()[0].click()
    scene.forward()
    scene.forward()  # Confirm: booked from the loan, final
    done = scene.wizard.page_of(PageId.DONE)
    scene.shot("offline-done")
    switch_language(scene)
    scene.shot("offline-done-zh")
    reference = done.reference.text()
    services = scene.kiosk.services
    sample("confirmation-offline", services.confirmation_pdf("GUZ2019000016", "en", reference))
    sample("confirmation-offline-zh", services.confirmation_pdf("GUZ2019000016", "zh_CN", reference))
