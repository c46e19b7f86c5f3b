"""Opening the databases the screens and the CLI work on: one database, the demo, or a cache and central."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from kiosk.app.clock import PostClock, post_timezone
from kiosk.config import KioskConfig
from kiosk.domain.errors import InputError
from kiosk.services.demo import demo_today, seed_demo
from kiosk.store.db import MIGRATIONS, Database, demo_database_path, sqlite_url
from kiosk.sync.heal import check, heal, is_corruption, reason

if TYPE_CHECKING:
    from kiosk.central.client import RemoteCentral


def redact(url: str) -> str:
    """The URL without its password, for messages and JSON output."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 — whatever the parser trips on, the message must not show the URL
        return "(unparseable URL)"


def open_db(url: str | None) -> tuple[Database, bool]:
    """The named database, or the embedded demo in the user data folder; schema brought up to date.

    Returns (database, is_demo). An unreachable server or a malformed URL: InputError naming it.
    """
    is_demo = url is None
    if url is None:
        path = demo_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        url = sqlite_url(path)
    db: Database | None = None
    try:
        db = Database(url)  # an unknown scheme (`foo://`) fails here, not at the first connection
        db.init_schema()
    except Exception as exc:  # an unreachable server or a malformed URL: say which, exit 2
        if db is not None:
            db.dispose()
        detail = getattr(exc, "orig", None) or exc  # the driver's words, without SQLAlchemy's web link
        raise InputError(f"cannot open database {redact(url)}: {exc.__class__.__name__}: {detail}",
                         field="--db") from exc
    return db, is_demo


def open_demo(today: date | None = None) -> Database:
    """The embedded demo the kiosk and the console share: created and filled on first start, migrated later.

    Its dates are around `today`, by default today at the demo post.
    """
    path = demo_database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    db = Database(sqlite_url(path))
    prepare_demo(db, today)
    return db


def prepare_demo(db: Database, today: date | None = None) -> None:
    """First start of the demo: create the schema and fill it; later starts migrate only when behind.

    A demo with its schema but no post yet (`kiosk-clerk --add-staff` or `kiosk-admin init` came first)
    is filled too: else it stays empty for good.
    """
    fresh = "posts" not in inspect(db.engine).get_table_names()
    if fresh or _behind(db):
        db.init_schema()
    if fresh or _no_post(db):
        seed_demo(db, today or demo_today())


def _no_post(db: Database) -> bool:
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT 1 FROM posts LIMIT 1")).first() is None


def _behind(db: Database) -> bool:
    """True when the stored Alembic revision is not the newest one (Alembic itself loads only then)."""
    newest = max(p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py"))
    with db.engine.connect() as conn:
        stored = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return stored != newest


def open_cache(config: KioskConfig) -> Database:
    """The kiosk's SQLite cache, created and migrated as needed.

    Checked first (PRAGMA quick_check): a damaged one is made again (kiosk.sync.heal).
    """
    config.cache_path.parent.mkdir(parents=True, exist_ok=True)
    problem = check(config.cache_path)
    if problem is not None:
        heal(config.cache_path, problem, kiosk_id=config.kiosk_id, now=_now())
    cache = Database(sqlite_url(config.cache_path))
    try:
        cache.init_schema()
    except Exception as exc:  # damage quick_check missed (it reads no index contents): heal and try once more
        cache.dispose()
        if not is_corruption(exc):
            raise
        heal(config.cache_path, reason(exc), kiosk_id=config.kiosk_id, now=_now())
        cache = Database(sqlite_url(config.cache_path))
        cache.init_schema()
    return cache


def _now() -> datetime:
    """A damaged cache cannot say the post's zone: the machine's clock, to the second (the rebuild's mark)."""
    return PostClock(seconds=True)()


def open_remote(config: KioskConfig, cache: Database | None = None) -> RemoteCentral:
    """The kiosk-central service's client for a configuration whose central is https (kiosk.central.client).

    Given the kiosk's cache, the client's clock reads the post's zone it records (once the first sync brought it).
    """
    from kiosk.central.client import RemoteCentral  # the TLS client and its set-up load only for such a kiosk

    link = config.link
    zone = post_timezone(cache) if cache is not None else None
    return RemoteCentral(link.urls, ca=link.ca, cert=link.cert, key=link.key, timezone=zone)
