"""`kiosk`: start the applicant kiosk (full screen; the embedded demo when nothing is configured).

Imports sit inside the functions on purpose: Welcome paints first, then the database layer,
the other pages and the link load (start-up is measured by bench/bench_startup.py); none dodges
an import cycle (lint-imports counts them too).
"""

from __future__ import annotations

import argparse
import faulthandler
import gc
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import Any

log = logging.getLogger(__name__)
PIN_VAR = "KIOSK_OPERATOR_PIN"
CONFIG_VAR = "KIOSK_CONFIG"  # a kiosk.toml, as --config: work through the cache and central
DEMO_PIN = "2468"  # the demo only; a real kiosk sets KIOSK_OPERATOR_PIN
RETRY_OPEN_MS = 30_000  # no usable cache: try opening (and healing) it again this often
SWITCH_INTERVAL_S = 0.001  # the interpreter's lock changes hands at least this often (build())


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="kiosk", description=__doc__)
    where = p.add_mutually_exclusive_group()
    where.add_argument("--config", metavar="FILE",
                       help=f"the kiosk's kiosk.toml: work through its cache and central (default: ${CONFIG_VAR})")
    where.add_argument("--db", metavar="URL", help="SQLAlchemy URL of one database (default: the embedded demo)")
    p.add_argument("--windowed", action="store_true", help="a normal window instead of full screen (development)")
    p.add_argument("--keyboard", action="store_true",
                   help="the on-screen keyboard even when windowed (full screen always has it when installed)")
    p.add_argument("--kiosk-id", default=None, help="this machine's id, recorded with bookings")
    p.add_argument("--printer", default=None,
                   help="printer name for confirmations (default: PDF files in the user data folder)")
    p.add_argument("--scanner", metavar="DEVICE", default=None,
                   help="SANE device for the inquiries' documents, as `scanimage -L` names it ('test': SANE's "
                        "test backend); default: kiosk.toml's [scanner], else none (the scan step is skipped)")
    p.add_argument("--self-test", action="store_true",
                   help="start, paint the Welcome page, exit 0 (used by the start-up benchmark)")
    p.add_argument("--check-db", action="store_true",
                   help="with --self-test: also open the database (the demo is created on first start)")
    return p.parse_args(argv)


@dataclass
class Kiosk:
    """Everything one running kiosk is made of, for main() and the tests."""

    shell: Any
    wizard: Any
    services: Any
    runner: Any
    languages: Any
    link: Any  # ui.sync_status.LinkMonitor
    scanner: Any = None  # ui.scanner_status.ScannerMonitor: started with the link, once the database is open


def open_database(url: str | None) -> Any:
    """The database at `url`, or the embedded demo (created, migrated and filled as needed, dated at its post)."""
    from kiosk.app.opening import open_demo
    from kiosk.store.db import Database

    if url is None:
        return open_demo()
    db = Database(url)
    db.engine.connect().close()  # fail now, with a clear log line, not at the first visitor
    return db


def config_path(args: argparse.Namespace) -> str | None:
    """--config, else $KIOSK_CONFIG; None (the demo, or --db) when neither is given."""
    if args.db is not None:
        return None
    return args.config or os.environ.get(CONFIG_VAR) or None


def open_configured(config: Any) -> tuple[Any, Any]:
    """The kiosk's cache (created and migrated as needed) and its link to central (no connection yet).

    Central is the kiosk-central service (mutual TLS, the kiosk's own certificate): a kiosk holds
    no database credential (kiosk.config refuses a database URL before this).
    """
    from kiosk.app.opening import open_cache, open_remote
    from kiosk.central.remote_port import RemoteKioskCentral  # the TLS client and its set-up load only here

    cache = open_cache(config)
    return cache, RemoteKioskCentral(open_remote(config, cache), cache, kiosk_id=config.kiosk_id)


