"""Every page state at every screen the kiosk ships on, English and Chinese, standard and larger text.

Geometry, not pixels (tests/ui/screens.py): nothing a visitor reads or touches outside the window
or scrolled away, no text wider or taller than its rectangle, no two widgets on top of each other,
no touch target under 44 px; with the on-screen keyboard up (its measured height), the field typed
into whole and above the keys. One kiosk, one visit, resized and restyled in place (~1 minute).
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from kiosk.services.demo import seed_demo
from kiosk.store.db import Database, sqlite_url
from tests.clock import Clock
from tests.ui.conftest import NOW, TODAY
from tests.ui.screens import SIZES, keyboard_px, problems, scanner_for_screens, visit_states
from ui.style import apply_style, set_display_mode

LANGUAGES = ("en", "zh_CN")
# Open (issue 19), listed so they stay in sight until fixed; everything else must be clean. None now: the
# inquiry page's consent words wrap beside their box (ui.widgets.common.CheckLabel); a label that stopped
# wrapping widens the page in portrait with larger text, and this test fails.
KNOWN_OPEN: tuple[str, ...] = ()


def _refresh(app: QApplication) -> None:
    app.processEvents()
    app.sendPostedEvents()  # the layouts' requests, after a language switch changed texts
    app.processEvents()


def test_every_page_fits_every_screen_in_both_languages_and_text_sizes(qapp, tmp_path) -> None:
    from ui.app import build
    from kiosk.app.visit import VisitServices

    apply_style(qapp)
    db = Database(sqlite_url(tmp_path / "kiosk.db"))
    db.init_schema()
    seed_demo(db, TODAY)
    kiosk = build(VisitServices(db=db, demo=True, kiosk_id="layout", clock=Clock(NOW), scanner=scanner_for_screens()),
                  idle_ms=3_600_000, warn_ms=3_000, operator_pin="1357")
    kiosk.shell.resize(1280, 800)
    kiosk.shell.show()
    found: list[str] = []
    seen_states = []
    try:
        for state in visit_states(kiosk, db, NOW):
            seen_states.append(state.name)
            assert kiosk.wizard.currentId() == state.page, state.name
            page = kiosk.wizard.currentPage()
            for large in (False, True):
                set_display_mode(large_text=large)
                for width, height in SIZES:
                    kiosk.shell.resize(width, height)
                    for language in LANGUAGES:
                        kiosk.languages.set_language(language)
                        kiosk.wizard.visit.language = language
                        keyboard = 0
                        if state.keyboard_field:
                            field = page.findChild(QWidget, state.keyboard_field)
                            field.setFocus()
                            keyboard = keyboard_px(width)
                            kiosk.shell.keyboard_room(keyboard)
                        _refresh(qapp)
                        where = f"{state.name} {width}x{height} {language} {'larger' if large else 'standard'}"
                        found += [f"{where}: {p}" for p in problems(kiosk.shell, keyboard)]
                        month = getattr(page, "month", None)  # seen live: "2026年12" over "月" (1024x768, zh, larger)
                        label = month.month_label if month is not None else None
                        if label is not None and label.isVisible() and label.wordWrap() and (
                                label.heightForWidth(label.width()) > 1.6 * label.fontMetrics().height()):
                            found.append(f"{where}: the month's name {label.text()!r} is broken over lines")
                        if (kiosk.shell.width(), kiosk.shell.height()) != (width, height):  # a page that cannot shrink
                            found.append(f"{where}: the window is {kiosk.shell.width()}x{kiosk.shell.height()}")
                        switch = page.language_button
                        if height > width and switch.isVisible() and switch.mapTo(
                                kiosk.shell, switch.rect().topLeft()).y() < height // 2:  # ~1.8 m up otherwise
                            found.append(f"{where}: the language switch is not in the lower half of the portrait screen")
                        if keyboard:
                            kiosk.shell.keyboard_room(0)
            set_display_mode(large_text=False)
            kiosk.languages.set_language("en")
            kiosk.wizard.visit.language = "en"
    finally:
        set_display_mode(large_text=False)
        kiosk.languages.set_language("en")
        kiosk.shell.shutdown()
        db.dispose()
    assert len(seen_states) >= 22, seen_states  # the visit reached every page it photographs
    assert "09-calendar-time-lost" in seen_states  # the nearest free times, on the calendar, at every size
    found = [p for p in found if not p.startswith(KNOWN_OPEN)]
    assert found == [], "\n".join(found[:60]) + f"\n… {len(found)} problems"
