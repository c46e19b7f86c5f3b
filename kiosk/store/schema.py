"""Imports every table module so that `Base.metadata` knows the whole schema."""

from __future__ import annotations

# Each module registers its tables on kiosk.store.base.Base when imported.
from kiosk.store import accounts, alerts, inquiries, loans, models, staff, sync_marks, sync_tables  # noqa: F401
