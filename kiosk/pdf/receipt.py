"""The printed receipt of an inquiry: its reference, what was asked, and what to bring or send."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from kiosk.domain.model import InquiryKind
from kiosk.i18n import SOURCE_LANGUAGE
from kiosk.i18n import facts as facts_words
from kiosk.pdf.document import Marking, build_pdf
from kiosk.pdf.labels import Labels, labels_for
from kiosk.pdf.layout import FRAME_W, Styles, grid, make_styles, para


@dataclass(frozen=True)
class InquiryReceiptData:
    post_name: str
    post_address: str
    reference: str  # e.g. "INQ-GUZ-7K3M9Q"
    kind: InquiryKind
    case_number: str
    created_at: datetime  # naive post-local, or aware
    timezone: str
    text: str = ""  # the applicant's own words, printed as written
    applicant_name: str | None = None
    documents: tuple[tuple[str, str], ...] = ()  # (document, status)
    kiosk_id: str | None = None
    post_name_zh: str | None = None  # the post's name and address in Chinese, printed on a Chinese page
    post_address_zh: str | None = None
    # What the screen told the visitor when it was sent (the visit's memory: a kiosk's row keeps no contact).
    contact: str | None = None
    answer_by: date | None = None


def render_inquiry_receipt(data: InquiryReceiptData, *, labels: Labels | None = None,
                           language: str = SOURCE_LANGUAGE, demo: bool = False) -> bytes:
    """The receipt as PDF bytes, in `language`; a long message flows onto further pages.

    `demo`: printed by a demo kiosk, so every page says it is not a real inquiry.
    """
    labels = labels or labels_for(language)
    kind = InquiryKind(data.kind)
    st = make_styles()
    pdf, _ = build_pdf(lambda: _story(data, kind, st, labels), title=f"{labels.receipt_title} {data.reference}",
                       author=data.post_name,
                       footer=lambda page, pages: f"{data.reference} · {labels.page_of.format(page=page, pages=pages)}",
                       marking=Marking(labels.demo_receipt, labels.demo_watermark) if demo else None)
    return pdf


def _story(data: InquiryReceiptData, kind: InquiryKind, st: Styles, labels: Labels) -> list[Flowable]:
    name, address = facts_words.post_place(data.post_name, data.post_address, data.post_name_zh, data.post_address_zh,
                                     labels.language)
    story: list[Flowable] = [
        para(name, st.post),
        para(address, st.body, multiline=True),
        para(labels.receipt_title, st.title),
    ]
    facts = [
        (labels.inquiry_reference, data.reference),
        (labels.inquiry_kind, labels.kind_title(kind)),
        (labels.case_number, data.case_number),
    ]
    if data.applicant_name:
        facts.append((labels.applicant, data.applicant_name))
    facts.append((labels.submitted_at, labels.when(data.created_at, data.timezone)))
    if data.contact:
        facts.append((labels.answer_to, data.contact))
    if data.answer_by:
        facts.append((labels.answer_by, labels.long_date(data.answer_by)))
    story.append(grid([[para(k, st.label), para(v, st.value)] for k, v in facts], [48 * mm, FRAME_W - 48 * mm]))

    if data.text.strip():
        story += [para(labels.your_message, st.heading), para(data.text, st.body, multiline=True)]

    story.append(para(labels.documents, st.heading))
    if data.documents:
        rows = [[para(labels.document(name), st.value), para(labels.status_title(status), st.body)]
                for name, status in data.documents]  # fmt: skip
        story.append(grid(rows, [FRAME_W * 0.6, FRAME_W * 0.4]))
    else:
        story.append(para(labels.no_documents, st.body))

    story += [
        para(labels.next_steps, st.heading),
        para(labels.next_steps_for(kind), st.body),
        para(labels.keep_reference, st.body_spaced),
    ]
    return story

