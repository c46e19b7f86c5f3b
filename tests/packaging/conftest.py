"""Packaging tests reuse the UI fixtures (offscreen Qt, a demo database per test, a running kiosk)."""

from __future__ import annotations

from tests.ui.conftest import clock, demo_db, demo_template, kiosk  # noqa: F401 (fixtures)
