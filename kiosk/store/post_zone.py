"""The post's time zone as its database records it: what every clock of the kiosk, console and central reads."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store.models import Post


def post_zone(s: Session, code: str | None = None) -> str | None:
    """The IANA zone of post `code` (else of the database's post, the first by code); None when it has none."""
    if code is not None:
        zone = s.scalars(select(Post.timezone).where(Post.code == code)).first()
        if zone is not None:
            return zone
    found: str | None = s.scalars(select(Post.timezone).order_by(Post.code).limit(1)).first()
    return found
