"""Printouts in the language of the visit: Chinese labels, dates and texts; names in both scripts."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, date, datetime

import pytest

from kiosk.domain.model import Finding, InquiryKind
from kiosk.i18n import finding_texts, placeholders, translate
from kiosk.pdf import InquiryReceiptData, render_confirmation, render_inquiry_receipt
from kiosk.pdf.labels import LABELS, TEXT_FIELDS, labels_for

from .pdfcheck import page_count, pdf_text, squash
from .test_confirmation_pdf import KEY, sample


def test_every_printout_label_has_a_chinese_text_with_the_same_placeholders() -> None:
    zh = labels_for("zh_CN")
    for name in TEXT_FIELDS:
        english, chinese = getattr(LABELS, name), getattr(zh, name)
        assert chinese != english or not english.strip("{}"), name
        assert placeholders(chinese) == placeholders(english), name


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError):
        labels_for("fr")


def test_chinese_confirmation_prints_chinese_labels_dates_and_both_scripts_of_names() -> None:
    pdf = render_confirmation(sample(), KEY, language="zh_CN")
    text = squash(pdf_text(pdf))
    assert page_count(pdf) == 1
    for expected in ("移民签证面谈", "预约确认单", "案件号", "预约编号", "日期和时间", "2026年12月7日 星期一 08:30 北京时间",
                     "参加面谈的申请人", "请携带", "有效护照", "如果您无法前来", "2026年12月2日星期三",
                     "LINMEI", "林美", "LINHAO", "林浩", "GUZ2019541234", "BK-7K3M9Q"):  # fmt: skip
        assert squash(expected) in text, expected
    assert "What to bring" not in pdf_text(pdf)


def test_english_stays_the_default() -> None:
    text = pdf_text(render_confirmation(sample(), KEY))
    assert "What to bring" in text and "Monday 7 December 2026" in text


def test_chinese_receipt_translates_the_kind_documents_statuses_and_next_steps() -> None:
    data = InquiryReceiptData(
        post_name="U.S. Consulate General Guangzhou", post_address="43 Hua Jiu Road", reference="INQ-GUZ-7K3M9Q",
        kind=InquiryKind.ADD_DERIVATIVE, case_number="GUZ2019541234",
        created_at=datetime(2026, 11, 25, 6, 3, tzinfo=UTC), timezone="Asia/Shanghai", text="我的女儿",
        applicant_name="LIN XIAO 林晓", documents=(("birth certificate", "expected"),),
    )  # fmt: skip
    text = squash(pdf_text(render_inquiry_receipt(data, language="zh_CN")))
    for expected in ("咨询回执", "添加配偶或子女", "出生证明", "尚待携带或寄送",
                     "后续步骤", "LINXIAO林晓", "我的女儿"):  # fmt: skip
        assert squash(expected) in text, expected


def test_finding_texts_render_in_chinese_from_key_and_fields_without_qt() -> None:
    finding = Finding(
        code="DERIVATIVE_NOT_ON_LETTER", applicant="a3", message="(English)", remedy="(English)",
        inquiry=InquiryKind.ADD_DERIVATIVE, documents=("marriage certificate", "spouse's birth certificate"),
        key="DERIVATIVE_NOT_ON_LETTER",
        fields=(("documents_list", "marriage certificate, spouse's birth certificate"), ("name", "WANG LEI")),
    )  # fmt: skip
    message, remedy = finding_texts(finding, "zh_CN")
    assert message.startswith("WANG LEI 的姓名不在面谈通知信上")
    assert "结婚证、配偶的出生证明" in remedy
    assert finding_texts(finding, "en") == ("(English)", "(English)")


def test_a_missing_translation_falls_back_to_english() -> None:
    assert translate("printout", "No such text, never translated", "zh_CN") == "No such text, never translated"


def test_labels_dataclass_has_no_untranslated_text_field() -> None:
    names = {f.name for f in fields(LABELS)} - {"language"}
    assert names == set(TEXT_FIELDS)
    assert labels_for("zh_CN").long_date(date(2026, 12, 7)) == "2026年12月7日 星期一"
