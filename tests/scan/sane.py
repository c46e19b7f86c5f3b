"""SANE's `test` backend: a real SANE driver that needs no hardware (Debian sane-utils; CI installs it)."""

from __future__ import annotations

import shutil

import pytest

from kiosk.scan.scanner import Scanner

needs_scanimage = pytest.mark.skipif(shutil.which("scanimage") is None, reason="scanimage (sane-utils) not installed")


def test_scanner(*extra: str, picture: str = "Color pattern") -> Scanner:
    """The test device at a low resolution over a 60 x 80 mm area (lean tests); such a page takes
    milliseconds, so a scan that hangs fails in 20 s, not the kiosk's 90."""
    return Scanner("test", resolution=50, extra=("-x", "60", "-y", "80", "--test-picture", picture, *extra),
                   timeout=20)


test_scanner.__test__ = False  # type: ignore[attr-defined]
