"""The one-page appointment confirmation: who, when, where, what to bring, the change rule, a signed QR."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, KeepInFrame, Table, TableStyle

from kiosk.i18n import SOURCE_LANGUAGE
from kiosk.pdf.labels import DEFAULT_WHAT_TO_BRING, Labels, labels_for
from kiosk.pdf.layout import (
    FRAME_H, FRAME_W, MARGIN, PAGE_H, PAGE_W, Styles, grid, local_stamp, long_date, make_styles, para,
    utc_offset,
)  # fmt: skip
from kiosk.pdf.qrsign import QrClaims, sign_payload

QR_SIZE = 40 * mm


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
    replaces: str | None = None  # the booking this one supersedes
    is_copy: bool = False  # a reprint of an earlier confirmation
    printed_at: datetime | None = None  # when a copy was reprinted (defaults to issued_at)
    joined_cases: tuple[str, ...] = ()  # same-petitioner cases whose applicants share this booking
    kiosk_id: str | None = None
    issued_offline: bool = False  # booked from the kiosk's seat loan while central was unreachable
    what_to_bring: tuple[str, ...] = field(default=DEFAULT_WHAT_TO_BRING)

    def claims(self, *, signed_by_kiosk: bool = False) -> QrClaims:
        """What the QR code carries; `signed_by_kiosk`: the kiosk's own key signs it (KIOSK2)."""
        return QrClaims(self.reference, self.case_number, self.start, self.kiosk_id if signed_by_kiosk else None)


def qr_flowable(payload: str, size: float = QR_SIZE) -> Drawing:
    """A square QR code drawing of `size` points (error correction M survives a worn printout)."""
    widget = QrCodeWidget(payload, barLevel="M")
    x1, y1, x2, y2 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x2 - x1), 0, 0, size / (y2 - y1), 0, 0])
    drawing.add(widget)
    return drawing


def render_confirmation(data: ConfirmationData, key: bytes, *, labels: Labels | None = None,
                        language: str = SOURCE_LANGUAGE, signed_by_kiosk: bool = False) -> bytes:
    """The confirmation as PDF bytes: always exactly one A4 page, however long the names.

    Printed in `language` (the language of the visit); names are printed as the case has them,
    in Latin letters and, where recorded, in the applicant's own script. `key` is the post's,
    or with `signed_by_kiosk` the key of the kiosk `data.kiosk_id` (an offline confirmation).
    """
    labels = labels or labels_for(language)
    if not data.applicants:
        raise ValueError("a confirmation needs at least one attending applicant")
    if signed_by_kiosk and not data.kiosk_id:
        raise ValueError("a kiosk-signed confirmation names its kiosk")
    payload = sign_payload(data.claims(signed_by_kiosk=signed_by_kiosk), key)
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(PAGE_W, PAGE_H), pageCompression=1)
    canvas.setTitle(f"{labels.confirmation_title} {data.reference}")
    canvas.setAuthor(data.post_name)
    canvas.setCreator("consular-kiosk")
    story = _story(data, payload, make_styles(), labels)
    # 'shrink' scales the body down rather than spill onto a second page.
    body = KeepInFrame(FRAME_W, FRAME_H, story, mode="shrink")
    Frame(MARGIN, MARGIN, FRAME_W, FRAME_H, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0).addFromList(
        [body], canvas
    )
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _story(data: ConfirmationData, payload: str, st: Styles, labels: Labels) -> list[Flowable]:
    header = [para(data.post_name, st.post), para(data.post_address, st.body, multiline=True)]
    qr_cell = [qr_flowable(payload), para(labels.qr_caption, st.small)]
    top = Table([[header, qr_cell]], colWidths=[FRAME_W - QR_SIZE - 6 * mm, QR_SIZE + 6 * mm])
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("ALIGN", (1, 0), (1, 0), "RIGHT")]))  # fmt: skip
    story: list[Flowable] = [top, para(labels.confirmation_title, st.title)]
    if data.issued_offline and data.kiosk_id:
        story.append(para(labels.issued_offline.format(kiosk=data.kiosk_id), st.notice))
    if data.is_copy:
        printed = local_stamp(data.printed_at or data.issued_at, data.timezone)
        story.append(para(labels.copy_banner.format(printed=printed), st.banner))
    if data.replaces:
        story.append(para(labels.replaces.format(reference=data.replaces), st.banner))

    time_text = labels.time_format.format(
        time=f"{data.start:%H:%M}", timezone=data.timezone, offset=utc_offset(data.start, data.timezone)
    )
    facts = [
        (labels.case_number, data.case_number),
        (labels.booking_reference, data.reference),
        *([(labels.joined_cases, ", ".join(data.joined_cases))] if data.joined_cases else []),
        (labels.interview_date, long_date(data.start.date(), labels)),
        (labels.interview_time, time_text),
        (labels.issued_at, local_stamp(data.issued_at, data.timezone)),
    ]
    if data.kiosk_id:
        facts.append((labels.kiosk, data.kiosk_id))
    story.append(grid([[para(k, st.label), para(v, st.value)] for k, v in facts], [48 * mm, FRAME_W - 48 * mm]))

    story.append(para(labels.applicants, st.heading))
    rows = [[para(f"{i}.", st.value), para(a.latin, st.value), para(a.chinese or "", st.value)]
            for i, a in enumerate(data.applicants, 1)]  # fmt: skip
    name_w = FRAME_W - 10 * mm
    story.append(grid(rows, [10 * mm, name_w * 0.62, name_w * 0.38], shade_first_column=False))

    story.append(para(labels.what_to_bring, st.heading))
    story.extend(para(f"•  {labels.text(item)}", st.body) for item in data.what_to_bring)
    story.append(para(labels.change_rule_title, st.heading))
    story.append(para(labels.change_rule.format(deadline=long_date(data.change_deadline, labels)), st.body))
    return story

