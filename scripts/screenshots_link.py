"""docs/screenshots/link-*.png: the status line connected and offline, on a kiosk working against central.

Needs PostgreSQL (KIOSK_TEST_PG_URL, a superuser URL): a scratch central database is created,
filled with the demo and dropped afterwards. The network is cut with a TCP relay.
"""

from __future__ import annotations

from datetime import datetime

from scene import PASSPHRASE, central_kiosk  # first: the checkout on sys.path, offscreen Qt

from ui.pages.ids import PageId

NOW = datetime(2026, 11, 2, 14, 2)

with central_kiosk(NOW) as scene:
    wizard = scene.wizard
    wizard.next()
    scene.settle()
    scene.sign_up("lin.mei@example.cn")
    scene.look_up("GUZ2019000001", "1988-07-30")
    scene.forward()
    scene.shot("link-online-calendar")
    wizard.page_of(PageId.CALENDAR).time_buttons()[0].click()
    scene.forward()
    scene.clock.now = NOW.replace(minute=5)  # the link drops three minutes later
    scene.relay.cut()
    scene.settle(lambda: scene.kiosk.link.state.offline)
    scene.forward()  # Confirm: refused, nothing booked
    scene.shot("link-offline-review")
    for _ in range(3):  # back to the letter: the same visitor asks about another case, still offline
        wizard.back()
        scene.settle()
    scene.look_up("GUZ2019000006", "1981-12-01")
    scene.forward()
    wizard.page_of(PageId.INQUIRY).text.setPlainText("We moved to Foshan; new phone 138 0000 0000.")
    wizard.page_of(PageId.INQUIRY).contact.setText("lin.mei@example.cn")
    wizard.page_of(PageId.INQUIRY).consent.setChecked(True)
    scene.forward()
    scene.settle(lambda: scene.kiosk.link.state.outbox == 1)
    scene.shot("link-offline-inquiry-queued")
    scene.kiosk.shell.wipe()
    scene.settle()
    wizard.next()
    scene.settle()
    sign_in = wizard.page_of(PageId.SIGN_IN)
    sign_in.username.setText("lin.mei@example.cn")
    sign_in.password.setText(PASSPHRASE)
    scene.forward()
    scene.shot("link-offline-sign-in")
