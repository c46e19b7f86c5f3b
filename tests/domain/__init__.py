"""Tests of the pure rules in kiosk.domain (no database, no Qt)."""
