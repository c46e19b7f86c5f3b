"""Simplified Chinese for every applicant-facing string: complete, placeholders intact, switched live."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.i18n import placeholders
from tests.ui.helpers import look_up, press, start_and_sign_up, type_into
from ui.pages.ids import PageId

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "kiosk_zh_CN.ts"
QM = TS.with_suffix(".qm")
sys.path.insert(0, str(ROOT / "scripts"))
import i18n as i18n_script  # noqa: E402  (scripts/i18n.py)

QT_ARGS = re.compile(r"%(?:n|L?\d+)")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(c.findtext("name") or "", m.findtext("source") or "", m) for c in root.iter("context")
            for m in c.iter("message")]


def _translations(message: ET.Element) -> list[str]:
    tr = message.find("translation")
    forms = tr.findall("numerusform") if tr is not None else []
    return [f.text or "" for f in forms] if forms else [tr.text or "" if tr is not None else ""]


@pytest.fixture(scope="module")
def fresh_ts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What lupdate extracts from the code now, merged into a copy of the committed .ts."""
    path = tmp_path_factory.mktemp("i18n") / TS.name
    shutil.copyfile(TS, path)
    i18n_script.lupdate([path])
    return path


def test_every_applicant_facing_string_of_the_code_has_a_finished_chinese_translation(fresh_ts: Path) -> None:
    committed = {(c, s): m for c, s, m in _messages(TS)}
    missing = [f"[{c}] {s!r}" for c, s, _ in _messages(fresh_ts) if (c, s) not in committed]
    assert not missing, "strings in the code but not in the .ts (run scripts/i18n.py):\n" + "\n".join(missing)
    unfinished = [f"[{c}] {s!r}" for c, s, m in _messages(fresh_ts)
                  if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
                  or not any(t.strip() for t in _translations(m))]  # fmt: skip
    assert not unfinished, "strings without a Chinese translation:\n" + "\n".join(unfinished)


def test_the_ts_holds_the_findings_the_documents_and_the_printouts(fresh_ts: Path) -> None:
    from kiosk.domain.messages import MESSAGES

    sources = {(c, s) for c, s, _ in _messages(TS)}
    for message, remedy in MESSAGES.values():
        assert ("findings", message) in sources and ("findings", remedy) in sources
    assert ("documents", "birth certificate") in sources
    assert ("printout", "What to bring") in sources


def test_translations_keep_every_placeholder() -> None:
    broken = []
    for context, source, message in _messages(TS):
        for text in _translations(message):
            if placeholders(source) != placeholders(text):
                broken.append(f"[{context}] {source!r}: {{…}} {placeholders(source)} ≠ {placeholders(text)}")
            ours, theirs = sorted(set(QT_ARGS.findall(source)) - {"%n"}), sorted(set(QT_ARGS.findall(text)) - {"%n"})
            if ours != theirs:
                broken.append(f"[{context}] {source!r}: {ours} ≠ {theirs}")
            if "%n" in source and message.get("numerus") == "yes" and "%n" not in text:
                broken.append(f"[{context}] {source!r}: the count %n is lost")
    assert not broken, "\n".join(broken)


def test_every_translation_is_chinese_or_deliberately_the_same() -> None:
    same_everywhere = {"%1", ", ", "{date}, {time} ({zone})", "%1 %2"}  # punctuation and placeholders only
    wrong = [s for _, s, m in _messages(TS) for t in _translations(m)
             if s not in same_everywhere and not CJK.search(t) and t.strip() not in ("、",)]  # fmt: skip
    assert not wrong, wrong


def test_example_passwords_can_be_typed_on_the_password_keyboard_and_are_long_enough() -> None:
    """Seen live: the Chinese hint offered “我家花园有三棵柠檬树” as a password, which the password field's
    Latin-only on-screen keyboard cannot type (and, at 10 characters, is under the 15 asked for)."""
    from kiosk.services.accounts import MIN_LENGTH

    examples = []
    for _context, source, message in _messages(TS):
        if "my garden has three lemon trees" in source:
            for text in _translations(message):
                examples += re.findall(r"[“\"]([^”\"]+)[”\"]", text)
    assert examples
    for example in examples:
        assert example.isascii() and len(example) >= MIN_LENGTH, example


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    qm = tmp_path / "check.qm"
    i18n_script.lrelease(TS, qm)
    assert qm.read_bytes() == QM.read_bytes(), "kiosk_zh_CN.qm is stale: run scripts/i18n.py"


