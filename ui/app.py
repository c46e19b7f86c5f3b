"""`kiosk`: start the applicant kiosk (full screen; the embedded demo when nothing is configured)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

log = logging.getLogger(__name__)
PIN_VAR = "KIOSK_OPERATOR_PIN"
DEMO_PIN = "2468"  # the demo only; a real kiosk sets KIOSK_OPERATOR_PIN


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="kiosk", description=__doc__)
    p.add_argument("--db", metavar="URL", help="SQLAlchemy URL of the database (default: the embedded demo)")
    p.add_argument("--windowed", action="store_true", help="a normal window instead of full screen (development)")
    p.add_argument("--kiosk-id", default=None, help="this machine's id, recorded with bookings")
    p.add_argument("--printer", default=None,
                   help="printer name for confirmations (default: PDF files in the user data folder)")
    p.add_argument("--self-test", action="store_true",
                   help="start, show the Welcome page, open the database, exit 0 (used by the start-up benchmark)")
    return p.parse_args(argv)


@dataclass
class Kiosk:
    """Everything one running kiosk is made of, for main() and the tests."""

    shell: Any
    wizard: Any
    services: Any
    runner: Any
    languages: Any


def _confirmations_dir() -> Any:
    from platformdirs import user_data_path

    return user_data_path("consular-kiosk", appauthor=False) / "confirmations"


def prepare_demo(db: Any, today: Any) -> None:
    """First start of the demo: create the schema and fill it; later starts only migrate."""
    from sqlalchemy import inspect

    fresh = "posts" not in inspect(db.engine).get_table_names()
    db.init_schema()
    if fresh:
        from kiosk.services.demo import seed_demo

        seed_demo(db, today)


def build(services: Any, *, idle_ms: int | None = None, warn_ms: int | None = None,
          operator_pin: str | None = None) -> Kiosk:
    """The shell around the wizard, wired to one runner and one language switch (needs a QApplication)."""
    from PySide6.QtWidgets import QApplication

    from ui import shell as shell_mod
    from ui.i18n import Languages
    from ui.wizard import VisitWizard
    from ui.worker import Runner

    app = QApplication.instance()
    languages = Languages(app)
    runner = Runner(app)
    wizard = VisitWizard(services, runner, languages.set_language)
    shell = shell_mod.KioskShell(
        wizard, demo=services.demo, idle_ms=idle_ms or shell_mod.IDLE_MS, warn_ms=warn_ms or shell_mod.WARN_MS,
        operator_pin=operator_pin, set_language=languages.set_language)
    return Kiosk(shell, wizard, services, runner, languages)


def _first_paint_class() -> Any:
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        """Calls back once, after the shell's first paint event (Welcome is on screen)."""

        def __init__(self, widget: Any, callback: Any) -> None:
            super().__init__(widget)
            self._callback = callback
            widget.installEventFilter(self)

        def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 (Qt name)
            if event.type() == QEvent.Type.Paint and self._callback is not None:
                callback, self._callback = self._callback, None
                obj.removeEventFilter(self)
                callback()
            return False

    return FirstPaint


def _FirstPaint(widget: Any, callback: Any) -> Any:  # noqa: N802 — a class made after Qt is imported
    return _first_paint_class()(widget, callback)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.store.db import Database, demo_database_path, sqlite_url
    from ui.services import VisitServices
    from ui.style import apply_style

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("consular-kiosk")
    apply_style(app)
    demo = args.db is None
    if demo:
        path = demo_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        db = Database(sqlite_url(path))
    else:
        db = Database(args.db)
    services = VisitServices(db=db, demo=demo, kiosk_id=args.kiosk_id, printer_name=args.printer,
                             print_dir=None if args.printer else _confirmations_dir())
    pin = os.environ.get(PIN_VAR) or (DEMO_PIN if demo else None)
    kiosk = build(services, operator_pin=pin)
    shell = kiosk.shell
    if args.windowed or args.self_test:
        shell.resize(1280, 800)
        shell.show()
    else:
        from PySide6.QtCore import Qt

        shell.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        shell.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        shell.showFullScreen()
    # The database is opened off the GUI thread, after Welcome is on screen (it needs none).
    state: dict[str, Any] = {"painted": None, "db": None, "error": None}

    def db_ready(_: Any) -> None:
        state["db"] = time.perf_counter() - started
        finish_self_test()

    def db_failed(exc: BaseException) -> None:
        log.error("could not open the database %s", db.url, exc_info=exc)
        state["error"] = exc
        finish_self_test()

    def painted() -> None:
        state["painted"] = time.perf_counter() - started
        prepare = (lambda: prepare_demo(db, datetime.now().date())) if demo else (lambda: db.engine.connect().close())
        kiosk.runner.op(prepare).success(db_ready).failure(db_failed).run()

    def finish_self_test() -> None:
        if not args.self_test:
            return
        print(f"self-test: welcome painted after {state['painted']:.3f} s, "
              f"database ready after {state['db'] or 0:.3f} s", flush=True)
        shell.exit_kiosk()

    first_paint = _FirstPaint(shell, lambda: QTimer.singleShot(0, painted))
    code = app.exec()
    kiosk.runner.wait_for_done()
    db.dispose()
    if state["error"] is not None:
        return 1
    return code


if __name__ == "__main__":
    raise SystemExit(main())
