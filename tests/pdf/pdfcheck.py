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


def font_sizes(pdf: bytes, index: int = 0) -> list[float]:
    """The font size, in points, of every visible character drawn on a page."""
    import pypdfium2.raw as raw

    text = pdfium.PdfDocument(pdf)[index].get_textpage()
    return [raw.FPDFText_GetFontSize(text.raw, i) for i in range(text.count_chars())
            if not text.get_text_range(i, 1).isspace()]


def qr_sizes_mm(pdf: bytes, index: int = 0, *, dpi: int = 150) -> list[tuple[str, float]]:
    """(payload, width in mm) of every QR code a scanner finds on a `dpi` render of the page."""
    image = pdfium.PdfDocument(pdf)[index].render(scale=dpi / 72).to_pil()
    found = []
    for r in zxingcpp.read_barcodes(image):
        if r.format == zxingcpp.BarcodeFormat.QRCode:
            p = r.position
            found.append((r.text, (p.top_right.x - p.top_left.x) / dpi * 25.4))
    return found


def pdftotext(pdf: bytes) -> str:
    """The text poppler's pdftotext reads (what a screen reader or a search sees)."""
    import subprocess

    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode("utf-8")


def fonts(pdf: bytes) -> list[dict[str, str]]:
    """poppler's pdffonts table: one {name, type, emb, ...} per font the PDF declares."""
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        out = subprocess.run(["pdffonts", f.name], capture_output=True, text=True, check=True).stdout
    header, rule, *rows = out.splitlines()
    # Columns are fixed-width; their widths are the dashes of the rule line.
    spans, start = [], 0
    for dashes in rule.split(" "):
        spans.append((start, start + len(dashes)))
        start += len(dashes) + 1
    names = [header[a:b].strip() for a, b in spans]
    return [{n: row[a:b].strip() for n, (a, b) in zip(names, spans, strict=True)} for row in rows]
