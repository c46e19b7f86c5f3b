"""The message catalogue: every refusal code has its words and remedy, translated; wording never drives control flow."""

from __future__ import annotations

from kiosk.domain.errors import InputError, RuleError
from kiosk.i18n import LANGUAGES, SOURCE_LANGUAGE, translate
from kiosk.i18n.refusals import LINK_CODES, REFUSALS, RULES, TEXTS, refusal_text


def test_every_text_of_the_catalogue_is_translated() -> None:
    for language in (lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE):
        missing = [text for text in TEXTS if translate(REFUSALS, text, language) == text]
        assert missing == []


def test_a_link_refusal_reads_the_same_whatever_the_core_said() -> None:
    for code in LINK_CODES:
        english = refusal_text(RuleError(code, "anything"), "en")
        assert english == " ".join(t for t in RULES[code] if t) and "anything" not in english
        chinese = refusal_text(RuleError(code, "anything"), "zh_CN")
        assert chinese and "anything" not in chinese and " " not in chinese


def test_an_input_refusal_is_worded_by_its_code_or_field() -> None:
    assert refusal_text(InputError("whatever", field="date_of_birth"), "zh_CN").startswith("请按 年月日")
    assert refusal_text(InputError("whatever"), "en") == "whatever"
