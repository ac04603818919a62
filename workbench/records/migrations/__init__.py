"""The store's Alembic migrations (``env.py`` and ``versions/``), run by
:func:`workbench.records.migrate.upgrade` when a store is opened."""
