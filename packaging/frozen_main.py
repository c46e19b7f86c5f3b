"""Frozen entry point: one executable, three programs, chosen by the name it is started as (symlinks)."""

from __future__ import annotations

import os
import sys


def _kiosk() -> int:
    from ui.app import main

    return main()


def _clerk() -> int:
    from ui.clerk.app import main

    return main()


def _admin() -> int:
    from kiosk.cli.main import main

    return main()


# kiosk-clerk and kiosk-admin are symlinks to kiosk: the three share one copy of the code (~14 MB each).
PROGRAMS = {"kiosk": _kiosk, "kiosk-clerk": _clerk, "kiosk-admin": _admin}

if __name__ == "__main__":
    program = PROGRAMS.get(os.path.basename(sys.argv[0]))
    if program is None:
        sys.exit(f"started as {sys.argv[0]!r}: start it as one of {', '.join(PROGRAMS)}")
    sys.exit(program())
