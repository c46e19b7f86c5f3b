"""A4 documents that flow onto further pages, in the embedded font only, with a "page X of Y" footer."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from kiosk.pdf.fonts import body_font
from kiosk.pdf.layout import FRAME_H, FRAME_W, MARGIN, PAGE_H, PAGE_W

FOOTER_SIZE = 10  # points: nothing on a printout is smaller than its body text
FOOTER_Y = 9 * mm  # below the frame, inside every printer's printable area
MARK_SIZE = 11  # points: the demo header, above the frame
MARK_TOP = PAGE_H - 7 * mm  # baseline of its first line, inside every printer's printable area
MARK_RED = colors.HexColor("#8a1c1c")  # the colour of the printouts' warning banners
WATERMARK_RED = colors.HexColor("#f2d5d5")  # pale: the page stays readable through it


@dataclass(frozen=True)
class Marking:
    """What a demo kiosk prints on every page: a header line and a large diagonal word under the text."""

    header: str
    watermark: str


def build_pdf(story: Callable[[], list[Flowable]], *, title: str, author: str,
              footer: Callable[[int, int], str] | None = None,
              marking: Marking | None = None) -> tuple[bytes, int]:
    """Lay `story()` out on as many pages as it needs; the PDF and its number of pages.

    A document of more than one page is laid out again with `footer(page, pages)` at the foot of
    every page (the total is known only after the first layout). Every font the PDF names is the
    embedded one: the canvas starts in it, so no bare Helvetica is declared. With `marking`,
    every page carries it (a demo kiosk's printout).
    """
    pdf, pages = _layout(story(), title, author, None, marking)
    if pages > 1 and footer is not None:
        pdf, _ = _layout(story(), title, author, lambda page: footer(page, pages), marking)
    return pdf, pages


def _layout(flowables: list[Flowable], title: str, author: str,
            footer: Callable[[int], str] | None, marking: Marking | None) -> tuple[bytes, int]:
    buf = io.BytesIO()
    font = body_font()
    doc = BaseDocTemplate(buf, pagesize=(PAGE_W, PAGE_H), title=title, author=author, creator="consular-kiosk",
                          initialFontName=font, initialFontSize=FOOTER_SIZE, pageCompression=1)
    # A frame without padding, so tables span exactly the text width.
    frame = Frame(MARGIN, MARGIN, FRAME_W, FRAME_H, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def foot(canvas: Canvas, document: BaseDocTemplate) -> None:
        if marking is not None:  # drawn as the page begins, so the watermark lies under the text
            _mark(canvas, font, marking)
        if footer is not None:
            canvas.saveState()
            canvas.setFont(font, FOOTER_SIZE)
            canvas.drawRightString(MARGIN + FRAME_W, FOOTER_Y, footer(document.page))
            canvas.restoreState()

    doc.addPageTemplates([PageTemplate("page", [frame], onPage=foot)])
    doc.build(flowables)
    return buf.getvalue(), doc.page


def _mark(canvas: Canvas, font: str, marking: Marking) -> None:
    """The diagonal watermark across the page and the header line(s) above the frame (text, not markup)."""
    canvas.saveState()
    canvas.setFillColor(WATERMARK_RED)
    canvas.translate(PAGE_W / 2, PAGE_H / 2)
    canvas.rotate(55)
    size = 120.0  # as large as fits along the diagonal
    size = min(size, 0.8 * (PAGE_H**2 + PAGE_W**2) ** 0.5 * size / max(canvas.stringWidth(marking.watermark, font, size), 1))
    canvas.setFont(font, size)
    canvas.drawCentredString(0, -size / 3, marking.watermark)
    canvas.restoreState()
    canvas.saveState()
    canvas.setFillColor(MARK_RED)
    canvas.setFont(font, MARK_SIZE)
    for i, line in enumerate(simpleSplit(marking.header, font, MARK_SIZE, FRAME_W)[:2]):
        canvas.drawCentredString(PAGE_W / 2, MARK_TOP - i * MARK_SIZE * 1.25, line)
    canvas.restoreState()
