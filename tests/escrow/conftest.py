"""Escrow fixtures: the sync suite's private PostgreSQL central and SQLite caches, plus seeded policy."""

from __future__ import annotations

from tests.sync.conftest import cache, central, central_db, central_url, make_cache  # noqa: F401  (shared fixtures)
