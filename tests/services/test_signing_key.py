"""Each post's signing key: made once on first use, then always the same."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from kiosk.domain.errors import InputError
from kiosk.services.signing import KEY_BYTES, post_key
from kiosk.store.base import Base
from kiosk.store.inquiries import INQUIRY_TABLES, PostKey
from kiosk.store.models import Post

NOW = datetime(2026, 11, 25, 9, 0)


def test_key_is_created_on_first_use_and_kept(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'k.db'}")
    Base.metadata.create_all(engine, tables=[*INQUIRY_TABLES, Post.__table__])  # posts: the key is stamped on its clock
    with Session(engine) as s, s.begin():
        first = post_key(s, "guz", now=NOW)
    with Session(engine) as s, s.begin():
        assert post_key(s, "GUZ") == first
        assert post_key(s, "SHG") != first
        assert s.scalar(select(func.count()).select_from(PostKey)) == 2
    assert len(first) == KEY_BYTES
    engine.dispose()


def test_key_made_concurrently_by_another_kiosk_wins_without_breaking_the_transaction(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'k.db'}")
    Base.metadata.create_all(engine, tables=[*INQUIRY_TABLES, Post.__table__])  # posts: the key is stamped on its clock
    with Session(engine) as s:
        s.add(PostKey(post_code="GUZ", hmac_key="ab" * 32, created_at=NOW))
        s.commit()
    with Session(engine) as s, s.begin():
        # Simulate the race: this session did not see the row when it looked.
        real_get = s.get
        s.get = lambda *a, **k: None  # type: ignore[method-assign]
        assert post_key(s, "GUZ", now=NOW) == bytes.fromhex("ab" * 32)
        s.get = real_get  # type: ignore[method-assign]
    engine.dispose()


@pytest.mark.parametrize("code", ["", "GU", "GUZZ", "G1Z", None])
def test_bad_post_code_is_refused(tmp_path: Path, code: object) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'k.db'}")
    with Session(engine) as s, pytest.raises(InputError) as err:
        post_key(s, code)  # type: ignore[arg-type]
    assert err.value.field == "post_code"