def build(services: Any, *, idle_ms: int | None = None, warn_ms: int | None = None,
          operator_pin: str | None = None, sync_ms: int | None = None) -> Kiosk:
    """The shell around the wizard, wired to one runner, one link and one language switch (needs a QApplication).

    A configured kiosk's link starts syncing with `kiosk.link.start()`, once the cache is open.
    """
    from PySide6.QtWidgets import QApplication

    from ui import shell as shell_mod
    from ui.i18n import Languages
    from ui.scanner_status import ScannerMonitor
    from ui.sync_status import SYNC_MS, LinkMonitor
    from ui.wizard import VisitWizard
    from ui.worker import Runner

    app = QApplication.instance()
    assert app is not None, "build() needs the QApplication"
    languages = Languages(app)
    runner = Runner(app)
    if sync_ms is None:
        sync_ms = services.sync_seconds * 1000 if services.configured else SYNC_MS
    link = LinkMonitor(services, interval_ms=sync_ms)
    wizard = VisitWizard(services, runner, languages.set_language)
    link.data_changed.connect(wizard.data_changed)
    shell = shell_mod.KioskShell(
        wizard, demo=services.demo, idle_ms=idle_ms or shell_mod.IDLE_MS, warn_ms=warn_ms or shell_mod.WARN_MS,
        operator_pin=operator_pin, set_language=languages.set_language, link=link,
        scanner=(scanner := ScannerMonitor(services)))
    link.setParent(shell)  # lives and dies with the window it reports to
    scanner.setParent(shell)
    gc.freeze()  # start-up's objects stay: the wipe's collection looks only at what a visit made (ui/shell.py)
    # The worker's Python work holds the interpreter's lock in turns of this length; a touch handled on the
    # GUI thread meanwhile waits up to one turn each time it comes back into Python (5 ms by default).
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    return Kiosk(shell, wizard, services, runner, languages, link, scanner)


def preload(kiosk: Kiosk, done: Callable[[], None] | None = None) -> None:
    """Once the database is open: load what a visit loads on first use, on the worker, then freeze it
    (the first visit's steps and its wipe then pay for none of it; kiosk/app/preload.py)."""
    from kiosk.app.preload import load_visit_modules

    def load() -> None:
        load_visit_modules()
        # QtPdf and QtPrintSupport too (ui/printing.py): the first printout's thread would hold Python's lock
        # while they load, a GUI-thread stall on Done.
        import_module("ui.printing")

    def loaded(_result: Any) -> None:
        gc.freeze()
        if done is not None:
            done()

    kiosk.runner.op(load).success(loaded).run()


def _first_paint_class() -> Any:
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        """Calls back once, after the shell's first paint event (Welcome is on screen)."""

        def __init__(self, widget: Any, callback: Any) -> None:
            super().__init__(widget)
            self._callback = callback
            widget.installEventFilter(self)

        def eventFilter(self, obj: Any, event: Any) -> bool:
            if event.type() == QEvent.Type.Paint and self._callback is not None:
                callback, self._callback = self._callback, None
                obj.removeEventFilter(self)
                callback()
            return False

    return FirstPaint


