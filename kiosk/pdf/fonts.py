"""The embedded TrueType font (Latin, Latin Extended and CJK in one face), registered once."""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from kiosk.resources import resource

# WenQuanYi Micro Hei: TrueType outlines (reportlab cannot embed the CFF outlines of
# Noto Sans CJK), covers CJK plus Latin Extended (Ł, Ż, ễ); Apache-2.0, see its COPYRIGHT.
FONT_FILE = resource("fonts", "wqy-microhei.ttc")
FONT_NAME = "KioskSans"


@cache
def body_font() -> str:
    """Register the embedded font with reportlab (first call only) and return its name."""
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT_FILE), subfontIndex=0))
    return FONT_NAME


def missing_glyphs(text: str) -> list[str]:
    """The characters of `text` the embedded font cannot draw (they would print as boxes)."""
    font = pdfmetrics.getFont(body_font())
    assert isinstance(font, TTFont)  # body_font registers a TrueType font
    face = font.face
    return sorted({ch for ch in text if ch.isprintable() and not ch.isspace() and ord(ch) not in face.charToGlyph})
