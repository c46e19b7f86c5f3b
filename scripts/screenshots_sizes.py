"""Screenshots of every page state at each screen size the kiosk ships on: docs/screenshots/<W>x<H>/.

    uv run python scripts/screenshots_sizes.py            # English standard and Chinese larger text
    uv run python scripts/screenshots_sizes.py --only en  # one of them
    uv run python scripts/screenshots_sizes.py --states 12s  # only the states whose names start so

The states and sizes are the layout test's (tests/ui/screens.py). With the on-screen keyboard up,
the keyboard's place (its height as measured under Xvfb) is drawn as a dark band: offscreen, Qt
Virtual Keyboard draws nothing. Saved as 64-colour PNGs to keep the repository small.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

from scene import OUT, TODAY, demo_database, kiosk_app  # first: the checkout on sys.path, offscreen Qt

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication, QWidget

from tests.clock import Clock
from tests.ui.screens import SIZES, keyboard_px, scanner_for_screens, visit_states
from ui.app import build
from kiosk.app.visit import VisitServices
from ui.style import set_display_mode

VARIANTS = {"en": ("en", False, ""), "zh-large": ("zh_CN", True, "zh-large-")}


def grab(shell: QWidget, keyboard: int, path: Path) -> None:
    image = shell.grab().toImage()
    if keyboard:
        painter = QPainter(image)
        band = QRect(0, image.height() - keyboard, image.width(), keyboard)
        painter.fillRect(band, QColor("#30363d"))
        painter.setPen(QColor("#ffffff"))
        painter.drawText(band, Qt.AlignmentFlag.AlignCenter, "on-screen keyboard")
        painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    # 64 colours, no dithering: flat UI colours stay flat and the files stay small.
    Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB").quantize(64, dither=Image.Dither.NONE).save(
        path, optimize=True)


def main() -> None:
    from datetime import datetime

    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    states = sys.argv[sys.argv.index("--states") + 1] if "--states" in sys.argv else ""
    app = kiosk_app()
    now = datetime(TODAY.year, TODAY.month, TODAY.day, 9, 0)
    for name, (language, large, prefix) in VARIANTS.items():
        if only not in (None, name):
            continue
        db = demo_database(Path(tempfile.mkdtemp()))
        kiosk = build(VisitServices(db=db, demo=True, kiosk_id="screens", clock=Clock(now),
                                    scanner=scanner_for_screens(dpi=75)), idle_ms=3_600_000, operator_pin="0000")
        kiosk.shell.resize(1280, 800)
        kiosk.shell.show()
        try:
            for state in visit_states(kiosk, db, now):
                if (state.keyboard_field and large) or not state.name.startswith(states):
                    continue  # the keyboard states once, in English
                page = kiosk.wizard.currentPage()
                set_display_mode(large_text=large)
                kiosk.languages.set_language(language)
                kiosk.wizard.visit.language = language
                for width, height in SIZES:
                    kiosk.shell.resize(width, height)
                    keyboard = 0
                    if state.keyboard_field:
                        page.findChild(QWidget, state.keyboard_field).setFocus()
                        keyboard = keyboard_px(width)
                        kiosk.shell.keyboard_room(keyboard)
                    for _ in range(3):
                        app.processEvents()
                        QApplication.sendPostedEvents()
                    folder = OUT / f"{width}x{height}"
                    folder.mkdir(parents=True, exist_ok=True)
                    grab(kiosk.shell, keyboard, folder / f"{prefix}{state.name}.png")
                    if keyboard:
                        kiosk.shell.keyboard_room(0)
                set_display_mode(large_text=False)
                kiosk.languages.set_language("en")
                kiosk.wizard.visit.language = "en"
                print("wrote", state.name, flush=True)
        finally:
            kiosk.shell.shutdown()
            db.dispose()


if __name__ == "__main__":
    main()
