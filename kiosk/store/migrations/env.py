"""Alembic environment: runs on the connection `Database.init_schema` hands over."""

from __future__ import annotations

from alembic import context

from kiosk.store import schema  # noqa: F401  (registers every table on Base.metadata)
from kiosk.store.base import Base

connection = context.config.attributes.get("connection")
if connection is None:
    from sqlalchemy import create_engine

    url = context.config.get_main_option("sqlalchemy.url")
    if url is None:
        raise RuntimeError("alembic: no connection given and no sqlalchemy.url configured")
    connection = create_engine(url, hide_parameters=True).connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
