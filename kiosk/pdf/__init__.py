"""Printouts rendered with reportlab from plain dataclasses: the confirmation and the inquiry receipt.

The names below load on first use (PEP 562): importing reportlab costs ~0.2 s, and the kiosk's screens
import `kiosk.pdf.labels` (the printout's words) long before anything is printed — start-up must not pay
for reportlab (issue 19: start-up <= 2x a bare QWizard). Nothing here dodges an import cycle.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.pdf.confirmation import ApplicantName, ConfirmationData, render_confirmation
    from kiosk.pdf.qrsign import QrClaims, Verdict, VerifyResult, sign_payload, verify_payload
    from kiosk.pdf.receipt import InquiryReceiptData, render_inquiry_receipt

_HOME = {
    "ApplicantName": "confirmation", "ConfirmationData": "confirmation", "render_confirmation": "confirmation",
    "QrClaims": "qrsign", "Verdict": "qrsign", "VerifyResult": "qrsign", "sign_payload": "qrsign",
    "verify_payload": "qrsign", "InquiryReceiptData": "receipt", "render_inquiry_receipt": "receipt",
}  # fmt: skip

__all__ = [
    "ApplicantName", "ConfirmationData", "InquiryReceiptData", "QrClaims", "Verdict", "VerifyResult",
    "render_confirmation", "render_inquiry_receipt", "sign_payload", "verify_payload",
]  # fmt: skip


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'kiosk.pdf' has no attribute {name!r}")
    return getattr(import_module(f"kiosk.pdf.{_HOME[name]}"), name)
