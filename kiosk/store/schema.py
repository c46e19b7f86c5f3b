"""Imports every table module so that `Base.metadata` knows the whole schema."""

from __future__ import annotations

# Each module registers its tables on kiosk.store.base.Base when imported.
from kiosk.store import (  # noqa: F401
    accounts, alerts, documents, inquiries, kiosk_registry, loans, models, staff, sync_marks, sync_tables,
)
