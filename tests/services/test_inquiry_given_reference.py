"""An inquiry recorded first at a kiosk keeps the reference the applicant was given when central applies it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from kiosk.domain.errors import InputError
from kiosk.services.inquiries import get_inquiry, submit_inquiry
from kiosk.store.base import Base
from kiosk.store.inquiries import INQUIRY_TABLES

NOW = datetime(2026, 11, 25, 9, 30)
CASE = "GUZ2019541234"


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    engine = create_engine(f"sqlite:///{tmp_path / 'kiosk.db'}")
    Base.metadata.create_all(engine, tables=list(INQUIRY_TABLES))
    with Session(engine) as s:
        yield s
    engine.dispose()


def test_a_given_reference_is_kept(session: Session) -> None:
    rec = submit_inquiry(session, case_number=CASE, kind="no_contact", now=NOW, reference="INQ-GUZ-7QRR3H")
    assert rec.reference == "INQ-GUZ-7QRR3H" and get_inquiry(session, "INQ-GUZ-7QRR3H").case_number == CASE


@pytest.mark.parametrize("reference", ["INQ-BJS-7QRR3H", "INQ-GUZ-7QRR3", "INQ-GUZ-7QRR3O", "GUZ-7QRR3H", "x"])
def test_a_reference_of_another_post_or_shape_is_refused(session: Session, reference: str) -> None:
    with pytest.raises(InputError) as refused:
        submit_inquiry(session, case_number=CASE, kind="no_contact", now=NOW, reference=reference)
    assert refused.value.field == "reference"


def test_a_reference_already_taken_is_refused(session: Session) -> None:
    submit_inquiry(session, case_number=CASE, kind="no_contact", now=NOW, reference="INQ-GUZ-7QRR3H")
    with pytest.raises(InputError, match="exists already"):
        submit_inquiry(session, case_number=CASE, kind="cspa", now=NOW, reference="INQ-GUZ-7QRR3H")
