"""Imports every table module so that `Base.metadata` knows the whole schema."""

from __future__ import annotations

import importlib

# Each module registers its tables on kiosk.store.base.Base when imported.
for _name in ("models", "accounts", "inquiries", "sync_tables", "staff", "loans"):
    try:
        importlib.import_module(f"kiosk.store.{_name}")
    except ModuleNotFoundError as exc:  # a table module not written yet
        if exc.name != f"kiosk.store.{_name}":
            raise
