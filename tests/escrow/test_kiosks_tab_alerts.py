"""The Kiosks tab shows the budgets' alerts and failed commands; a clerk acknowledges, retries, resolves."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.services.budgets import LOOKUP_KIOSK_ALERT, open_alerts, raise_alert
from kiosk.store.alerts import FailedCommand, FailureState
from kiosk.store.db import Database, sqlite_url
from tests.escrow.helpers import at

pytest.importorskip("pytestqt")


def test_alerts_and_failed_commands_on_the_kiosks_tab(qtbot, tmp_path: Path) -> None:
    from tests.clerk.conftest import CLERK
    from ui.clerk.kiosks import KiosksPage
    from kiosk.app.desk import ClerkServices
    from ui.worker import Runner

    db = Database(sqlite_url(tmp_path / "central.db"))
    db.init_schema()
    with db.transaction() as s:
        raise_alert(s, LOOKUP_KIOSK_ALERT, "hall-1", 10, at("09:05"))
        s.add(FailedCommand(command_id="c0ffee00-0000-4000-8000-000000000001", kiosk_id="hall-1", kind="inquiry",
                            error="InsufficientPrivilege: permission denied for table inquiries",
                            created_at=at("09:00"), failed_at=at("09:01"), attempts=1, state="open"))
    services = ClerkServices(db=db, out_dir=tmp_path, demo=False, clock=lambda: at("09:24"))
    services.staff = CLERK
    runner = Runner()
    page = KiosksPage(services, runner)
    qtbot.addWidget(page)
    page.reload()
    panel = page.alerts
    qtbot.waitUntil(lambda: panel.failed.rowCount() == 1 and panel.alerts.rowCount() == 1, timeout=10_000)
    assert [panel.alerts.item(0, c).text() for c in range(4)] == [
        "2026-11-03 09:05", "hall-1", "Letter look-ups missed at this kiosk", "10"]
    assert panel.failed.item(0, 6).text().startswith("InsufficientPrivilege")

    panel.failed.selectRow(0)
    panel.decide(FailureState.RETRY)  # no reason: refused, nothing written
    qtbot.waitUntil(lambda: "reason" in panel.message.text().lower(), timeout=10_000)
    page.reason.setText("grant restored by the DBA")
    panel.decide(FailureState.RETRY)
    qtbot.waitUntil(lambda: "sync" in panel.message.text(), timeout=10_000)
    panel.alerts.selectRow(0)
    panel.acknowledge()
    qtbot.waitUntil(lambda: panel.alerts.rowCount() == 0, timeout=10_000)
    runner.wait_for_done()
    with db.session() as s:
        assert s.get(FailedCommand, "c0ffee00-0000-4000-8000-000000000001").state == FailureState.RETRY.value
        assert open_alerts(s) == []
    db.dispose()
