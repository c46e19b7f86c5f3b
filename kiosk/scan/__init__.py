"""Scanning documents at the kiosk through SANE's `scanimage` (no Qt): the scanner's state, pages, PDFs."""
