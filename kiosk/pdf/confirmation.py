"""The appointment confirmation: who, when, where, what to bring, the change rule, a signed QR.

Everything but the list of applicants is on page 1 at fixed, readable sizes (text >= 10 pt, the QR
code about 37 mm across); a long list of applicants runs onto further pages instead of shrinking the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from kiosk.i18n import SOURCE_LANGUAGE
from kiosk.domain.appointment import AppointmentFacts
from kiosk.i18n import facts as facts_words
from kiosk.pdf.document import Marking, build_pdf
from kiosk.pdf.fonts import body_font
from kiosk.pdf.labels import DEFAULT_WHAT_TO_BRING, Labels, labels_for
from kiosk.pdf.layout import (
    CELL_FONT, FRAME_W, Styles, grid, make_styles, para,
)  # fmt: skip
from kiosk.pdf.qrsign import QrClaims, sign_payload

QR_SIZE = 45 * mm  # with its quiet zone; the symbol itself is about 37 mm (>= 30 mm: scans from a 150-dpi copy)


@dataclass(frozen=True)
class ApplicantName:
    latin: str  # as on the passport: "LIN MEI"
    chinese: str | None = None  # "林美", if the case file has it


@dataclass(frozen=True)
class ConfirmationData:
    post_name: str
    post_address: str  # may hold several lines
    case_number: str
    applicants: tuple[ApplicantName, ...]
    start: datetime  # naive, the post's local wall-clock time
    timezone: str  # IANA name, e.g. "Asia/Shanghai"
    reference: str  # the booking reference
    issued_at: datetime  # naive post-local, or aware (printed in the post's time)
    change_deadline: date  # last day to cancel or reschedule (3 working days before)
    can_change: bool = True  # when printed: today is on or before `change_deadline`
    replaces: str | None = None  # the booking this one supersedes
    is_copy: bool = False  # a reprint of an earlier confirmation
    printed_at: datetime | None = None  # when a copy was reprinted (defaults to issued_at)
    joined_cases: tuple[str, ...] = ()  # same-petitioner cases whose applicants share this booking
    kiosk_id: str | None = None
    issued_offline: bool = False  # booked from the kiosk's seat loan while central was unreachable
    what_to_bring: tuple[str, ...] = field(default=DEFAULT_WHAT_TO_BRING)
    post_name_zh: str | None = None  # the post's name and address in Chinese, printed on a Chinese page
    post_address_zh: str | None = None
    # The account the kiosk visit booked with, as the screen said it (with its added tag, "chen-6034"): on
    # paper too, so the applicant need not have written it down. Not in the QR: it proves nothing.
    account: str | None = None

    def claims(self, *, signed_by_kiosk: bool = False) -> QrClaims:
        """What the QR code carries; `signed_by_kiosk`: the kiosk's own key signs it (KIOSK2)."""
        return QrClaims(self.reference, self.case_number, self.start, self.kiosk_id if signed_by_kiosk else None)


def qr_flowable(payload: str, size: float = QR_SIZE) -> Drawing:
    """A square QR code drawing of `size` points (error correction M survives a worn printout)."""
    widget = QrCodeWidget(payload, barLevel="M")
    x1, y1, x2, y2 = widget.getBounds()
    # initialFontName: the renderer would otherwise declare Helvetica (unembedded) for a drawing with no text.
    drawing = Drawing(size, size, transform=[size / (x2 - x1), 0, 0, size / (y2 - y1), 0, 0],
                      initialFontName=body_font())
    drawing.add(widget)
    return drawing


