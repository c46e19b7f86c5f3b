"""Shared pieces of the printouts: paragraph styles, escaping, date/time wording, page geometry."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from kiosk.pdf.fonts import body_font

PAGE_W, PAGE_H = A4
MARGIN = 16 * mm
FRAME_W = PAGE_W - 2 * MARGIN
FRAME_H = PAGE_H - 2 * MARGIN
GRID = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#eef1f4")


@dataclass(frozen=True)
class Styles:
    post: ParagraphStyle
    body: ParagraphStyle
    body_spaced: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle
    banner: ParagraphStyle
    notice: ParagraphStyle  # a fact about the whole confirmation (issued offline), framed but not a warning


def make_styles() -> Styles:
    font = body_font()

    def style(name: str, size: float, **kw: Any) -> ParagraphStyle:
        # splitLongWords (reportlab's default) breaks a name with no spaces instead of overflowing.
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.3, splitLongWords=1, **kw)

    return Styles(
        post=style("post", 15, spaceAfter=1 * mm),
        body=style("body", 10),
        body_spaced=style("body_spaced", 10, spaceBefore=2 * mm),
        small=style("small", 10, textColor=colors.HexColor("#3e4c59")),  # nothing printed below 10 pt
        title=style("title", 14, spaceBefore=4 * mm, spaceAfter=3 * mm),
        heading=style("heading", 11.5, spaceBefore=4 * mm, spaceAfter=1.5 * mm),
        label=style("label", 10, textColor=colors.HexColor("#3e4c59")),
        value=style("value", 11),
        banner=style("banner", 11, textColor=colors.HexColor("#8a1c1c"), borderColor=colors.HexColor("#8a1c1c"),
                     borderWidth=1, borderPadding=2 * mm, spaceBefore=3 * mm, spaceAfter=5 * mm),
        notice=style("notice", 11, textColor=colors.HexColor("#1f3a5f"), borderColor=colors.HexColor("#1f3a5f"),
                     borderWidth=1, borderPadding=2 * mm, spaceBefore=1 * mm, spaceAfter=5 * mm),
    )  # fmt: skip


def clean(text: str) -> str:
    """Data as it may be printed: control characters become spaces, everything else is kept."""
    return "".join(" " if unicodedata.category(ch) == "Cc" and ch != "\n" else ch for ch in text)


def para(text: str, style: ParagraphStyle, *, multiline: bool = False) -> Paragraph:
    """A Paragraph of *data*: escaped, so `<`, `&` and markup in a name are printed, never parsed."""
    safe = escape(clean(text))
    safe = safe.replace("\n", "<br/>") if multiline else safe.replace("\n", " ")
    return Paragraph(safe, style)


# A table sets its cells' font even when they hold Paragraphs: name the embedded one, not Helvetica.
CELL_FONT = ("FONTNAME", (0, 0), (-1, -1), body_font())


def grid(rows: Sequence[Sequence[Flowable]], widths: list[float], *, shade_first_column: bool = True) -> Table:
    """A ruled table of label/value (or name/status) cells; every cell is a Paragraph, so it wraps."""
    table = Table([list(row) for row in rows], colWidths=widths)
    commands: list[tuple[Any, ...]] = [("GRID", (0, 0), (-1, -1), 0.5, GRID), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                       CELL_FONT]
    if shade_first_column:
        commands.append(("BACKGROUND", (0, 0), (0, -1), SHADE))
    table.setStyle(TableStyle(commands))
    return table
