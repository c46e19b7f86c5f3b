"""`kiosk-clerk --idle-minutes N`: the console locks after N minutes without input (default 5)."""

from __future__ import annotations

import pytest

from tests.clerk.conftest import sign_in
from ui.clerk.app import console_services, parse_args


def test_the_console_locks_after_five_idle_minutes_unless_told_otherwise(cdb) -> None:
    assert console_services(parse_args([]), cdb, False).idle_lock_minutes == 5
    assert console_services(parse_args(["--idle-minutes", "2.5"]), cdb, False).idle_lock_minutes == 2.5


def test_a_console_started_with_idle_minutes_locks_after_them(qtbot, cdb, tmp_path) -> None:
    from ui.clerk.window import ClerkWindow
    from ui.worker import Runner

    services = console_services(parse_args(["--idle-minutes", "0.01", "--out", str(tmp_path)]), cdb, False)
    runner = Runner()
    window = ClerkWindow(services, runner)
    qtbot.addWidget(window)
    window.show()
    try:
        sign_in(qtbot, window)
        assert window.idle.interval() == 600
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.signin, timeout=5_000)
        assert "Locked after 0.01 minute(s)" in window.signin.message.text()
    finally:
        runner.wait_for_done()


@pytest.mark.parametrize("bad", ["0", "-3", "soon", "1441"])
def test_idle_minutes_that_never_lock_or_are_not_numbers_are_refused(bad, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        parse_args(["--idle-minutes", bad])
    assert exit_.value.code == 2 and "--idle-minutes" in capsys.readouterr().err
