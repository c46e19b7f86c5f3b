"""Read a PDF back the way a person or a scanner would: its text, its page boxes, its QR codes."""

from __future__ import annotations

import io
import re

import pypdf
import pypdfium2 as pdfium
import zxingcpp


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def squash(text: str) -> str:
    """Text without whitespace: a wrapped name reads back with line breaks inside it."""
    return re.sub(r"\s+", "", text)


def page_count(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def page_size(pdf: bytes, index: int = 0) -> tuple[float, float]:
    box = pypdf.PdfReader(io.BytesIO(pdf)).pages[index].mediabox
    return float(box.width), float(box.height)


def char_boxes(pdf: bytes, index: int = 0) -> list[tuple[float, float, float, float]]:
    """(left, bottom, right, top) of every character drawn on a page, in points."""
    doc = pdfium.PdfDocument(pdf)
    text = doc[index].get_textpage()
    return [text.get_charbox(i) for i in range(text.count_chars())]


def qr_codes(pdf: bytes, index: int = 0, *, dpi: int = 200) -> list[str]:
    """Every QR code a scanner finds on the rendered page."""
    doc = pdfium.PdfDocument(pdf)
    image = doc[index].render(scale=dpi / 72).to_pil()
    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]
