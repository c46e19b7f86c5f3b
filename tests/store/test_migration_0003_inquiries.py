"""Migration 0003 builds exactly the inquiry and signing-key tables the models describe."""

from __future__ import annotations

import importlib
from pathlib import Path

import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations

from kiosk.store.base import Base
from kiosk.store.inquiries import INQUIRY_TABLES

MIGRATION = importlib.import_module("kiosk.store.migrations.versions.0003_inquiries")


def _shape(engine: sa.Engine) -> dict[str, object]:
    insp = sa.inspect(engine)
    return {
        t: {
            "columns": sorted((c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns(t)),
            "pk": insp.get_pk_constraint(t)["constrained_columns"],
            "fks": sorted((tuple(f["constrained_columns"]), f["referred_table"]) for f in insp.get_foreign_keys(t)),
            "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"])) for i in insp.get_indexes(t)),
            "uniques": sorted(tuple(u["column_names"]) for u in insp.get_unique_constraints(t)),
            "checks": sorted(c["name"] for c in insp.get_check_constraints(t)),
        }
        for t in sorted(insp.get_table_names())
    }


def test_migration_matches_the_models_and_downgrades_cleanly(tmp_path: Path) -> None:
    from_models = sa.create_engine(f"sqlite:///{tmp_path / 'models.db'}")
    Base.metadata.create_all(from_models, tables=list(INQUIRY_TABLES))
    migrated = sa.create_engine(f"sqlite:///{tmp_path / 'migrated.db'}")
    later = importlib.import_module("kiosk.store.migrations.versions.0017_inquiry_contact")  # adds a column
    with migrated.begin() as conn, Operations.context(MigrationContext.configure(conn)):
        MIGRATION.upgrade()
        later.upgrade()
    assert MIGRATION.down_revision == "0002" and MIGRATION.revision == "0003"
    assert _shape(migrated) == _shape(from_models)
    with migrated.begin() as conn, Operations.context(MigrationContext.configure(conn)):
        later.downgrade()
        MIGRATION.downgrade()
    assert sa.inspect(migrated).get_table_names() == []
