"""One booking inside and one outside the change window, in English and Chinese, on a machine whose clock is
UTC: every screen, the printed confirmation and the clerk console say the same time, the same deadline and
the same "can / cannot be changed" — and never a deadline already past."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.domain.appointment import facts_at, post_now
from kiosk.i18n import facts
from kiosk.services.clerk import case_view
from tests.pdf.pdfcheck import pdf_text, squash
from tests.ui.conftest import NOW
from tests.ui.helpers import forward, look_up, press, start_and_sign_up, to_calendar
from ui.pages.ids import PageId

ZONE = "Asia/Shanghai"
CASE, DOB = "GUZ2019000020", "1985-06-15"


@pytest.fixture
def utc_machine() -> Iterator[None]:
    """The machine's own clock and zone say UTC (as on a freshly installed kiosk)."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def texts(page: QWidget) -> str:
    shown = [w.text() for w in page.findChildren(QLabel) + page.findChildren(QAbstractButton) if w.isVisible()]
    return "\n".join(shown)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize(("day", "final"), [(date(2026, 11, 4), True), (date(2026, 11, 19), False)],
                         ids=["inside-window", "outside-window"])
def test_every_screen_the_paper_and_the_clerk_say_the_same_facts(
        qtbot, kiosk, clock, utc_machine, language: str, day: date, final: bool) -> None:
    # 01:00 UTC is 09:00 at the post: the kiosk's clock is the post's, not the machine's.
    clock.now = post_now(ZONE, datetime(2026, 11, 2, 1, 0, tzinfo=UTC))
    assert time.strftime("%Z") == "UTC" and clock.now == NOW

    def visit_start() -> None:
        if language != "en":
            kiosk.wizard.page_of(PageId.WELCOME).choose_language(language)

    visit_start()
    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, CASE, DOB)
    cal = to_calendar(qtbot, kiosk)
    assert (day in cal._final_days) is final and (cal.month.selected in cal._final_days) is False
    cal.month.choose(day)
    qtbot.waitUntil(lambda: bool(cal.time_buttons()), timeout=10_000)
    press(qtbot, cal.time_buttons()[0])
    calendar_text = texts(cal)
    slot = kiosk.wizard.visit.slot
    appointment = facts_at(slot.start, slot.change_deadline, clock.now)
    assert appointment.final is final
    forward(qtbot, kiosk, PageId.REVIEW)
    review = kiosk.wizard.page_of(PageId.REVIEW)
    review_text = texts(review)
    if final:
        review.understand.setChecked(True)  # the explicit "I understand"
    forward(qtbot, kiosk, PageId.DONE)
    done = kiosk.wizard.page_of(PageId.DONE)
    done_text = texts(done)
    reference = done.reference.text()
    paper = pdf_text(kiosk.services.confirmation_pdf(CASE, language, reference))
    with kiosk.services.db.session() as s:  # what the clerk console's bookings table shows
        clerk = next(b for b in case_view(s, CASE, today=clock.now.date()).bookings if b.reference == reference)

    # A returning applicant looks the letter up again: the booking card on Your case.
    kiosk.shell.wipe()
    visit_start()
    start_and_sign_up(qtbot, kiosk, "again@example.cn")
    look_up(qtbot, kiosk, CASE, DOB)
    card_text = texts(kiosk.wizard.page_of(PageId.ELIGIBILITY).booking_card)

    when = facts.when(slot.start, ZONE, language)
    rule = facts.change_rule(appointment, language)
    deadline = facts.long_date(appointment.deadline, language)
    for name, text in (("review", review_text), ("done", done_text), ("card", card_text)):
        assert when in text, (name, text)
    assert squash(when) in squash(paper)
    assert clerk.facts == appointment and clerk.start == slot.start
    if final:
        assert facts.will_be_final(language) in review_text
        for name, text in (("done", done_text), ("card", card_text)):
            assert rule in text and deadline not in text, (name, text)
        assert squash(rule) in squash(paper) and squash(deadline) not in squash(paper)  # no past deadline
        assert "▲" in calendar_text
    else:
        assert appointment.deadline == date(2026, 11, 13)  # three working days before, 18 Nov a closure
        for name, text in (("review", review_text), ("done", done_text), ("card", card_text)):
            assert rule in text, (name, text)
        assert squash(rule) in squash(paper)
    if language == "zh_CN":  # the post's Chinese name and address, for the applicant and a taxi driver
        assert "北京时间" in when and "2026年11月" in when
        for text in (review_text, done_text, squash(paper)):
            assert "美国驻广州总领事馆" in text and squash("广州市天河区珠江新城华夏路43号") in squash(text)
