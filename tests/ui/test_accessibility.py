"""Accessibility: names and descriptions on every control of every page, WCAG 2.2 AA contrast, display modes."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QPlainTextEdit, QWidget

from kiosk.scan.device import KioskScanner
from tests.scan.sane import needs_scanimage, test_scanner
from tests.ui.helpers import forward, look_up, press, start_and_sign_up, to_calendar
from ui.pages.ids import PageId
from ui.style import HIGH_CONTRAST, STANDARD, contrast_pairs, current_mode

INTERACTIVE = (QAbstractButton, QLineEdit, QPlainTextEdit)


def relative_luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of an sRGB colour written #rrggbb."""
    h = colour.lstrip("#")
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_luminance_formula_matches_the_wcag_reference_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("palette", [STANDARD, HIGH_CONTRAST], ids=["standard", "high-contrast"])
def test_every_text_and_control_colour_pair_meets_wcag_aa(palette) -> None:  # type: ignore[no-untyped-def]
    low = [f"{what}: {contrast(fg, bg):.2f} < {need}" for fg, bg, need, what in contrast_pairs(palette)
           if contrast(fg, bg) < need]  # fmt: skip
    assert not low, low


def test_high_contrast_mode_reaches_aaa_for_text() -> None:
    assert all(contrast(fg, bg) >= 7 for fg, bg, need, _ in contrast_pairs(HIGH_CONTRAST) if need == 4.5)


def _controls(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if isinstance(w, INTERACTIVE) and w.isVisibleTo(root)]


def _missing_names(root: QWidget) -> list[str]:
    missing = []
    for w in _controls(root):
        iface = QAccessible.queryAccessibleInterface(w)
        name = iface.text(QAccessible.Text.Name) if iface is not None else ""
        description = w.accessibleDescription() or (iface.text(QAccessible.Text.Description) if iface else "")
        if not name.strip() or not description.strip():
            missing.append(f"{type(w).__name__} {w.objectName()!r} name={name!r} description={description!r}")
    return missing


def _check_page(kiosk, seen: set[PageId]) -> None:  # type: ignore[no-untyped-def]
    QApplication.processEvents()
    page_id = PageId(kiosk.wizard.currentId())
    seen.add(page_id)
    missing = _missing_names(kiosk.wizard)
    assert not missing, f"{page_id.name}: {missing}"


@needs_scanimage
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_control_of_every_page_has_an_accessible_name_and_description(qtbot, kiosk, language) -> None:  # type: ignore[no-untyped-def]
    seen: set[PageId] = set()
    kiosk.wizard.page_of(PageId.WELCOME).choose_language(language)
    _check_page(kiosk, seen)
    forward(qtbot, kiosk, PageId.SIGN_IN)
    press(qtbot, kiosk.wizard.page_of(PageId.SIGN_IN).create_mode)
    _check_page(kiosk, seen)
    kiosk.wizard.back()
    start_and_sign_up(qtbot, kiosk)
    _check_page(kiosk, seen)
    look_up(qtbot, kiosk, "GUZ2019000001", "1988-07-30")
    _check_page(kiosk, seen)
    cal = to_calendar(qtbot, kiosk)
    press(qtbot, cal.time_buttons()[0])
    _check_page(kiosk, seen)
    forward(qtbot, kiosk, PageId.REVIEW)
    _check_page(kiosk, seen)
    forward(qtbot, kiosk, PageId.DONE)
    _check_page(kiosk, seen)
    kiosk.shell.wipe()
    # the inquiry branch, and the page of a visitor without the letter
    kiosk.wizard.page_of(PageId.WELCOME).choose_language(language)
    start_and_sign_up(qtbot, kiosk, "second@example.cn")
    look_up(qtbot, kiosk, "GUZ2019000012", "1975-08-08")
    _check_page(kiosk, seen)
    forward(qtbot, kiosk, PageId.INQUIRY)
    _check_page(kiosk, seen)
    # the scan step (a spouse not on the letter), with SANE's test backend as the kiosk's scanner
    kiosk.services.scanner = KioskScanner(test_scanner())
    kiosk.services.scanner.probe()
    kiosk.shell.wipe()
    kiosk.wizard.page_of(PageId.WELCOME).choose_language(language)
    start_and_sign_up(qtbot, kiosk, "third@example.cn")
    look_up(qtbot, kiosk, "GUZ2019000019", "1989-03-21")
    press(qtbot, kiosk.wizard.page_of(PageId.ELIGIBILITY).findChild(QAbstractButton, "inquiry_DERIVATIVE_NOT_ON_LETTER"))
    qtbot.waitUntil(lambda: kiosk.wizard.currentId() == PageId.SCAN, timeout=10_000)
    scan = kiosk.wizard.page_of(PageId.SCAN)
    with qtbot.waitSignal(scan.answered, timeout=10_000):
        press(qtbot, scan.scan_button)
    _check_page(kiosk, seen)  # with a page scanned: Add a page, Scan again
    assert seen == set(PageId)


def test_the_operator_panel_controls_are_named(kiosk) -> None:  # type: ignore[no-untyped-def]
    kiosk.shell.operator.open()
    assert not _missing_names(kiosk.shell.operator)


def test_large_text_and_high_contrast_are_chosen_on_welcome_and_cleared_by_the_wipe(qtbot, kiosk) -> None:  # type: ignore[no-untyped-def]
    welcome = kiosk.wizard.page_of(PageId.WELCOME)
    title_pt = welcome.title_label.font().pointSizeF()
    press(qtbot, welcome.large_text)
    press(qtbot, welcome.high_contrast)
    assert current_mode().large_text and current_mode().high_contrast
    assert "#000000" in QApplication.instance().styleSheet()
    qtbot.waitUntil(lambda: welcome.title_label.font().pointSizeF() > title_pt, timeout=2000)
    assert welcome.large_text.text().startswith("✓")  # chosen: said by a mark, not only by colour
    kiosk.shell.wipe()
    assert not current_mode().large_text and not current_mode().high_contrast
    assert not welcome.large_text.isChecked()


def test_blocking_findings_and_errors_say_so_in_words_not_only_in_colour(qtbot, kiosk) -> None:  # type: ignore[no-untyped-def]
    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "GUZ2019000012", "1975-08-08")  # CSPA check required: blocks
    page = kiosk.wizard.page_of(PageId.ELIGIBILITY)
    texts = [label.text() for label in page.findChildren(QLabel)]
    assert any(t.startswith("✘") for t in texts)
    page.show_error("Something")
    assert page.error_label.text().startswith("▲")
