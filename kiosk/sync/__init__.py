"""Sync between a kiosk's SQLite cache and central: pull changes, push the outbox, report the link."""
