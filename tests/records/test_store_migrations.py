"""A store made by an older schema opens at the newest, its rows intact."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from alembic import command

from workbench.client.examples import example_clients
from workbench.records import Store, migrate
from workbench.records.tables import metadata


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


CLIENT = example_clients()["desk-worker-flexion"]


def _tables_and_indexes(path: Path) -> dict[str, set[str]]:
    inspector = sa.inspect(sa.create_engine(sqlite_url(path)))
    return {
        name: {i["name"] for i in inspector.get_indexes(name)}
        for name in inspector.get_table_names()
        if name != "alembic_version"
    }


def test_a_store_at_the_first_revision_upgrades_on_open_with_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    engine = sa.create_engine(sqlite_url(path))
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), "0001")
    engine.dispose()
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
        con.execute(
            "INSERT INTO clients (id, name, created_at) VALUES (?, ?, ?)",
            (CLIENT.id, CLIENT.name, "2026-01-01 09:00:00.000000"),
        )
        con.execute(
            'INSERT INTO session_logs (client_id, session_id, "on", status, minutes, effort,'
            " hurt, notes, logged_at) VALUES (?, NULL, ?, 'done', 30, 3.0, '[]', 'old', ?)",
            (CLIENT.id, "2026-01-05", "2026-01-05 10:00:00.000000"),
        )
    with Store.open(path) as store:
        assert store.schema_version() == migrate.head()
        assert store.client(CLIENT.id).name == CLIENT.name
        (log,) = store.logs(CLIENT.id)
        assert (log.on, log.minutes, log.notes) == (date(2026, 1, 5), 30, "old")


def test_the_migrations_build_exactly_the_tables_the_store_uses(tmp_path: Path) -> None:
    with Store.open(tmp_path / "new.sqlite") as store:
        assert store.schema_version() == migrate.head()
    migrated = _tables_and_indexes(tmp_path / "new.sqlite")
    direct = tmp_path / "direct.sqlite"
    metadata.create_all(sa.create_engine(sqlite_url(direct)))
    assert migrated == _tables_and_indexes(direct)
    cols = sa.inspect(sa.create_engine(sqlite_url(tmp_path / "new.sqlite")))
    for table in metadata.sorted_tables:
        assert {c["name"] for c in cols.get_columns(table.name)} == set(table.c.keys())
