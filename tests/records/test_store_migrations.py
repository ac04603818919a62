"""A store made by an older schema opens at the newest, its rows intact, on SQLite and on
PostgreSQL alike (the same Alembic migrations), and the migrations build exactly the
tables the store's code declares."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from workbench.client.examples import example_clients
from workbench.records import Store, migrate
from workbench.records.engine import database_url
from workbench.records.tables import metadata

CLIENT = example_clients()["desk-worker-flexion"]


def _engine(store_url: str) -> sa.Engine:
    url = store_url if "://" in store_url else f"sqlite:///{store_url}"
    return sa.create_engine(database_url(url))


def _tables_and_indexes(engine: sa.Engine) -> dict[str, set[str]]:
    inspector = sa.inspect(engine)
    return {
        name: {i["name"] for i in inspector.get_indexes(name)}
        for name in inspector.get_table_names()
        if name != "alembic_version"
    }


def test_a_store_at_the_first_revision_upgrades_on_open_with_its_rows(store_url) -> None:
    engine = _engine(store_url)
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), "0001")
    with engine.begin() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "0001"
        conn.execute(
            sa.text("INSERT INTO clients (id, name, created_at) VALUES (:id, :name, :at)"),
            {"id": CLIENT.id, "name": CLIENT.name, "at": datetime(2026, 1, 1, 9)},
        )
        conn.execute(
            sa.text(
                'INSERT INTO session_logs (client_id, session_id, "on", status, minutes, '
                "effort, hurt, notes, logged_at) VALUES (:id, NULL, :on, 'done', 30, 3.0, "
                "'[]', 'old', :at)"
            ),
            {"id": CLIENT.id, "on": date(2026, 1, 5), "at": datetime(2026, 1, 5, 10)},
        )
    engine.dispose()
    with Store.open(store_url) as store:
        assert store.schema_version() == migrate.head()
        assert store.client(CLIENT.id).name == CLIENT.name
        (log,) = store.logs(CLIENT.id)
        assert (log.on, log.minutes, log.notes) == (date(2026, 1, 5), 30, "old")


def test_the_migrations_build_exactly_the_tables_the_store_uses(store_url) -> None:
    with Store.open(store_url) as store:
        assert store.schema_version() == migrate.head()
    engine = _engine(store_url)
    with engine.connect() as conn:
        # Alembic's own comparison of the migrated database with the declared tables
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []
    inspector = sa.inspect(engine)
    for table in metadata.sorted_tables:
        assert {c["name"] for c in inspector.get_columns(table.name)} == set(table.c.keys())
    assert set(_tables_and_indexes(engine)) == {t.name for t in metadata.sorted_tables}
    engine.dispose()
