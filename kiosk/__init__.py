"""Consular kiosk core: domain rules, services, store, sync, PDF, CLI (no Qt)."""
