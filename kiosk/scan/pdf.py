"""A document's scanned pages → one PDF of JPEG images, in memory, within a size cap per document and inquiry.

JPEG at quality 75 and the scan's own resolution (150 dpi) keeps a certificate's small print readable
for a clerk at ~0.3-0.6 MB a colour A4 page; Pillow writes each page as a DCT-compressed image.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image, UnidentifiedImageError

from kiosk.domain.errors import InputError
from kiosk.scan.scanner import RESOLUTION

JPEG_QUALITY = 75
MAX_PAGES = 10  # per document
MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
MAX_INQUIRY_BYTES = 20 * 1024 * 1024


class TooLarge(InputError):
    """A document or an inquiry's documents over their cap; `limit` and `size` in bytes."""

    def __init__(self, message: str, *, size: int, limit: int, field: str) -> None:
        super().__init__(message, field=field)
        self.size, self.limit = size, limit


def document_pdf(name: str, pages: Sequence[bytes], *, resolution: int = RESOLUTION,
                 max_bytes: int = MAX_DOCUMENT_BYTES) -> bytes:
    """One PDF of `pages` (images as scanimage gives them); TooLarge over `max_bytes`."""
    if not pages:
        raise InputError(f"{name}: no page scanned", field="pages")
    if len(pages) > MAX_PAGES:
        raise InputError(f"{name}: {len(pages)} pages, at most {MAX_PAGES} a document", field="pages")
    images = [_image(name, i, raw) for i, raw in enumerate(pages, 1)]
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=float(resolution),
                   quality=JPEG_QUALITY, title=name)
    pdf = out.getvalue()
    if len(pdf) > max_bytes:
        raise TooLarge(f"{name}: {_mb(len(pdf))} scanned, at most {_mb(max_bytes)} a document",
                       size=len(pdf), limit=max_bytes, field="document")
    return pdf


def check_inquiry_total(sizes: Sequence[int], *, max_bytes: int = MAX_INQUIRY_BYTES) -> None:
    """TooLarge when an inquiry's documents together are over `max_bytes`."""
    total = sum(sizes)
    if total > max_bytes:
        raise TooLarge(f"the documents come to {_mb(total)}, at most {_mb(max_bytes)} an inquiry",
                       size=total, limit=max_bytes, field="documents")


def _image(name: str, number: int, raw: bytes) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(raw))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError) as exc:  # ValueError: a malformed PNM header
        raise InputError(f"{name}: page {number} is not an image ({exc})", field="pages") from None
    return image if image.mode in ("L", "RGB") else image.convert("RGB")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
