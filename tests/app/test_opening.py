"""The embedded demo, whichever program opens it first."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.app.opening import open_db, open_demo
from kiosk.store.models import CaseRow, Post


def test_the_demo_is_filled_even_when_a_staff_account_was_made_first(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Seen from a clean clone: `kiosk-clerk --add-staff …` (what the console's sign-in page tells a new
    operator to run first) made the demo database with its schema only; the console and `kiosk` then found
    its tables and never filled it: no post, no case, "0 case(s) found" for every demo letter."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    db, is_demo = open_db(None)  # kiosk-clerk --add-staff, kiosk-admin init: the schema, nothing else
    assert is_demo
    db.dispose()
    db = open_demo()  # kiosk-clerk, kiosk
    try:
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(Post)) == 1
            assert s.scalar(select(func.count()).select_from(CaseRow)) >= 30
    finally:
        db.dispose()
    assert (tmp_path / "consular-kiosk" / "demo.db").is_file()