def test_refresh_command_reports_complete_translations() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n.py"), "--check"], capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_switching_language_mid_page_keeps_what_was_typed(qtbot, kiosk) -> None:
    start_and_sign_up(qtbot, kiosk)
    page = kiosk.wizard.page_of(PageId.LETTER)
    type_into(qtbot, page.case_number, "GUZ2019000001")
    type_into(qtbot, page.date_of_birth, "1988-07-30")
    press(qtbot, page.language_button)
    assert kiosk.wizard.visit.language == "zh_CN"
    assert CJK.search(page.title_label.text()) and CJK.search(page.case_label.text())
    assert page.case_number.text() == "GUZ2019000001" and page.date_of_birth.text() == "1988-07-30"
    assert page.language_button.text() == "English"
    press(qtbot, page.language_button)
    assert page.title_label.text() == "Your Appointment Letter"
    assert page.case_number.text() == "GUZ2019000001"


def test_findings_and_dates_show_in_chinese(qtbot, kiosk) -> None:
    from PySide6.QtWidgets import QLabel

    kiosk.wizard.page_of(PageId.WELCOME).choose_language("zh_CN")
    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "GUZ2019000003", "1955-11-20")  # wait: appointment not missed yet
    page = kiosk.wizard.page_of(PageId.ELIGIBILITY)
    assert "2026年11月17日" in page.decision_label.text()
    texts = [label.text() for label in page.findChildren(QLabel)]
    assert any("尚未过去" in t and "2026年11月16日" in t for t in texts), texts
    # and back to English at once, on the same page, with the same finding
    press(qtbot, page.language_button)
    texts = [label.text() for label in page.findChildren(QLabel)]
    assert any("has not passed yet" in t and "16 November 2026" in t for t in texts), texts


def test_english_has_its_plural_forms_never_an_s_in_brackets(qapp) -> None:
    from PySide6.QtCore import QCoreApplication

    from kiosk.i18n import parse_ts
    from ui.i18n import Languages

    languages = Languages(qapp)
    try:
        tr = QCoreApplication.translate
        assert tr("CalendarPage", "%n seat(s) left", "", 1) == "1 seat left"
        assert tr("CalendarPage", "%n seat(s) left", "", 6) == "6 seats left"
        english = ROOT / "resources" / "i18n" / "kiosk_en.ts"
        text = english.read_text(encoding="utf-8")
        numerus_zh = TS.read_text(encoding="utf-8").count('<message numerus="yes">')
        assert text.count('<message numerus="yes">') == numerus_zh  # every plural of the code
        assert "(s)</numerusform>" not in text and "(s) " not in "".join(parse_ts(english).values())
    finally:
        for t in languages._installed:  # leave no catalogue installed on top of another test's
            qapp.removeTranslator(t)


def test_the_clerk_console_is_in_the_catalogue_with_chinese(qapp) -> None:
    """The console's strings ("Locked after %1 minute(s)…") were left out of the .ts: every screen's are in it."""
    from PySide6.QtCore import QTranslator

    assert any("clerk" in p.parts for p in i18n_script.ui_sources())
    catalogue = QTranslator()
    assert catalogue.load(str(QM))
    for context, source, kept in (("ClerkWindow", "Locked after %1 minute(s) without input. Sign in again.", "%1"),
                                  ("ClerkWindow", "&1 Cases", "&1")):  # the placeholder, the shortcut
        shown = catalogue.translate(context, source)
        assert CJK.search(shown) and kept in shown, (context, source, shown)


def test_chinese_sentences_follow_each_other_without_a_space(qtbot, kiosk) -> None:
    """Seen live on the calendar: "只有能容纳全部 3 位申请人的日期可以选择。 预约在…" (a space after 。)."""
    from tests.ui.helpers import to_calendar
    from ui.i18n import sentences

    assert sentences("One.", "Two.") == "One. Two." and sentences("一。", "二。") == "一。二。"
    kiosk.wizard.page_of(PageId.WELCOME).choose_language("zh_CN")
    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "GUZ2019000001", "1988-07-30")
    calendar = to_calendar(qtbot, kiosk)
    assert CJK.search(calendar.rules.text()) and "。 " not in calendar.rules.text(), calendar.rules.text()
