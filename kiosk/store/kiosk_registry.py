"""Central's registry of kiosks: which certificate each may use now, and how many seats it may borrow.

Operators maintain it (`kiosk-central kiosk register|revoke`); the central service reads it on
every request, so a revoked kiosk gets nothing from the next request on.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.base import Base


class RegisteredKiosk(Base):
    __tablename__ = "registered_kiosks"
    __table_args__ = (
        CheckConstraint("status IN ('active', 'revoked')", name="status"),
        CheckConstraint("loan_cap >= 0", name="loan_cap"),
    )

    kiosk_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    cert_serial: Mapped[str] = mapped_column(String(40))  # hex; the one certificate accepted for this kiosk
    status: Mapped[str] = mapped_column(String(8))
    loan_cap: Mapped[int] = mapped_column(Integer)  # seats it may hold on loan at once, over all slots
    registered_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
