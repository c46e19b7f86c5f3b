"""`kiosk-clerk`: the clerk console (a window), or `--add-staff` to create a staff account.

Imports sit inside the functions: `--add-staff` runs without Qt, and the console's window and
database layer load only when it opens (none dodges an import cycle: lint-imports counts them too).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from kiosk.central.remote_desk import RemoteDesk

PASSWORD_VAR = "KIOSK_STAFF_PASSWORD"
IDLE_MINUTES = 5.0

CLERK_STYLE = """
* { font-size: 11pt; }
QLabel[role="title"] { font-size: 20pt; font-weight: bold; color: #102a43; }
QLabel[role="subtitle"] { font-size: 14pt; font-weight: bold; color: #102a43; }
QLabel[role="section"] { font-size: 12pt; font-weight: bold; color: #334e68; margin-top: 6px; }
QLabel[role="hint"] { color: #486581; }
QLabel[role="error"] { color: #b00020; font-weight: bold; }
QLabel[role="ok"] { color: #2f6f2f; }
QLabel#decision { font-size: 13pt; font-weight: bold; padding: 4px; }
QLabel#decision[decision="schedule"], QLabel#decision[decision="reschedule"] { color: #1e6b1e; }
QLabel#decision[decision="inquiry"], QLabel#decision[decision="not_handled"] { color: #b00020; }
QLabel#decision[decision="wait"] { color: #8a5a00; }
QLabel#verdict[state="current"] { color: #1e6b1e; }
QLabel#verdict[state="not_genuine"] { color: #b00020; }
"""


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="kiosk-clerk", description=__doc__)
    where = p.add_mutually_exclusive_group()
    where.add_argument("--db", metavar="URL",
                       help="SQLAlchemy URL of the database, on central's own machine (default: the embedded demo)")
    where.add_argument("--config", metavar="FILE",
                       help="a console's configuration (console.toml): the central service over https with this "
                            "console's certificate; clerks sign in to the service (docs/operating.md)")
    p.add_argument("--windowed", action="store_true", help="a normal window instead of maximised")
    p.add_argument("--add-staff", metavar="USERNAME",
                   help=f"create a staff account; the password is read twice from standard input "
                        f"(or from ${PASSWORD_VAR}) and the console does not start")
    p.add_argument("--role", choices=("clerk", "supervisor"), default="clerk", help="with --add-staff")
    p.add_argument("--name", default="", help="with --add-staff: the display name (default: the user name)")
    p.add_argument("--out", metavar="DIR", help="where reprinted confirmations go (default: the user data folder)")
    p.add_argument("--idle-minutes", metavar="N", type=_minutes, default=IDLE_MINUTES,
                   help=f"lock the console back to sign-in after N minutes without input (default: {IDLE_MINUTES:g})")
    return p.parse_args(argv)


def _minutes(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of minutes") from None
    if not 0 < value <= 24 * 60:  # a console that never locks is a signed-in console left for anyone
        raise argparse.ArgumentTypeError("give a number of minutes above 0 and at most 1440")
    return value


def _read_password() -> str:
    if os.environ.get(PASSWORD_VAR):
        return os.environ[PASSWORD_VAR]
    if sys.stdin.isatty():
        first, second = getpass.getpass("Password: "), getpass.getpass("Again: ")
    else:  # a script pipes the password twice, one per line
        first, second = sys.stdin.readline().rstrip("\n"), sys.stdin.readline().rstrip("\n")
    if first != second:
        raise ValueError("the two passwords differ")
    return first


def add_staff_main(args: argparse.Namespace) -> int:
    from kiosk.app.clock import post_now
    from kiosk.app.opening import open_db
    from kiosk.domain.errors import InputError, RuleError
    from kiosk.services.clerk import add_staff

    if args.config:
        print("kiosk-clerk: staff accounts are made on central's machine (--db URL --add-staff …); "
              "a supervisor adds clerks from the console", file=sys.stderr)
        return 2
    try:
        password = _read_password()
        db, _demo = open_db(args.db)
    except (ValueError, InputError) as exc:
        print(f"kiosk-clerk: {exc}", file=sys.stderr)
        return 2
    try:
        staff = add_staff(db, args.add_staff, password, role=args.role, display_name=args.name, now=post_now(db))
    except (InputError, RuleError) as exc:
        print(f"kiosk-clerk: {getattr(exc, 'message', exc)}", file=sys.stderr)
        return 2
    finally:
        db.dispose()
    print(f"staff account {staff.username!r} ({staff.role}) created")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    from kiosk.logs import setup_logging

    setup_logging("kiosk-clerk")
    if args.add_staff:
        return add_staff_main(args)
    from PySide6.QtWidgets import QApplication

    from kiosk.app.desk import Desk
    from kiosk.app.opening import open_db, open_demo
    from kiosk.domain.errors import InputError
    from ui.clerk.window import ClerkWindow
    from ui.style import FONT_FILE, windowed_size
    from ui.worker import Runner

    services: Desk
    if args.config:  # the central service: no database here
        try:
            services = remote = remote_services(args)
        except InputError as exc:
            print(f"kiosk-clerk: {exc}", file=sys.stderr)
            return 2
        close = remote.close
    else:
        demo = args.db is None
        if demo:  # the same embedded demo as the kiosk: created and filled on first start
            db = open_demo()  # dated at the demo post, whatever the machine's zone
        else:
            db, _ = open_db(args.db)
        services = console_services(args, db, demo)
        close = db.dispose
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("consular-kiosk-clerk")
    apply_clerk_style(app, FONT_FILE)
    runner = Runner(app)
    window = ClerkWindow(services, runner)
    room = app.primaryScreen().availableGeometry()  # --windowed on a 1280x800 screen: all of it on the screen
    window.resize(*windowed_size(1400, 900, room.width(), room.height()))
    window.show() if args.windowed else window.showMaximized()
    code = app.exec()
    runner.wait_for_done()
    close()
    return code


def console_services(args: argparse.Namespace, db: Any, demo: bool) -> Any:
    """The console's desk as the command line asks: reprint folder, idle lock, the post's clock.

    The clock learns the post's time zone here, once: reading it never queries the database.
    """
    from kiosk.app.clock import PostClock
    from kiosk.app.desk import ClerkServices

    return ClerkServices(db=db, out_dir=_out_dir(args), demo=demo, clock=PostClock().learn(db),
                         idle_lock_minutes=args.idle_minutes)


def _out_dir(args: argparse.Namespace, configured: Path | None = None) -> Path:
    from platformdirs import user_data_path

    if args.out:
        return Path(args.out)
    return (configured or user_data_path("consular-kiosk", appauthor=False)) / "reprints"


def remote_services(args: argparse.Namespace) -> RemoteDesk:
    """The console's desk on the central service (`--config`): its own certificate, no database credential.

    InputError (exit 2) for a configuration that is not a console's on an https central.
    """
    from kiosk.central.client import RemoteCentral
    from kiosk.central.remote_desk import RemoteDesk
    from kiosk.console_config import load_console_config

    config = load_console_config(args.config)
    link = config.link
    remote = RemoteCentral(link.urls, ca=link.ca, cert=link.cert, key=link.key)
    return RemoteDesk(remote, _out_dir(args, config.out_dir), idle_lock_minutes=args.idle_minutes)


def apply_clerk_style(app: QApplication, font_file: Path) -> None:
    """The kiosk's embedded CJK font (names like 何健), at desk size rather than touch size."""
    from PySide6.QtGui import QFont, QFontDatabase

    family = "WenQuanYi Micro Hei"
    if font_file.exists():
        fid = QFontDatabase.addApplicationFont(str(font_file))
        families = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
        family = families[0] if families else family
    font = QFont(family)
    font.setPointSize(11)
    app.setFont(font)
    app.setStyleSheet(CLERK_STYLE)


if __name__ == "__main__":
    raise SystemExit(main())
