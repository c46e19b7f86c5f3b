"""Seat loans (escrow), central's side: seats lent to kiosks, their offline bookings placed, the clerks' reviews.

The kiosk's side (refreshing its loans, booking from them offline) is kiosk.sync.loans and
kiosk.sync.offline: it writes the outbox, so it sits above this package, never below it.
"""