def _FirstPaint(widget: Any, callback: Any) -> Any:  # a class made after Qt is imported
    return _first_paint_class()(widget, callback)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    from kiosk.logs import setup_logging

    setup_logging("kiosk")  # JSON lines in the log folder; warnings on stderr too
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.app.visit import VisitServices
    from ui.i18n import set_post_timezone
    from ui.style import apply_style

    config = None
    path = config_path(args)
    if path is not None:
        from kiosk.config import load_config
        from kiosk.domain.errors import InputError

        try:
            config = load_config(path)
        except InputError as exc:  # before any window: the operator reads this on the console
            print(f"kiosk: {exc}", file=sys.stderr)
            return 2
    if (not args.windowed and not args.self_test) or args.keyboard:
        from ui.keyboard import enable_virtual_keyboard  # must be asked for before the QApplication exists

        enable_virtual_keyboard()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("consular-kiosk")
    apply_style(app)
    demo = args.db is None and config is None
    services = VisitServices(db=None, demo=demo, kiosk_id=args.kiosk_id or (config.kiosk_id if config else None),
                             printer_name=args.printer or (config.printer if config else None))
    if config is not None:
        services.linked, services.sync_seconds, services.cache_path = True, config.sync_seconds, config.cache_path
    settings = config.scanner if config is not None else None
    device = args.scanner or (settings.device if settings is not None else None)
    if device:
        from kiosk.config import DEFAULT_SCAN_TIMEOUT
        from kiosk.scan.device import KioskScanner
        from kiosk.scan.scanner import Scanner

        timeout = settings.timeout if settings is not None else DEFAULT_SCAN_TIMEOUT
        services.scanner = KioskScanner(Scanner(device, timeout=timeout))
    pin = os.environ.get(PIN_VAR) or (DEMO_PIN if demo else None)
    kiosk = build(services, operator_pin=pin)
    shell = kiosk.shell
    from ui.watchdog import Watchdog

    watchdog = Watchdog()  # under systemd (Type=notify, WatchdogSec=): a frozen GUI gets restarted
    # The watchdog's SIGABRT then prints where every thread was stuck (stderr: the journal).
    faulthandler.enable()
    if args.windowed or args.self_test:
        room = app.primaryScreen().availableGeometry()
        from ui.style import windowed_size

        shell.resize(*(windowed_size(1280, 800, room.width(), room.height()) if args.windowed else (1280, 800)))
        shell.show()
    else:
        from PySide6.QtCore import Qt

        shell.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        shell.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        # Full screen is a request to a window manager; without one (a bare X server) the window would
        # map at its own size in a corner. Its geometry is the screen's either way, and follows it.
        screen = app.primaryScreen()
        shell.setGeometry(screen.geometry())
        screen.geometryChanged.connect(shell.setGeometry)
        shell.showFullScreen()
    # The database is opened off the GUI thread, after Welcome is on screen (it needs none).
    state: dict[str, Any] = {"painted": None, "db": None, "error": None}

    def db_ready(opened: Any) -> None:
        services.db, services.central = opened if config is not None else (opened, None)
        state["db"] = time.perf_counter() - started
        if state["error"] is not None:  # opened at a later try: back in service
            state["error"] = None
            shell.set_out_of_order(False)
        # Every time on screen and paper is the post's, whatever zone the machine's clock is set to.
        if services.post_timezone is not None:  # learnt on the worker as it opened the database
            set_post_timezone(services.post_timezone)
            shell.show_link()  # the status line's time was the machine's until now: the post's at once, not in 30 s
        kiosk.link.start()  # a configured kiosk: first sync now, then every interval
        kiosk.scanner.start()  # a kiosk with a scanner: probed now, then every minute
        if not args.self_test:
            preload(kiosk)
        finish_self_test()

    def db_failed(exc: BaseException) -> None:
        # No usable cache: "out of order" on screen, the reason in the journal and in systemd's STATUS=,
        # exit code 1 when the kiosk is closed; opening is tried again every RETRY_OPEN_MS meanwhile.
        log.error("could not open the database: the kiosk is out of order", exc_info=exc)
        state["error"] = exc
        shell.set_out_of_order(True)
        if args.self_test:
            finish_self_test()
            return
        QTimer.singleShot(RETRY_OPEN_MS, open_db)

    def open_db() -> None:
        # Queued first on the one worker, so every later service call finds the database open.
        opener = configured if config is not None else database
        kiosk.runner.op(opener).success(db_ready).failure(db_failed).run()

    def painted() -> None:
        state["painted"] = time.perf_counter() - started
        log.info("welcome painted", extra={"seconds": round(state["painted"], 3)})
        watchdog.ready()
        if args.self_test and not args.check_db:
            finish_self_test()
            return
        open_db()

    def finish_self_test() -> None:
        if not args.self_test:
            return
        db_text = f", database ready after {state['db']:.3f} s" if state["db"] else ""
        if state["error"] is not None:
            db_text = f", OUT OF ORDER: {state['error']}"
        print(f"self-test: welcome painted after {state['painted']:.3f} s{db_text}", flush=True)
        shell.exit_kiosk()

    # On the worker: open, then learn the post's time zone (the clock never reads the database itself).
    def configured() -> tuple[Any, Any]:
        cache, central = open_configured(config)
        services.learn_clock(cache)
        return cache, central

    def database() -> Any:
        db = open_database(args.db)
        services.learn_clock(db)
        return db

    _first_paint = _FirstPaint(shell, lambda: QTimer.singleShot(0, painted))
    code = app.exec()
    watchdog.stopping()
    kiosk.link.stop()
    kiosk.runner.wait_for_done()
    if services.central is not None:
        services.central.dispose()
    if services.db is not None:
        services.db.dispose()
    if state["error"] is not None:
        return 1
    return code


if __name__ == "__main__":
    raise SystemExit(main())
