"""Seat loans (escrow): kiosks book from seats central lent them while central cannot be reached."""
