"""The day the UI tests' demo data is laid out around (appointments, birthdays, 120 days of slots)."""

from __future__ import annotations

from datetime import date, datetime

TODAY = date(2026, 11, 2)  # a Monday
NOW = datetime(2026, 11, 2, 9, 0)
PASSPHRASE = "a quiet walk along the pearl river"