def render_confirmation(data: ConfirmationData, key: bytes, *, labels: Labels | None = None,
                        language: str = SOURCE_LANGUAGE, signed_by_kiosk: bool = False, demo: bool = False) -> bytes:
    """The confirmation as PDF bytes: one A4 page, or more when the applicants do not fit on it.

    Printed in `language` (the language of the visit); names are printed as the case has them,
    in Latin letters and, where recorded, in the applicant's own script. `key` is the post's,
    or with `signed_by_kiosk` the key of the kiosk `data.kiosk_id` (an offline confirmation).
    `demo`: printed by a demo kiosk, so every page says it is not a real appointment.
    """
    labels = labels or labels_for(language)
    if not data.applicants:
        raise ValueError("a confirmation needs at least one attending applicant")
    if signed_by_kiosk and not data.kiosk_id:
        raise ValueError("a kiosk-signed confirmation names its kiosk")
    payload = sign_payload(data.claims(signed_by_kiosk=signed_by_kiosk), key)
    st = make_styles()
    marking = Marking(labels.demo_confirmation, labels.demo_watermark) if demo else None

    def build(applicants_last: bool) -> tuple[bytes, int]:
        return build_pdf(lambda: _story(data, payload, st, labels, applicants_last=applicants_last),
                         title=f"{labels.confirmation_title} {data.reference}", author=data.post_name,
                         footer=lambda page, pages: f"{data.reference} · {labels.page_of.format(page=page, pages=pages)}",
                         marking=marking)
    pdf, pages = build(applicants_last=False)
    if pages > 1:  # a long list: what to bring and the change rule stay on page 1, the names run on
        pdf, pages = build(applicants_last=True)
    return pdf


def _native_width(names: list[str], st: Styles) -> float:
    """The own-script column: as wide as its longest name (up to 38% of the table), none without names."""
    if not names:
        return 0
    widest = max(stringWidth(n, st.value.fontName, st.value.fontSize) for n in names)
    return min(max(widest + 8 * mm, 30 * mm), (FRAME_W - 12 * mm) * 0.38)


def _story(data: ConfirmationData, payload: str, st: Styles, labels: Labels, *,
           applicants_last: bool = False) -> list[Flowable]:
    name, address = facts_words.post_place(data.post_name, data.post_address, data.post_name_zh,
                                           data.post_address_zh, labels.language)
    header = [para(name, st.post), para(address, st.body, multiline=True)]
    qr_cell = [qr_flowable(payload), para(labels.qr_caption, st.small)]
    top = Table([[header, qr_cell]], colWidths=[FRAME_W - QR_SIZE - 6 * mm, QR_SIZE + 6 * mm])
    top.setStyle(TableStyle([CELL_FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("ALIGN", (1, 0), (1, 0), "RIGHT")]))  # fmt: skip
    story: list[Flowable] = [top, para(labels.confirmation_title, st.title)]
    if data.issued_offline and data.kiosk_id:
        story.append(para(labels.issued_offline, st.notice))
    if data.is_copy:
        printed = labels.when(data.printed_at or data.issued_at, data.timezone)
        story.append(para(labels.copy_banner.format(printed=printed), st.banner))
    if data.replaces:
        story.append(para(labels.replaces.format(reference=data.replaces), st.banner))

    facts = [
        (labels.case_number, data.case_number),
        (labels.booking_reference, data.reference),
        *([(labels.joined_cases, ", ".join(data.joined_cases))] if data.joined_cases else []),
        (labels.interview_date, labels.when(data.start, data.timezone)),
        (labels.issued_at, labels.when(data.issued_at, data.timezone)),
        *([(labels.account, data.account)] if data.account else []),
    ]
    story.append(grid([[para(k, st.label), para(v, st.value)] for k, v in facts], [48 * mm, FRAME_W - 48 * mm]))

    native_w = _native_width([a.chinese for a in data.applicants if a.chinese], st)
    rows = [[para(f"{i}.", st.value), para(a.latin, st.value), *([para(a.chinese or "", st.value)] if native_w else [])]
            for i, a in enumerate(data.applicants, 1)]  # fmt: skip
    widths = [12 * mm, FRAME_W - 12 * mm - native_w, *([native_w] if native_w else [])]
    who = [para(labels.applicants, st.heading), grid(rows, widths, shade_first_column=False)]
    if not applicants_last:
        story += who

    story.append(para(labels.what_to_bring, st.heading))
    story.extend(para(f"•  {labels.text(item)}", st.body) for item in data.what_to_bring)
    story.append(para(labels.change_rule_title, st.heading))
    rule = AppointmentFacts(data.start, data.change_deadline, data.can_change)
    story.append(para(facts_words.change_rule(rule, labels.language), st.body))
    return story + who if applicants_last else story

