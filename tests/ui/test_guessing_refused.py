"""The pages under guessing: a letter lookup locked after repeated misses; sign-in answers that don't reveal a name."""

from __future__ import annotations

from datetime import timedelta

from kiosk.services.accounts import AccountError, create_account, sign_in
from kiosk.services.budgets import VISIT_MISSES
from tests.ui.conftest import NOW, PASSPHRASE
from tests.ui.helpers import forward, look_up, start_and_sign_up, type_into
from ui.pages.ids import PageId


def test_three_wrong_pairs_send_the_visit_to_the_counter(qtbot, kiosk) -> None:
    start_and_sign_up(qtbot, kiosk)
    page = kiosk.wizard.page_of(PageId.LETTER)
    for n in range(VISIT_MISSES - 1):
        look_up(qtbot, kiosk, "GUZ2019000001", "1988-07-31", expected=PageId.LETTER)
        assert "found no case" in page.error_label.text()
        assert f"After {VISIT_MISSES - 1 - n} more wrong" in page.error_label.text()
        assert page.date_of_birth.property("invalid") and page.field_errors_shown() == 2
    look_up(qtbot, kiosk, "GUZ2019000001", "1988-07-31", expected=PageId.LETTER)
    spent = page.error_label.text()
    assert "counter" in spent and "GUZ" not in spent and "1988" not in spent  # nothing typed, nothing about anyone
    assert page.date_of_birth.text() == ""
    look_up(qtbot, kiosk, "GUZ2019000001", "1988-07-30", expected=PageId.LETTER)  # even the right date: not here
    assert page.error_label.text() == spent


def test_the_counter_is_explained_in_chinese_too(qtbot, kiosk) -> None:
    start_and_sign_up(qtbot, kiosk)
    page = kiosk.wizard.page_of(PageId.LETTER)
    for _ in range(VISIT_MISSES - 1):
        look_up(qtbot, kiosk, "GUZ2019999999", "1988-07-31", expected=PageId.LETTER)
    page.switch_language()
    look_up(qtbot, kiosk, "GUZ2019999999", "1988-07-31", expected=PageId.LETTER)
    assert "柜台" in page.error_label.text()


def _fail_through_the_page(qtbot, kiosk, user: str) -> str:  # type: ignore[no-untyped-def]
    page = kiosk.wizard.page_of(PageId.SIGN_IN)
    page.clear()  # as the wipe between two visitors does (it also ends the previous wait)
    type_into(qtbot, page.username, user)
    type_into(qtbot, page.password, "not the passphrase at all")
    forward(qtbot, kiosk)
    return page.error_label.text()


def test_a_name_nobody_has_reads_like_a_wrong_password_even_near_the_lock(qtbot, kiosk, demo_db, clock) -> None:
    create_account(demo_db, "meilin", PASSPHRASE, now=NOW)
    t = NOW
    for _ in range(7):  # the 8th failure comes through the page: "2 more attempts" is shown
        for user in ("meilin", "nobody@example.cn"):
            try:
                sign_in(demo_db, user, "not the passphrase at all", now=t)
            except AccountError as exc:
                delay = exc.delay_seconds
        t += timedelta(seconds=delay)
    clock.now = t
    forward(qtbot, kiosk, PageId.SIGN_IN)
    known = _fail_through_the_page(qtbot, kiosk, "meilin")
    unknown = _fail_through_the_page(qtbot, kiosk, "nobody@example.cn")
    assert known == unknown and "2 more failed attempt" in known
