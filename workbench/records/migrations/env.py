"""Alembic's environment for the store: runs on the connection the store passes in.

:func:`workbench.records.migrate.upgrade` puts an open SQLAlchemy ``Connection`` in
``config.attributes["connection"]``; there is no ``alembic.ini`` and no URL here.
"""

from __future__ import annotations

from alembic import context

from workbench.records.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the store always passes one
    raise RuntimeError("the store's migrations run only through workbench.records.migrate")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
