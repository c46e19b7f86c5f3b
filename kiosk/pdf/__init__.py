"""Printouts rendered with reportlab from plain dataclasses: the confirmation and the inquiry receipt."""

from __future__ import annotations

from kiosk.pdf.confirmation import ApplicantName, ConfirmationData, render_confirmation
from kiosk.pdf.qrsign import QrClaims, Verdict, VerifyResult, sign_payload, verify_payload
from kiosk.pdf.receipt import InquiryReceiptData, render_inquiry_receipt

__all__ = [
    "ApplicantName", "ConfirmationData", "InquiryReceiptData", "QrClaims", "Verdict", "VerifyResult",
    "render_confirmation", "render_inquiry_receipt", "sign_payload", "verify_payload",
]  # fmt: skip
