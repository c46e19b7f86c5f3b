"""A4 documents that flow onto further pages, in the embedded font only, with a "page X of Y" footer."""

from __future__ import annotations

import io
from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from kiosk.pdf.fonts import body_font
from kiosk.pdf.layout import FRAME_H, FRAME_W, MARGIN, PAGE_H, PAGE_W

FOOTER_SIZE = 10  # points: nothing on a printout is smaller than its body text
FOOTER_Y = 9 * mm  # below the frame, inside every printer's printable area


def build_pdf(story: Callable[[], list[Flowable]], *, title: str, author: str,
              footer: Callable[[int, int], str] | None = None) -> tuple[bytes, int]:
    """Lay `story()` out on as many pages as it needs; the PDF and its number of pages.

    A document of more than one page is laid out again with `footer(page, pages)` at the foot of
    every page (the total is known only after the first layout). Every font the PDF names is the
    embedded one: the canvas starts in it, so no bare Helvetica is declared.
    """
    pdf, pages = _layout(story(), title, author, None)
    if pages > 1 and footer is not None:
        pdf, _ = _layout(story(), title, author, lambda page: footer(page, pages))
    return pdf, pages


def _layout(flowables: list[Flowable], title: str, author: str,
            footer: Callable[[int], str] | None) -> tuple[bytes, int]:
    buf = io.BytesIO()
    font = body_font()
    doc = BaseDocTemplate(buf, pagesize=(PAGE_W, PAGE_H), title=title, author=author, creator="consular-kiosk",
                          initialFontName=font, initialFontSize=FOOTER_SIZE, pageCompression=1)
    # A frame without padding, so tables span exactly the text width.
    frame = Frame(MARGIN, MARGIN, FRAME_W, FRAME_H, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def foot(canvas: Canvas, document: BaseDocTemplate) -> None:
        if footer is not None:
            canvas.saveState()
            canvas.setFont(font, FOOTER_SIZE)
            canvas.drawRightString(MARGIN + FRAME_W, FOOTER_Y, footer(document.page))
            canvas.restoreState()

    doc.addPageTemplates([PageTemplate("page", [frame], onPage=foot)])
    doc.build(flowables)
    return buf.getvalue(), doc.page
