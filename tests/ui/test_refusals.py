"""Refusals on the kiosk's pages come from the one catalogue, by code, in the visit's language."""

from __future__ import annotations

from kiosk.domain.errors import CASE_NOT_FOUND, InputError, RuleError
from kiosk.i18n.refusals import OFFLINE, OFFLINE_PRINT, OFFLINE_SIGN_IN
from ui.pages.ids import PageId


def _shown(kiosk, language: str, exc: BaseException) -> str:  # type: ignore[no-untyped-def]
    page = kiosk.wizard.page_of(PageId.REVIEW)
    kiosk.wizard.visit.language = language
    page.show_failure(exc)
    return page.error_label.text()


def test_a_chinese_visit_reads_the_lost_link_in_chinese(kiosk) -> None:  # type: ignore[no-untyped-def]
    for code, chinese in ((OFFLINE, "目前无法连接领事馆的预约系统"), (OFFLINE_PRINT, "目前无法打印您的预约确认单"),
                          (OFFLINE_SIGN_IN, "目前无法验证已有账户")):
        text = _shown(kiosk, "zh_CN", RuleError(code, "English details never shown in Chinese"))
        assert chinese in text and code not in text and "English" not in text
        assert "cannot" in _shown(kiosk, "en", RuleError(code, "details"))  # English: the catalogue's words too


def test_other_refusals_keep_their_words_by_code(kiosk) -> None:  # type: ignore[no-untyped-def]
    assert "此时间段已没有足够名额" in _shown(kiosk, "zh_CN", RuleError("SLOT_FULL", "The 09:00 slot is full."))
    assert _shown(kiosk, "en", RuleError("SLOT_FULL", "The 09:00 slot is full.")) == "▲ The 09:00 slot is full."
    assert "（SOMETHING_NEW）" in _shown(kiosk, "zh_CN", RuleError("SOMETHING_NEW", "new rule"))
    missing = InputError("Any wording at all.", field="case_number", code=CASE_NOT_FOUND)
    assert "未能找到与此出生日期相符的案件号" in _shown(kiosk, "zh_CN", missing)
    assert "系统出现问题" in _shown(kiosk, "zh_CN", RuntimeError("a bug"))
